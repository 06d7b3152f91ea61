package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * If-Match carries the deal version a client last saw (its ETag). {@link Endpoint#prepared()} leaves the deal at
 * version 2: recorded, committed, optioned.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class ConditionalWritesTest {

    @Inject
    EventStoreProbe events;

    private static Map<String, String> ifMatch(String value) {
        return Map.of("If-Match", value);
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"POST_COMMITMENT", "POST_OPTION", "POST_EXERCISE", "POST_AMENDMENT", "POST_TERMINATION"})
    void a_write_matching_the_current_version_is_recorded_as_the_next_version(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();

        Response response =
                endpoint.send(endpoint.path(s), endpoint.validBody(s).toString(), ifMatch("\"2\""));

        response.then().log().ifValidationFails().statusCode(201).header("ETag", "\"3\"");
        assertThat(events.last(s.dealId).sequence()).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"POST_COMMITMENT", "POST_OPTION", "POST_EXERCISE", "POST_AMENDMENT", "POST_TERMINATION"})
    void a_write_with_a_stale_version_is_a_conflict_and_records_nothing(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();

        Response response = events.recordsNothing(
                () -> endpoint.send(endpoint.path(s), endpoint.validBody(s).toString(), ifMatch("\"1\"")));

        assertProblem(response, 409, "stale-version");
    }

    @Test
    void a_version_the_deal_has_not_reached_is_a_conflict_too() {
        Scenario s = Endpoint.prepared();

        Response response = events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(
                s.commitmentsPath(), Scenario.hundredAMonth("c-2").toString(), ifMatch("\"7\"")));

        assertProblem(response, 409, "stale-version");
    }

    @Test
    void the_etag_of_one_write_is_the_if_match_of_the_next() {
        Scenario s = Scenario.aDeal();
        String etag = s.recordCommitment(Scenario.hundredAMonth("c-1")).header("ETag");

        Endpoint.POST_AMENDMENT
                .send(
                        s.amendmentsPath("c-1"),
                        Scenario.amendment("a1", "100.00", "2026-06-30").toString(),
                        ifMatch(etag))
                .then()
                .statusCode(201)
                .header("ETag", "\"2\"");
    }

    @Test
    void a_weak_etag_is_accepted_as_the_same_version() {
        Scenario s = Endpoint.prepared();

        Endpoint.POST_COMMITMENT
                .send(s.commitmentsPath(), Scenario.hundredAMonth("c-2").toString(), ifMatch("W/\"2\""))
                .then()
                .statusCode(201)
                .header("ETag", "\"3\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "\"-1\"", "\"1.5\"", "\"\""})
    void an_if_match_that_is_not_a_version_is_malformed_and_records_nothing(String value) {
        Scenario s = Endpoint.prepared();

        Response response = events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(
                s.commitmentsPath(), Scenario.hundredAMonth("c-2").toString(), ifMatch(value)));

        assertProblem(response, 400, "malformed-if-match");
    }
}
