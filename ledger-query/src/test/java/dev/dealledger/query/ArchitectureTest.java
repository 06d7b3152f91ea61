package dev.dealledger.query;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The query service's boundaries, as executable rules over its production classes. */
@AnalyzeClasses(packages = "dev.dealledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule the_query_service_never_imports_the_command_service = noClasses()
            .that()
            .resideInAPackage("dev.dealledger.query..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dealledger.command..")
            .because("the two services share only ledger-api and ledger-axon");

    @ArchTest
    static final ArchRule derivation_knows_no_http_and_no_quarkus = noClasses()
            .that()
            .resideInAPackage("dev.dealledger.query.derive..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("jakarta.ws.rs..", "io.quarkus..")
            .because("the numbers of docs/domain.md are derived in plain Java, testable without a server");

    @ArchTest
    static final ArchRule the_read_model_does_not_know_the_web_layer = noClasses()
            .that()
            .resideInAPackage("dev.dealledger.query.readmodel..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("dev.dealledger.query.web..")
            .because("the web layer reads the read model, never the other way round");
}
