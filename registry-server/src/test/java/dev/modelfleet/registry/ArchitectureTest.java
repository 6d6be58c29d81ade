package dev.modelfleet.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import jakarta.persistence.Entity;
import org.junit.jupiter.api.Test;

/** The registry's package rules: features talk only through their public types. */
class ArchitectureTest {
  static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.modelfleet.registry");

  @Test
  void featuresHaveNoCycles() {
    slices()
        .matching("dev.modelfleet.registry.(*)..")
        .should()
        .beFreeOfCycles()
        .because("a feature must be changeable and testable without the ones that use it")
        .check(CLASSES);
  }

  @Test
  void entitiesArePackagePrivate() {
    classes()
        .that()
        .areAnnotatedWith(Entity.class)
        .should()
        .notBePublic()
        .because("entities never leave their feature package nor get serialized")
        .check(CLASSES);
  }

  @Test
  void entitiesAreOnlyUsedInsideTheirPackage() {
    noClasses()
        .should(useAnEntityOfAnotherPackage())
        .because("other features see records and services, never another feature's rows")
        .check(CLASSES);
  }

  @Test
  void featuresUseOnlyPublicTypesOfOtherFeatures() {
    noClasses()
        .should(accessNonPublicTypesOfAnotherFeature())
        .because("a feature's package-private types are its implementation")
        .check(CLASSES);
  }

  @Test
  void noInternalPackagesOfTheLibrariesAreUsed() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage(
            "dev.modelfleet.(gguf|signing|delta)..internal..".replace("(gguf|signing|delta)", "*"))
        .because("library 'internal' packages may change in any release")
        .check(CLASSES);
  }

  @Test
  void controllersDoNotTouchRepositories() {
    noClasses()
        .that()
        .haveSimpleNameEndingWith("Controller")
        .should()
        .dependOnClassesThat()
        .haveSimpleNameEndingWith("Repository")
        .because("security (@PreAuthorize) and audit live on the services")
        .check(CLASSES);
  }

  private static String feature(JavaClass c) {
    String p = c.getPackageName();
    String rest = p.startsWith("dev.modelfleet.registry.") ? p.substring(24) : "";
    int dot = rest.indexOf('.');
    return dot < 0 ? rest : rest.substring(0, dot);
  }

  static ArchCondition<JavaClass> useAnEntityOfAnotherPackage() {
    return new ArchCondition<>("use an entity of another package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        item.getDirectDependenciesFromSelf().stream()
            .filter(d -> d.getTargetClass().isAnnotatedWith(Entity.class))
            .filter(d -> !d.getTargetClass().getPackageName().equals(item.getPackageName()))
            .forEach(d -> events.add(SimpleConditionEvent.satisfied(d, d.getDescription())));
      }
    };
  }

  static ArchCondition<JavaClass> accessNonPublicTypesOfAnotherFeature() {
    DescribedPredicate<JavaClass> nonPublic =
        DescribedPredicate.describe(
            "non-public", c -> !c.getModifiers().contains(JavaModifier.PUBLIC));
    return new ArchCondition<>("access non-public types of another feature") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        item.getDirectDependenciesFromSelf().stream()
            .filter(d -> d.getTargetClass().getPackageName().startsWith("dev.modelfleet.registry."))
            .filter(d -> !feature(d.getTargetClass()).equals(feature(item)))
            .filter(d -> nonPublic.test(d.getTargetClass()))
            .forEach(d -> events.add(SimpleConditionEvent.satisfied(d, d.getDescription())));
      }
    };
  }
}
