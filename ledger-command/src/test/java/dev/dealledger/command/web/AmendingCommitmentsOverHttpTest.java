package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** Most cases amend {@link Scenario#hundredAMonth}: 1,200.00 over 2026, 100.00 due at each month end. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class AmendingCommitmentsOverHttpTest {

    private static final String C = "c-hundred";

    @Inject
    EventStoreProbe events;

    private Scenario aDealWithTheRoundCommitment() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth(C));
        return s;
    }

    @Test
    void the_examples_backdated_correction_is_recorded_after_the_later_facts() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.blackwell("c-blackwell"));
        s.grantOption(Scenario.option("opt-expansion"));
        s.exerciseOption("opt-expansion", Scenario.exercise("c-vera-rubin", "6000000000.00", "2026-04-01"));

        Response response =
                post(s.amendmentsPath("c-blackwell"), Scenario.amendment("amd-2026-01", "250000000.00", "2026-01-01"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"4\"")
                .body("dealId", equalTo(s.dealId))
                .body("commitmentId", equalTo("c-blackwell"))
                .body("amendmentId", equalTo("amd-2026-01"))
                .body("version", equalTo(4));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(CommitmentAmendedEvent.class)).isTrue();
        assertThat(stored.payload().get("commitmentId").asText()).isEqualTo("c-blackwell");
        assertThat(stored.payload().get("amountDelta").asText()).isEqualTo("250000000.00");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("USD");
        assertThat(stored.payload().get("newTermEnd").isNull()).isTrue();
        assertThat(stored.payload().get("reason").asText()).isEqualTo("illustrative correction");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2026-01-01");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void a_change_of_term_alone_is_recorded_with_a_zero_delta() {
        Scenario s = aDealWithTheRoundCommitment();

        s.amend(
                C,
                Scenario.amendment("a1", null, "2026-06-30")
                        .without("amountDelta")
                        .with("newTermEnd", "2027-06-30"));

        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(new BigDecimal(stored.payload().get("amountDelta").asText())).isZero();
        assertThat(stored.payload().get("newTermEnd").asText()).isEqualTo("2027-06-30");
    }

    @Test
    void a_reduction_down_to_exactly_what_has_fallen_due_is_accepted() {
        Scenario s = aDealWithTheRoundCommitment();

        s.amend(C, Scenario.amendment("a1", "-600.00", "2026-06-30"));

        assertThat(events.last(s.dealId).payload().get("amountDelta").asText()).isEqualTo("-600.00");
    }

    @Test
    void a_reduction_below_what_has_fallen_due_is_a_conflict_and_records_nothing() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a1", "-600.01", "2026-06-30")));

        assertProblem(response, 409, "amendment-refused");
        response.then().body("detail", containsString("BELOW_FALLEN_DUE"));
    }

    @Test
    void an_amendment_effective_after_the_term_ended_is_a_conflict() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a1", "100.00", "2027-01-01")));

        assertProblem(response, 409, "amendment-refused");
        response.then().body("detail", containsString("AFTER_TERM_END"));
    }

    @Test
    void an_amendment_on_or_after_a_termination_is_a_conflict() {
        Scenario s = aDealWithTheRoundCommitment();
        s.terminate(C, Scenario.termination("2026-06-30"));

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a1", "-100.00", "2026-06-30")));

        assertProblem(response, 409, "amendment-refused");
        response.then().body("detail", containsString("AFTER_TERMINATION"));
    }

    @Test
    void a_backdated_amendment_between_two_earlier_ones_is_accepted_when_both_still_apply() {
        Scenario s = aDealWithTheRoundCommitment();
        s.amend(C, Scenario.amendment("a1", "900.00", "2026-03-31"));
        s.amend(C, Scenario.amendment("a2", "-500.00", "2026-09-30"));

        s.amend(C, Scenario.amendment("a3", "300.00", "2026-06-30"));

        assertThat(events.countOf(s.dealId, CommitmentAmendedEvent.class)).isEqualTo(3);
    }

    @Test
    void a_backdated_amendment_that_would_invalidate_a_later_one_is_a_conflict() {
        // a1 leaves 200.00 a month from April; a2 then leaves 1,600.00 with 1,500.00 fallen due. With a3 (-450.00 on
        // 2026-06-30) in between, 1,275.00 has fallen due by a2's date and a2 would leave only 1,150.00.
        Scenario s = aDealWithTheRoundCommitment();
        s.amend(C, Scenario.amendment("a1", "900.00", "2026-03-31"));
        s.amend(C, Scenario.amendment("a2", "-500.00", "2026-09-30"));

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a3", "-450.00", "2026-06-30")));

        assertProblem(response, 409, "amendment-refused");
        response.then().body("detail", containsString("'a2'"));
    }

    @Test
    void an_amendment_id_already_used_is_a_conflict() {
        Scenario s = aDealWithTheRoundCommitment();
        s.amend(C, Scenario.amendment("a1", "100.00", "2026-03-31"));

        Response response =
                events.recordsNothing(() -> post(s.amendmentsPath(C), Scenario.amendment("a1", "50.00", "2026-04-30")));

        assertProblem(response, 409, "id-already-used");
    }

    @Test
    void an_amendment_of_an_unknown_commitment_is_not_found() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath("c-never-recorded"), Scenario.amendment("a1", "100.00", "2026-06-30")));

        assertProblem(response, 404, "unknown-commitment");
    }

    @Test
    void an_amendment_on_an_unknown_deal_is_not_found() {
        String path = API + "/deals/" + Scenario.unique("of-nobody") + "/commitments/" + C + "/amendments";

        Response response = events.recordsNothing(() -> post(path, Scenario.amendment("a1", "100.00", "2026-06-30")));

        assertProblem(response, 404, "not-found");
    }

    @Test
    void an_amendment_without_a_reason_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() -> post(
                s.amendmentsPath(C),
                Scenario.amendment("a1", "100.00", "2026-06-30").without("reason")));

        assertInvalid(response, "validation", "reason");
    }

    @Test
    void an_amendment_with_a_blank_reason_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() -> post(
                s.amendmentsPath(C),
                Scenario.amendment("a1", "100.00", "2026-06-30").with("reason", "  ")));

        assertInvalid(response, "validation", "reason");
    }

    @Test
    void an_amendment_that_changes_nothing_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() -> post(
                s.amendmentsPath(C),
                Scenario.amendment("a1", null, "2026-06-30").without("amountDelta")));

        assertInvalid(response, "empty-amendment", "amountDelta");
    }

    @Test
    void an_amendment_with_a_zero_delta_and_no_new_term_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response =
                events.recordsNothing(() -> post(s.amendmentsPath(C), Scenario.amendment("a1", "0.00", "2026-06-30")));

        assertInvalid(response, "empty-amendment", "amountDelta");
    }

    @Test
    void a_delta_with_more_decimals_than_the_currency_has_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a1", "-0.001", "2026-06-30")));

        assertInvalid(response, "amount-precision", "amountDelta");
    }

    @Test
    void a_delta_that_is_not_a_signed_decimal_string_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.amendmentsPath(C), Scenario.amendment("a1", "minus 5", "2026-06-30")));

        assertInvalid(response, "validation", "amountDelta");
    }

    @Test
    void a_delta_sent_as_a_json_number_is_malformed() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() -> post(
                s.amendmentsPath(C),
                Scenario.amendment("a1", null, "2026-06-30").with("amountDelta", new BigDecimal("-100.00"))));

        assertProblem(response, 400, "malformed-request");
    }
}
