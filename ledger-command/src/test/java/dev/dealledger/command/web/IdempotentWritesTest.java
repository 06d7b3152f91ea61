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
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The OpenAPI contract: the same Idempotency-Key with the same body returns the original answer and records nothing new. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class IdempotentWritesTest {

    @Inject
    EventStoreProbe events;

    private static Map<String, String> key(String key) {
        return Map.of("Idempotency-Key", key);
    }

    private static String aKey() {
        return UUID.randomUUID().toString();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_retry_with_the_same_key_and_body_returns_the_original_answer_and_records_nothing(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();
        String path = endpoint.path(s);
        String body = endpoint.validBody(s).toString();
        String key = aKey();
        long before = events.count();

        Response first = endpoint.send(path, body, key(key));
        first.then().log().ifValidationFails().statusCode(endpoint == Endpoint.PUT_COUNTERPARTY ? 200 : 201);
        assertThat(events.count()).as("the first request records its fact").isEqualTo(before + 1);

        Response retry = events.recordsNothing(() -> endpoint.send(path, body, key(key)));

        assertThat(retry.statusCode()).isEqualTo(first.statusCode());
        assertThat(retry.header("ETag")).isEqualTo(first.header("ETag"));
        assertThat(retry.header("X-Ledger-Position")).isEqualTo(first.header("X-Ledger-Position"));
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void the_same_key_with_a_different_body_is_refused_and_records_nothing(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();
        String path = endpoint.path(s);
        Json body = endpoint.validBody(s);
        String key = aKey();
        endpoint.send(path, body.toString(), key(key))
                .then()
                .statusCode(endpoint == Endpoint.PUT_COUNTERPARTY ? 200 : 201);

        Response reused = events.recordsNothing(() -> endpoint.send(
                path, body.with("sourceReference", "another filing").toString(), key(key)));

        assertProblem(reused, 409, "idempotency-key-reused");
    }

    @Test
    void a_retry_answers_as_the_original_did_even_after_later_writes_to_the_deal() {
        Scenario s = Scenario.aDeal();
        String body = Scenario.hundredAMonth("c-1").toString();
        String key = aKey();
        Response first = Endpoint.POST_COMMITMENT.send(s.commitmentsPath(), body, key(key));
        first.then().statusCode(201).header("ETag", "\"1\"");
        s.recordCommitment(Scenario.hundredAMonth("c-2"));

        Response retry =
                events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(s.commitmentsPath(), body, key(key)));

        retry.then().statusCode(201).header("ETag", "\"1\"");
        assertThat(retry.header("X-Ledger-Position")).isEqualTo(first.header("X-Ledger-Position"));
        assertThat(retry.body().asString()).isEqualTo(first.body().asString());
    }

    @Test
    void the_same_key_and_body_sent_to_another_deal_is_a_different_request() {
        Scenario first = Scenario.aDeal();
        Scenario second = Scenario.aDeal();
        String body = Scenario.hundredAMonth("c-1").toString();
        String key = aKey();
        Endpoint.POST_COMMITMENT
                .send(first.commitmentsPath(), body, key(key))
                .then()
                .statusCode(201);

        Response reused =
                events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(second.commitmentsPath(), body, key(key)));

        assertProblem(reused, 409, "idempotency-key-reused");
    }

    @Test
    void a_refused_write_retried_with_its_key_is_refused_again_and_records_nothing() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));
        String path = s.amendmentsPath("c-1");
        String belowFallenDue =
                Scenario.amendment("a1", "-600.01", "2026-06-30").toString();
        String key = aKey();

        Response first = events.recordsNothing(() -> Endpoint.POST_AMENDMENT.send(path, belowFallenDue, key(key)));
        Response retry = events.recordsNothing(() -> Endpoint.POST_AMENDMENT.send(path, belowFallenDue, key(key)));

        assertProblem(first, 409, "amendment-refused");
        assertProblem(retry, 409, "amendment-refused");
    }

    @ParameterizedTest
    @ValueSource(strings = {"has space", "tab\tinside", "ünïcödé"})
    void a_key_outside_printable_ascii_is_malformed_and_records_nothing(String badKey) {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(
                s.commitmentsPath(), Scenario.hundredAMonth("c-1").toString(), key(badKey)));

        assertProblem(response, 400, "malformed-idempotency-key");
    }

    @Test
    void a_key_longer_than_200_characters_is_malformed() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(() -> Endpoint.POST_COMMITMENT.send(
                s.commitmentsPath(), Scenario.hundredAMonth("c-1").toString(), key("k".repeat(201))));

        assertProblem(response, 400, "malformed-idempotency-key");
    }
}
