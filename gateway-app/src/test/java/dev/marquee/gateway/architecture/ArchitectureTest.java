package dev.marquee.gateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/** The package rules of the gateway: capabilities without cycles, booking rules in the core, chains behind the SPI. */
class ArchitectureTest {
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.marquee.gateway");

    private static ArchRule noCyclesBetweenPackagesOf(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    @Test
    void capabilityPackagesHaveNoCycles() {
        noCyclesBetweenPackagesOf("dev.marquee.gateway").check(GATEWAY);
    }

    /** Control run: the same rule fails on two test packages that use each other. */
    @Test
    void theCycleRuleCatchesACycle() {
        JavaClasses cyclic = new ClassFileImporter().importPackages("dev.marquee.archfixture");

        assertThatThrownBy(() -> noCyclesBetweenPackagesOf("dev.marquee.archfixture").check(cyclic))
                .isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected");
    }

    @Test
    void gatewayReachesAdaptersOnlyThroughTheServiceLoader() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("dev.marquee.adapters..", "dev.marquee.sandbox..")
                .check(GATEWAY);
    }

    @Test
    void onlyTheFrameworkReachesIntoTheWiring() {
        noClasses().that().resideOutsideOfPackage("dev.marquee.gateway.wiring..")
                .should().dependOnClassesThat().resideInAPackage("dev.marquee.gateway.wiring..")
                .check(GATEWAY);
    }

    @Test
    void controllersDoNotTouchTheDatabase() {
        noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.micronaut.transaction..")
                .check(GATEWAY);
    }
}
