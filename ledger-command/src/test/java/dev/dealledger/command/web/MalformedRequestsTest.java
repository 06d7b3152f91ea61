package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.not;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A body that cannot be read as the documented JSON is a 400 problem on every write endpoint, and records nothing. Each
 * case starts from a body the endpoint would accept and breaks exactly one thing about it.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class MalformedRequestsTest {

    private static Scenario shared;

    @Inject
    EventStoreProbe events;

    private static synchronized Scenario scenario() {
        if (shared == null) {
            shared = Endpoint.prepared();
        }
        return shared;
    }

    private void assertMalformed(Endpoint endpoint, String body) {
        Scenario s = scenario();
        Response response = events.recordsNothing(() -> endpoint.send(endpoint.path(s), body));
        assertProblem(response, 400, "malformed-request");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_truncated_json_body_is_malformed(Endpoint endpoint) {
        String valid = endpoint.validBody(scenario()).toString();
        assertMalformed(endpoint, valid.substring(0, valid.length() - 1));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_body_that_is_not_json_at_all_is_malformed(Endpoint endpoint) {
        assertMalformed(endpoint, "legalName=CoreWeave&amount=1200.00");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_json_array_instead_of_an_object_is_malformed(Endpoint endpoint) {
        assertMalformed(endpoint, "[" + endpoint.validBody(scenario()) + "]");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_duplicate_key_is_malformed(Endpoint endpoint) {
        String valid = endpoint.validBody(scenario()).toString();
        // The same field twice, the first with another value: which one would win is not for the server to guess.
        assertMalformed(endpoint, "{\"" + endpoint.textField + "\":\"first\"," + valid.substring(1));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void an_unknown_field_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint, endpoint.validBody(scenario()).with("colour", "blue").toString());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void trailing_content_after_the_json_object_is_malformed(Endpoint endpoint) {
        assertMalformed(endpoint, endpoint.validBody(scenario()) + " {}");
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void an_object_where_a_string_belongs_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint,
                endpoint.validBody(scenario())
                        .with(endpoint.textField, Map.of("text", "x"))
                        .toString());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_number_where_a_string_belongs_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint,
                endpoint.validBody(scenario()).with(endpoint.textField, 42).toString());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_boolean_where_a_string_belongs_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint,
                endpoint.validBody(scenario()).with(endpoint.textField, true).toString());
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"PUT_COUNTERPARTY"},
            mode = EnumSource.Mode.EXCLUDE)
    void a_date_that_is_not_iso_8601_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint,
                endpoint.validBody(scenario())
                        .with(endpoint.dateField, "30/06/2026")
                        .toString());
    }

    @ParameterizedTest
    @EnumSource(
            value = Endpoint.class,
            names = {"PUT_COUNTERPARTY"},
            mode = EnumSource.Mode.EXCLUDE)
    void a_date_that_does_not_exist_is_malformed(Endpoint endpoint) {
        assertMalformed(
                endpoint,
                endpoint.validBody(scenario())
                        .with(endpoint.dateField, "2026-02-30")
                        .toString());
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void an_empty_body_is_refused_as_a_problem_and_records_nothing(Endpoint endpoint) {
        // The OpenAPI contract does not say whether a missing body is malformed (400) or a missing required value
        // (422); the service
        // answers 422 today. Either way it must be a problem document, never a 5xx, and nothing may be recorded.
        Scenario s = scenario();
        Response response = events.recordsNothing(() -> endpoint.send(endpoint.path(s), ""));
        assertThat(response.statusCode()).isIn(400, 422);
        assertProblem(
                response, response.statusCode(), response.statusCode() == 400 ? "malformed-request" : "validation");
        if (response.statusCode() == 422) {
            response.then().body("errors", not(empty()));
        }
    }
}
