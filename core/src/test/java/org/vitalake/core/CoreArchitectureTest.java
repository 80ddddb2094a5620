package org.vitalake.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

class CoreArchitectureTest {

  private static final ArchRule CORE_DEPENDS_ONLY_ON_THE_JDK_AND_SLF4J =
      classes()
          .that()
          .resideInAPackage("org.vitalake.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("java..", "org.slf4j..", "org.vitalake.core..")
          .because(
              "core is the framework-free domain every module shares: records, rules and ports."
                  + " Put framework code in the module that adapts it (lakehouse for Iceberg and"
                  + " S3, ml-coaching for Tribuo, the services identity, ingest-api and"
                  + " serving-api for Micronaut, batch-jobs for Spring Batch and Spark) and"
                  + " depend on core from there");

  @Test
  void coreDependsOnlyOnTheJdkAndSlf4j() {
    // given the production classes of core
    JavaClasses core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.vitalake.core");

    // then
    assertThat(core).isNotEmpty();
    CORE_DEPENDS_ONLY_ON_THE_JDK_AND_SLF4J.check(core);
  }
}
