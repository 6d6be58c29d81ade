package dev.modelfleet.delta;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The device side of the module stays small and separable from the encoder. */
class ArchitectureTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.modelfleet.delta");

  private static final String[] DEVICE_SIDE = {
    "dev.modelfleet.delta",
    "dev.modelfleet.delta.apply..",
    "dev.modelfleet.delta.inspect..",
    "dev.modelfleet.delta.internal.format..",
    "dev.modelfleet.delta.internal.transform..",
    "dev.modelfleet.delta.internal.bytes..",
    "dev.modelfleet.delta.internal.concurrent..",
    "dev.modelfleet.delta.internal.io.."
  };

  @Test
  void theApplierDoesNotDependOnGgufOrTheEncoder() {
    noClasses()
        .that()
        .resideInAnyPackage(DEVICE_SIDE)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.modelfleet.gguf..",
            "dev.modelfleet.delta.create..",
            "dev.modelfleet.delta.internal.cdc..")
        .because("devices only apply patches: the applier must ship without the GGUF reader")
        .check(CLASSES);
  }

  @Test
  void onlyTheEncoderReadsGguf() {
    noClasses()
        .that()
        .resideOutsideOfPackage("dev.modelfleet.delta.create..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("dev.modelfleet.gguf..")
        .because("GGUF knowledge belongs to the encoder's planner only")
        .check(CLASSES);
  }

  @Test
  void theLibraryUsesNoLoggingFrameworkAndNoJavaNetHttp() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.slf4j..", "java.util.logging..", "java.net.http..")
        .because("libraries report through listeners and run on Android")
        .check(CLASSES);
  }
}
