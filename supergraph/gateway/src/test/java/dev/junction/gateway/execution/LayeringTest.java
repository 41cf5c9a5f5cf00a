package dev.junction.gateway.execution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine (execution, response) knows nothing of HTTP serving or configuration files. */
class LayeringTest {
  private static final JavaClasses GATEWAY =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.junction.gateway");

  @Test
  void engineDoesNotDependOnServerOrConfig() {
    noClasses()
        .that()
        .resideInAnyPackage("dev.junction.gateway.execution..", "dev.junction.gateway.response..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.junction.gateway.http..", "dev.junction.gateway.config..", "org.yaml..")
        .check(GATEWAY);
  }

  @Test
  void noSpringInTheGateway() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework..")
        .check(GATEWAY);
  }
}
