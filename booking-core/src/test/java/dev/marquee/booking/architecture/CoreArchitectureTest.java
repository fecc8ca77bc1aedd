package dev.marquee.booking.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The booking core stays plain Java: readable and testable without a framework, a database or a broker. */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.marquee.booking");

    @Test
    void coreUsesNoFrameworkDatabaseOrBroker() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.micronaut..", "jakarta..", "javax.sql..", "java.sql..",
                "com.rabbitmq..", "com.fasterxml..", "org.slf4j..", "dev.marquee.gateway..")
                .because("the rules are plain Java behind ports; the gateway supplies the edges")
                .check(CORE);
    }

    @Test
    void coreReachesChainsOnlyThroughTheSpi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.marquee.adapters..", "dev.marquee.sandbox..")
                .check(CORE);
    }

    @Test
    void corePackagesHaveNoCycles() {
        slices().matching("dev.marquee.booking.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
