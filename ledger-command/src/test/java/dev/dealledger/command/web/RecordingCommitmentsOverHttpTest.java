package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class RecordingCommitmentsOverHttpTest {

    @Inject
    EventStoreProbe events;

    @Test
    void the_blackwell_commitment_is_recorded_on_the_deal() {
        Scenario s = Scenario.aDeal();

        Response response = post(s.commitmentsPath(), Scenario.blackwell("c-blackwell"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("dealId", equalTo(s.dealId))
                .body("commitmentId", equalTo("c-blackwell"))
                .body("version", equalTo(1))
                .body("recordedAt", endsWith("Z"));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(CommitmentRecordedEvent.class)).isTrue();
        assertThat(stored.sequence()).isEqualTo(1);
        // Money stays a string in the stored event too: no reader ever sees a binary floating point number.
        assertThat(stored.payload().get("amount").isTextual()).isTrue();
        assertThat(stored.payload().get("amount").asText()).isEqualTo("14200000000.00");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("USD");
        assertThat(stored.payload().get("termStart").asText()).isEqualTo("2025-10-01");
        assertThat(stored.payload().get("termEnd").asText()).isEqualTo("2031-12-31");
        assertThat(stored.payload().get("resource").asText()).isEqualTo("Nvidia Blackwell GPU capacity");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2025-09-30");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
        assertThat(response.jsonPath().getLong("position")).isEqualTo(stored.position());
    }

    @Test
    void a_commitment_on_an_unknown_deal_is_not_found_and_records_nothing() {
        String path = API + "/deals/" + Scenario.unique("of-nobody") + "/commitments";

        Response response = events.recordsNothing(() -> post(path, Scenario.hundredAMonth("c-1")));

        assertProblem(response, 404, "not-found");
    }

    @Test
    void a_deal_id_in_the_path_that_names_a_counterparty_is_not_found() {
        Scenario s = Scenario.aDeal();
        String path = API + "/deals/" + s.counterpartyId + "/commitments";

        Response response = events.recordsNothing(() -> post(path, Scenario.hundredAMonth("c-1")));

        assertProblem(response, 404, "not-found");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00"})
    void a_zero_amount_is_invalid_and_records_nothing(String amount) {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1").with("amount", amount);

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "non-positive-amount", "amount");
    }

    @Test
    void a_negative_amount_is_invalid_and_records_nothing() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1").with("amount", "-1200.00");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "validation", "amount");
    }

    @Test
    void an_amount_with_three_decimals_in_usd_is_invalid() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1").with("amount", "1200.001");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "amount-precision", "amount");
    }

    @Test
    void an_amount_with_decimals_in_yen_is_invalid() {
        Scenario s = Scenario.aDealIn("JPY");
        Json body = Scenario.hundredAMonth("c-1").with("amount", "1200.5");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "amount-precision", "amount");
    }

    @Test
    void a_whole_yen_amount_is_recorded() {
        Scenario s = Scenario.aDealIn("JPY");

        s.recordCommitment(Scenario.hundredAMonth("c-1").with("amount", "1200000"));

        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.payload().get("amount").asText()).isEqualTo("1200000");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("JPY");
    }

    @Test
    void the_largest_amount_a_fact_can_carry_in_a_four_decimal_currency_is_recorded() {
        Scenario s = Scenario.aDealIn("CLF");

        s.recordCommitment(Scenario.hundredAMonth("c-1").with("amount", "922337203685477.5807"));

        assertThat(events.last(s.dealId).payload().get("amount").asText()).isEqualTo("922337203685477.5807");
    }

    @Test
    void a_fifteen_digit_amount_whose_minor_units_do_not_fit_is_refused_as_input_not_a_server_error() {
        Scenario s = Scenario.aDealIn("CLF");
        Json body = Scenario.hundredAMonth("c-1").with("amount", "922337203685478");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "amount-out-of-range", "amount");
        assertThat(response.asString()).contains("922337203685477.5807");
    }

    @Test
    void an_amendment_that_would_take_a_commitment_beyond_what_it_can_carry_is_refused() {
        Scenario s = Scenario.aDealIn("CLF");
        s.recordCommitment(Scenario.hundredAMonth("c-1").with("amount", "922337203685477.0000"));
        Json amendment = Scenario.amendment("a-1", "1.0000", "2026-01-01");

        Response response = events.recordsNothing(() -> post(s.amendmentsPath("c-1"), amendment));

        assertInvalid(response, "amount-out-of-range", "amountDelta");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e9", "1,200.00", "12 00", "+1200.00", "1200.", ".50", "0x10"})
    void an_amount_that_is_not_a_plain_decimal_string_is_invalid(String amount) {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1").with("amount", amount);

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "validation", "amount");
    }

    @Test
    void an_amount_sent_as_a_json_number_is_malformed() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1").with("amount", new BigDecimal("1200.00"));

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void a_term_that_ends_before_it_starts_is_invalid() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.commitment("c-1", "1200.00", "2026-12-31", "2026-01-01", "2025-12-01");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "term-end-before-start", "termEnd");
    }

    @Test
    void missing_values_are_listed_field_by_field() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.hundredAMonth("c-1")
                .without("termStart")
                .without("effectiveDate")
                .with("resource", "");

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), body));

        assertInvalid(response, "validation", "termStart", "effectiveDate", "resource");
    }

    @Test
    void a_commitment_id_already_recorded_on_the_deal_is_a_conflict() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));

        Response response = events.recordsNothing(() -> post(s.commitmentsPath(), Scenario.blackwell("c-1")));

        assertProblem(response, 409, "id-already-used");
    }
}
