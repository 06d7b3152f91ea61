package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/** The commitment terminated here is {@link Scenario#hundredAMonth}: 2026-01-01..2026-12-31. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class TerminatingCommitmentsOverHttpTest {

    private static final String C = "c-hundred";

    @Inject
    EventStoreProbe events;

    private Scenario aDealWithTheRoundCommitment() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth(C));
        return s;
    }

    @Test
    void a_commitment_is_terminated_from_a_date_within_its_term() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = post(s.terminationPath(C), Scenario.termination("2026-06-30"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"2\"")
                .body("dealId", equalTo(s.dealId))
                .body("commitmentId", equalTo(C))
                .body("version", equalTo(2));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(CommitmentTerminatedEvent.class)).isTrue();
        assertThat(stored.payload().get("commitmentId").asText()).isEqualTo(C);
        assertThat(stored.payload().get("reason").asText()).isEqualTo("capacity returned early");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2026-06-30");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void a_second_termination_is_a_conflict_and_records_nothing() {
        Scenario s = aDealWithTheRoundCommitment();
        s.terminate(C, Scenario.termination("2026-06-30"));

        Response response = events.recordsNothing(() -> post(s.terminationPath(C), Scenario.termination("2026-09-30")));

        assertProblem(response, 409, "commitment-terminated");
    }

    @Test
    void a_termination_after_the_term_ended_is_a_conflict() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() -> post(s.terminationPath(C), Scenario.termination("2027-01-01")));

        assertProblem(response, 409, "termination-refused");
    }

    @Test
    void a_termination_before_an_amendment_effective_later_is_recorded() {
        Scenario s = aDealWithTheRoundCommitment();
        s.amend(C, Scenario.amendment("a1", "100.00", "2026-09-30"));

        s.terminate(C, Scenario.termination("2026-06-30"));

        assertThat(events.last(s.dealId).payload().get("effectiveDate").asText())
                .isEqualTo("2026-06-30");
    }

    @Test
    void a_termination_of_an_unknown_commitment_is_not_found() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(
                () -> post(s.terminationPath("c-never-recorded"), Scenario.termination("2026-06-30")));

        assertProblem(response, 404, "unknown-commitment");
    }

    @Test
    void a_termination_on_an_unknown_deal_is_not_found() {
        String path = API + "/deals/" + Scenario.unique("of-nobody") + "/commitments/" + C + "/termination";

        Response response = events.recordsNothing(() -> post(path, Scenario.termination("2026-06-30")));

        assertProblem(response, 404, "not-found");
    }

    @Test
    void a_termination_without_a_reason_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() ->
                post(s.terminationPath(C), Scenario.termination("2026-06-30").without("reason")));

        assertInvalid(response, "validation", "reason");
    }

    @Test
    void a_termination_without_an_effective_date_is_invalid() {
        Scenario s = aDealWithTheRoundCommitment();

        Response response = events.recordsNothing(() ->
                post(s.terminationPath(C), Scenario.termination("2026-06-30").without("effectiveDate")));

        assertInvalid(response, "validation", "effectiveDate");
    }
}
