package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class SigningAgreementsOverHttpTest {

    private static final String AGREEMENTS = API + "/agreements";

    @Inject
    EventStoreProbe events;

    @Test
    void an_agreement_with_a_registered_counterparty_is_recorded() {
        Scenario s = Scenario.aCounterparty();

        Response response = post(AGREEMENTS, s.agreementBody());

        response.then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .body("agreementId", equalTo(s.agreementId))
                .body("counterpartyId", equalTo(s.counterpartyId))
                .body("version", equalTo(0));
        EventStoreProbe.StoredEvent stored = events.last(s.agreementId);
        assertThat(stored.is(AgreementSignedEvent.class)).isTrue();
        assertThat(stored.payload().get("counterpartyId").asText()).isEqualTo(s.counterpartyId);
        assertThat(stored.payload().get("signedOn").asText()).isEqualTo("2023-12-01");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2023-12-01");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void an_agreement_with_an_unknown_counterparty_is_invalid_and_records_nothing() {
        Scenario s = Scenario.aCounterparty();
        Json body = s.agreementBody().with("counterpartyId", Scenario.unique("nobody"));

        Response response = events.recordsNothing(() -> post(AGREEMENTS, body));

        assertInvalid(response, "unknown-counterparty", "counterpartyId");
    }

    @Test
    void a_counterparty_id_that_names_an_agreement_is_not_a_counterparty() {
        Scenario s = Scenario.anAgreement();
        Json body =
                s.agreementBody().with("agreementId", Scenario.unique("msa")).with("counterpartyId", s.agreementId);

        Response response = events.recordsNothing(() -> post(AGREEMENTS, body));

        assertInvalid(response, "unknown-counterparty", "counterpartyId");
    }

    @Test
    void an_agreement_id_already_recorded_is_a_conflict_and_records_nothing() {
        Scenario s = Scenario.anAgreement();

        Response response = events.recordsNothing(() -> post(AGREEMENTS, s.agreementBody()));

        assertProblem(response, 409, "concurrent-write");
    }

    @Test
    void missing_and_blank_values_are_listed_field_by_field() {
        Scenario s = Scenario.aCounterparty();
        Json body = s.agreementBody().with("title", "").without("signedOn");

        Response response = events.recordsNothing(() -> post(AGREEMENTS, body));

        assertInvalid(response, "validation", "title", "signedOn");
    }

    @Test
    void an_agreement_id_outside_the_id_rule_is_invalid() {
        Scenario s = Scenario.aCounterparty();
        Json body = s.agreementBody().with("agreementId", "msa/2023");

        Response response = events.recordsNothing(() -> post(AGREEMENTS, body));

        assertInvalid(response, "validation", "agreementId");
    }
}
