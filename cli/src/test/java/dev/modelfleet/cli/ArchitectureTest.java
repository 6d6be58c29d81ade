package dev.modelfleet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Package rules for the CLI and every library it links (the registry server has its own test). */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.modelfleet");

  @Test
  void packagesHaveNoCycles() {
    slices()
        .matching("dev.modelfleet.(**)")
        .should()
        .beFreeOfCycles()
        .because("cycles make features impossible to change or extract one at a time")
        .check(CLASSES);
  }

  @Test
  void internalPackagesAreNotUsedOutsideTheirModule() {
    noClasses()
        .should(useAnotherModulesInternals())
        .because("'internal' packages are implementation details that may change in any release")
        .check(CLASSES);
  }

  @Test
  void librariesDoNotDependOnTheCli() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.modelfleet.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.modelfleet.cli..")
        .because("libraries are used on devices without the command line")
        .check(CLASSES);
  }

  @Test
  void librariesDoNotUseJavaNetHttp() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.modelfleet.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("java.net.http..")
        .because("java.net.http does not exist on Android")
        .check(CLASSES);
  }

  /** dev.modelfleet.MODULE.… may use dev.modelfleet.OTHER.internal.… only when MODULE == OTHER. */
  static ArchCondition<JavaClass> useAnotherModulesInternals() {
    return new ArchCondition<>("use another module's internal package") {
      @Override
      public void check(JavaClass item, ConditionEvents events) {
        String own = module(item.getPackageName());
        item.getDirectDependenciesFromSelf()
            .forEach(
                d -> {
                  String target = d.getTargetClass().getPackageName();
                  if (target.startsWith("dev.modelfleet.")
                      && target.contains(".internal")
                      && !module(target).equals(own)) {
                    events.add(SimpleConditionEvent.satisfied(d, d.getDescription()));
                  }
                });
      }
    };
  }

  private static String module(String packageName) {
    String[] parts = packageName.toLowerCase(Locale.ROOT).split("\\.", -1);
    return parts.length > 2 ? parts[2] : "";
  }
}
