package dev.dealledger.model;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The model is plain Java (docs/architecture.md, "Layering rules"): the write side's validation and the read side's
 * derivation share it, so it may depend on the JDK and on itself, and on nothing else. Each rule has a "catches" test.
 */
class ArchitectureTest {

    private static final String MODEL = "dev.dealledger.model";

    static ArchRule plainJava() {
        return classes()
                .that()
                .resideInAPackage(MODEL + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", MODEL + "..")
                .because("one model of money and figures, with no framework, serves both services");
    }

    static ArchRule freeOfPackageCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    private static JavaClasses importModel(ImportOption option) {
        return new ClassFileImporter().withImportOption(option).importPackages(MODEL);
    }

    @Test
    void the_model_depends_on_the_jdk_and_on_itself_only() {
        JavaClasses production = importModel(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        assertThat(production.contain("dev.dealledger.model.money.Money")).isTrue();
        assertThat(production.contain("dev.dealledger.model.figures.FigureTotals"))
                .isTrue();
        plainJava().check(production);
    }

    @Test
    void the_plain_java_rule_catches_a_class_that_uses_a_library() {
        // The model's tests use JUnit and AssertJ: imported with them, the same rule must report it.
        JavaClasses withTests = importModel(location -> true);
        assertThat(plainJava().evaluate(withTests).hasViolation()).isTrue();
    }

    @Test
    void no_two_packages_of_the_model_depend_on_each_other() {
        freeOfPackageCycles(MODEL).check(importModel(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS));
    }

    @Test
    void the_cycle_rule_catches_a_package_cycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages(MODEL + ".archfixture.cycle");
        assertThat(fixture).hasSize(2);
        assertThat(freeOfPackageCycles(MODEL + ".archfixture.cycle")
                        .evaluate(fixture)
                        .hasViolation())
                .isTrue();
    }
}
