package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The option of every scenario here is the example's: up to 6 billion, exercisable 2026-01-01..2026-12-31. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class ExercisingOptionsOverHttpTest {

    private static final String OPTION = "opt-expansion";

    @Inject
    EventStoreProbe events;

    private Scenario aDealWithTheOption() {
        Scenario s = Scenario.aDeal();
        s.grantOption(Scenario.option(OPTION));
        return s;
    }

    @Test
    void a_partial_exercise_records_the_new_commitment_and_the_lapsed_rest() {
        Scenario s = aDealWithTheOption();

        Response response =
                post(s.exercisePath(OPTION), Scenario.exercise("c-vera-rubin", "4500000000.00", "2026-04-01"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("dealId", equalTo(s.dealId))
                .body("optionId", equalTo(OPTION))
                .body("commitmentId", equalTo("c-vera-rubin"))
                .body("version", equalTo(2));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(OptionExercisedEvent.class)).isTrue();
        assertThat(stored.payload().get("amount").asText()).isEqualTo("4500000000.00");
        assertThat(stored.payload().get("lapsedAmount").asText()).isEqualTo("1500000000.00");
        assertThat(stored.payload().get("termStart").asText()).isEqualTo("2026-07-01");
        assertThat(stored.payload().get("termEnd").asText()).isEqualTo("2032-12-31");
        assertThat(stored.payload().get("resource").asText()).isEqualTo("Nvidia Vera Rubin GPU capacity");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2026-04-01");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void the_commitment_an_exercise_created_can_be_amended_like_any_other() {
        Scenario s = aDealWithTheOption();
        s.exerciseOption(OPTION, Scenario.exercise("c-vera-rubin", "6000000000.00", "2026-04-01"));

        s.amend("c-vera-rubin", Scenario.amendment("amd-1", "100000000.00", "2027-01-01"));

        assertThat(events.last(s.dealId).payload().get("commitmentId").asText()).isEqualTo("c-vera-rubin");
    }

    @Test
    void an_exercise_on_an_unknown_deal_is_not_found() {
        String path = API + "/deals/" + Scenario.unique("of-nobody") + "/options/" + OPTION + "/exercise";

        Response response = events.recordsNothing(() -> post(path, Scenario.exercise("c-1", "1.00", "2026-04-01")));

        assertProblem(response, 404, "not-found");
    }

    @Test
    void an_exercise_of_an_unknown_option_is_not_found() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath("opt-never-granted"), Scenario.exercise("c-1", "1.00", "2026-04-01")));

        assertProblem(response, 404, "unknown-option");
    }

    @Test
    void a_second_exercise_of_the_same_option_is_a_conflict() {
        Scenario s = aDealWithTheOption();
        s.exerciseOption(OPTION, Scenario.exercise("c-1", "1000000000.00", "2026-04-01"));

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-2", "1000000000.00", "2026-05-01")));

        assertProblem(response, 409, "option-already-exercised");
    }

    @Test
    void an_exercise_before_the_window_opens_is_a_conflict() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-1", "1.00", "2025-12-31")));

        assertProblem(response, 409, "option-not-exercisable");
    }

    @Test
    void an_exercise_after_the_option_expired_is_a_conflict() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-1", "1.00", "2027-01-01")));

        assertProblem(response, 409, "option-not-exercisable");
    }

    @Test
    void an_exercise_above_the_options_maximum_is_a_conflict() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-1", "6000000000.01", "2026-04-01")));

        assertProblem(response, 409, "exercise-exceeds-option");
    }

    @Test
    void an_exercise_into_a_commitment_id_already_recorded_is_a_conflict() {
        Scenario s = aDealWithTheOption();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-1", "1.00", "2026-04-01")));

        assertProblem(response, 409, "id-already-used");
    }

    @Test
    void an_exercise_amount_with_more_decimals_than_the_currency_has_is_invalid() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath(OPTION), Scenario.exercise("c-1", "1.005", "2026-04-01")));

        assertInvalid(response, "amount-precision", "amount");
    }

    @Test
    void an_option_id_in_the_path_outside_the_id_rule_is_invalid() {
        Scenario s = aDealWithTheOption();

        Response response = events.recordsNothing(
                () -> post(s.exercisePath("_opt"), Scenario.exercise("c-1", "1.00", "2026-04-01")));

        assertInvalid(response, "validation", "optionId");
    }

    @Test
    void an_exercise_amount_sent_as_a_json_number_is_malformed() {
        Scenario s = aDealWithTheOption();
        Json body = Scenario.exercise("c-1", "1.00", "2026-04-01").with("amount", new BigDecimal("1000000000.00"));

        Response response = events.recordsNothing(() -> post(s.exercisePath(OPTION), body));

        assertProblem(response, 400, "malformed-request");
    }
}
