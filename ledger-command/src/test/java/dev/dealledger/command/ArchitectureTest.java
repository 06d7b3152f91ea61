package dev.dealledger.command;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md, "Layering rules": the domain knows no web, persistence or Quarkus, the command service never
 * imports the query service, and no two of its packages depend on each other.
 * The rules are built by the methods below so that each is also shown to catch a violation (the "catches" tests), which
 * proves it is not vacuously green.
 */
class ArchitectureTest {

    private static final String COMMAND = "dev.dealledger.command..";
    private static final String DOMAIN = "dev.dealledger.command.domain..";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // Only the command service's own classes are analysed; their dependencies are known by name, which is all the
        // package rules need, so the importer need not chase them through the whole class path.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.dealledger.command");
    }

    /** No two packages under {@code root} depend on each other, directly or through others. */
    static ArchRule freeOfPackageCycles(String root) {
        return slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a package cycle makes two packages one, whatever their names say");
    }

    static ArchRule frameworkFree(String packages) {
        return noClasses()
                .that()
                .resideInAPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "jakarta.ws.rs..",
                        "jakarta.persistence..",
                        "io.quarkus..",
                        "io.agroal..",
                        "java.sql..",
                        "dev.dealledger.command.web..",
                        "dev.dealledger.command.config..",
                        "dev.dealledger.command.infra..",
                        "dev.dealledger.command.write..")
                .because("the domain holds the rules only; HTTP, persistence and wiring live outside it");
    }

    static ArchRule noJdbc(String packages) {
        return noClasses()
                .that()
                .resideInAPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "io.agroal..")
                .because("the web layer speaks HTTP; the database is reached through the write side (issue 13)");
    }

    static ArchRule independentOf(String packages, String forbidden) {
        return noClasses()
                .that()
                .resideInAPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(forbidden)
                .because("the command and query services deploy and evolve separately");
    }

    @Test
    void the_production_classes_of_every_layer_were_imported() {
        assertThat(production.contain("dev.dealledger.command.domain.Deal")).isTrue();
        assertThat(production.contain("dev.dealledger.command.web.LedgerWriter"))
                .isTrue();
        assertThat(production.contain("dev.dealledger.command.config.CommandAxonConfiguration"))
                .isTrue();
        assertThat(production.contain("dev.dealledger.command.domain.DealFixtures"))
                .as("test fixtures are not production code")
                .isFalse();
    }

    @Test
    void the_domain_depends_on_no_web_persistence_quarkus_or_wiring() {
        frameworkFree(DOMAIN).check(production);
    }

    @Test
    void the_web_layer_uses_no_jdbc() {
        noJdbc("dev.dealledger.command.web..").check(production);
    }

    @Test
    void the_jdbc_rule_catches_a_package_that_uses_jdbc() {
        // The write side reads and writes idempotency records with JDBC: the same rule aimed at it must report that.
        assertThat(noJdbc("dev.dealledger.command.write..").evaluate(production).hasViolation())
                .isTrue();
    }

    @Test
    void the_command_service_does_not_depend_on_the_query_service() {
        independentOf(COMMAND, "dev.dealledger.query..").check(production);
    }

    @Test
    void the_framework_rule_catches_a_package_that_uses_jax_rs() {
        // The web layer legitimately uses JAX-RS, so the domain rule applied to it must report violations.
        assertThat(frameworkFree("dev.dealledger.command.web..")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void the_independence_rule_catches_a_dependency_that_exists() {
        // The command service does depend on the shared api module: the same rule aimed at it must report that.
        assertThat(independentOf(COMMAND, "dev.dealledger.api..")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        freeOfPackageCycles("dev.dealledger.command").check(production);
    }

    @Test
    void the_cycle_rule_catches_a_package_cycle() {
        // Two test packages that import each other on purpose (archfixture.cycle): the rule aimed at them must report
        // it.
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.dealledger.command.archfixture.cycle");
        assertThat(fixture).hasSize(2);
        assertThat(freeOfPackageCycles("dev.dealledger.command.archfixture.cycle")
                        .evaluate(fixture)
                        .hasViolation())
                .isTrue();
    }
}
