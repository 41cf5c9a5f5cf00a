package dev.junction.planner;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The planner is a pure library: graphql-java only, no Spring, no HTTP, no I/O frameworks. */
class PlannerPurityTest {
  private static final JavaClasses PLANNER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.junction.planner");

  @Test
  void dependsOnNoFrameworkOrTransport() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "reactor..",
            "io.netty..",
            "java.net.http..",
            "com.fasterxml.jackson..",
            "dev.junction.gateway..")
        .check(PLANNER);
  }

  @Test
  void planTypesDoNotDependOnTheBuilder() {
    noClasses()
        .that()
        .resideInAPackage("dev.junction.planner.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.junction.planner.build..", "graphql..")
        .check(PLANNER);
  }
}
