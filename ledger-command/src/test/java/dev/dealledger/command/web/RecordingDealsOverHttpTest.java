package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class RecordingDealsOverHttpTest {

    private static final String DEALS = API + "/deals";

    @Inject
    EventStoreProbe events;

    @Test
    void a_deal_under_a_known_agreement_is_recorded_with_the_agreements_counterparty() {
        Scenario s = Scenario.anAgreement();

        Response response = post(DEALS, s.dealBody("USD"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"0\"")
                .body("dealId", equalTo(s.dealId))
                .body("agreementId", equalTo(s.agreementId))
                .body("version", equalTo(0));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(DealRecordedEvent.class)).isTrue();
        assertThat(stored.payload().get("counterpartyId").asText()).isEqualTo(s.counterpartyId);
        assertThat(stored.payload().get("direction").asText()).isEqualTo("PAYABLE");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("USD");
        assertThat(stored.payload().get("sourceReference").asText()).isEqualTo("8-K 2025-09-30");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2025-09-30");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void a_receivable_deal_in_yen_is_recorded() {
        Scenario s = Scenario.anAgreement();

        post(DEALS, s.dealBody("JPY").with("direction", "RECEIVABLE")).then().statusCode(201);

        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.payload().get("direction").asText()).isEqualTo("RECEIVABLE");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("JPY");
    }

    @Test
    void a_deal_under_an_unknown_agreement_is_invalid_and_records_nothing() {
        Scenario s = Scenario.anAgreement();
        Json body = s.dealBody("USD").with("agreementId", Scenario.unique("msa-nobody"));

        Response response = events.recordsNothing(() -> post(DEALS, body));

        assertInvalid(response, "unknown-agreement", "agreementId");
    }

    @Test
    void an_agreement_id_that_names_a_counterparty_is_not_an_agreement() {
        Scenario s = Scenario.anAgreement();
        Json body = s.dealBody("USD").with("agreementId", s.counterpartyId);

        Response response = events.recordsNothing(() -> post(DEALS, body));

        assertInvalid(response, "unknown-agreement", "agreementId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"XYZ", "XAU", "XXX"})
    void a_three_letter_code_that_is_no_currency_with_a_minor_unit_is_invalid(String currency) {
        Scenario s = Scenario.anAgreement();

        Response response = events.recordsNothing(() -> post(DEALS, s.dealBody(currency)));

        assertInvalid(response, "invalid-currency", "currency");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "USDT", "U$D"})
    void a_currency_that_is_not_shaped_like_an_iso_4217_code_is_invalid(String currency) {
        Scenario s = Scenario.anAgreement();

        Response response = events.recordsNothing(() -> post(DEALS, s.dealBody(currency)));

        assertInvalid(response, "validation", "currency");
    }

    @Test
    void a_direction_other_than_payable_or_receivable_is_malformed() {
        Scenario s = Scenario.anAgreement();

        Response response =
                events.recordsNothing(() -> post(DEALS, s.dealBody("USD").with("direction", "SIDEWAYS")));

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void missing_values_are_listed_field_by_field() {
        Scenario s = Scenario.anAgreement();
        Json body = s.dealBody("USD").without("direction").without("signedOn").with("title", " ");

        Response response = events.recordsNothing(() -> post(DEALS, body));

        assertInvalid(response, "validation", "direction", "signedOn", "title");
    }

    @Test
    void a_deal_id_already_recorded_is_a_conflict_and_records_nothing() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(() -> post(DEALS, s.dealBody("USD")));

        assertProblem(response, 409, "concurrent-write");
    }
}
