package dev.dealledger.query;

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
 * The query service's boundaries (docs/architecture.md, "Layering rules"), as executable rules over its production
 * classes. Each rule is built by a method, so that a "catches" test can aim the same rule at code that breaks it and
 * prove it is not vacuously green.
 */
class ArchitectureTest {

    private static final String QUERY = "dev.dealledger.query";

    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        // Package rules need only the names of dependencies, so the importer need not chase the whole class path.
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(QUERY);
    }

    static ArchRule independentOf(String packages, String forbidden, String because) {
        return noClasses()
                .that()
                .resideInAPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(forbidden)
                .because(because);
    }

    static ArchRule knowsNoHttpAndNoQuarkus(String packages) {
        return noClasses()
                .that()
                .resideInAPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.ws.rs..", "io.quarkus..")
                .because("figures are derived and reads answered in plain Java, testable without a server");
    }

    /** No two packages under {@code root} depend on each other, directly or through others. */
    static ArchRule freeOfPackageCycles(String root) {
        return slices().matching(root + ".(*)..")
                .should()
                .beFreeOfCycles()
                .because("a package cycle makes two packages one, whatever their names say");
    }

    @Test
    void the_production_classes_of_every_package_were_imported() {
        assertThat(production.contain("dev.dealledger.query.read.LedgerReads")).isTrue();
        assertThat(production.contain("dev.dealledger.query.derive.LedgerFigures"))
                .isTrue();
        assertThat(production.contain("dev.dealledger.query.web.ExposureResource"))
                .isTrue();
        assertThat(production.contain("dev.dealledger.query.archfixture.cycle.first.First"))
                .as("test fixtures are not production code")
                .isFalse();
    }

    @Test
    void the_query_service_never_imports_the_command_service() {
        independentOf(
                        QUERY + "..",
                        "dev.dealledger.command..",
                        "the two services share only ledger-model, ledger-api and ledger-axon")
                .check(production);
    }

    @Test
    void the_independence_rule_catches_a_dependency_that_exists() {
        // The query service does use the published contract: the same rule aimed at it must report that.
        assertThat(independentOf(QUERY + "..", "dev.dealledger.api..", "a probe")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void derivation_and_the_read_service_know_no_http_and_no_quarkus() {
        knowsNoHttpAndNoQuarkus("dev.dealledger.query.derive..").check(production);
        knowsNoHttpAndNoQuarkus("dev.dealledger.query.read..").check(production);
    }

    @Test
    void the_http_rule_catches_a_package_that_speaks_http() {
        assertThat(knowsNoHttpAndNoQuarkus("dev.dealledger.query.web..")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void the_read_model_and_the_read_service_do_not_know_the_web_layer() {
        String because = "the web layer reads through them, never the other way round";
        independentOf("dev.dealledger.query.readmodel..", "dev.dealledger.query.web..", because)
                .check(production);
        independentOf("dev.dealledger.query.integrity..", "dev.dealledger.query.web..", because)
                .check(production);
        independentOf("dev.dealledger.query.read..", "dev.dealledger.query.web..", because)
                .check(production);
    }

    @Test
    void the_web_rule_catches_a_package_that_uses_the_web_layer() {
        // The web layer's resources use its own parameter parsing: aimed at web itself, the rule must report that.
        assertThat(independentOf("dev.dealledger.query.web..", "dev.dealledger.query.web..", "a probe")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    /** No class outside {@code packages} depends on a class inside them. */
    static ArchRule knownOnlyToItself(String packages, String because) {
        return noClasses()
                .that()
                .resideOutsideOfPackage(packages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(packages)
                .because(because);
    }

    @Test
    void nothing_but_the_console_knows_the_console() {
        knownOnlyToItself(
                        "dev.dealledger.query.console..",
                        "the console is a view over the API's reads; the service answers the same without it")
                .check(production);
    }

    @Test
    void the_console_rule_catches_a_package_that_others_use() {
        // The console reads through the web layer's resources: aimed at web, the rule must report the console.
        assertThat(knownOnlyToItself("dev.dealledger.query.web..", "a probe")
                        .evaluate(production)
                        .hasViolation())
                .isTrue();
    }

    @Test
    void no_two_packages_depend_on_each_other() {
        freeOfPackageCycles(QUERY).check(production);
    }

    @Test
    void the_cycle_rule_catches_a_package_cycle() {
        // Two test packages that import each other on purpose (archfixture.cycle, the same pair as the command
        // service's, because each service proves its own rules): the rule aimed at them must report it.
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.dealledger.query.archfixture.cycle");
        assertThat(fixture).hasSize(2);
        assertThat(freeOfPackageCycles("dev.dealledger.query.archfixture.cycle")
                        .evaluate(fixture)
                        .hasViolation())
                .isTrue();
    }
}
