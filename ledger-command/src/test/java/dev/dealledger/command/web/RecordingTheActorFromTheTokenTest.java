package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md, "Vocabulary": every write carries who recorded it, taken from the authenticated principal. Unlike the other REST tests this
 * class sends real RS256 bearer tokens (no @TestSecurity), so the actor is the token's subject end to end.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RecordingTheActorFromTheTokenTest {

    @Inject
    EventStoreProbe events;

    private static RequestSpecification as(String subject) {
        return given().auth().oauth2(JwtTestKeys.token(subject, Roles.WRITER)).contentType(ContentType.JSON);
    }

    @Test
    void each_fact_records_the_subject_of_the_token_that_wrote_it() {
        Scenario s = Scenario.unrecorded();

        as("alice@treasury.example")
                .body(s.counterpartyBody().toString())
                .put(s.counterpartyPath())
                .then()
                .statusCode(200);
        as("bob@legal.example")
                .body(s.agreementBody().toString())
                .post(Scenario.API + "/agreements")
                .then()
                .statusCode(201);

        assertThat(events.last(s.counterpartyId)
                        .metaData()
                        .path(MetadataKeys.ACTOR)
                        .asText())
                .isEqualTo("alice@treasury.example");
        assertThat(events.last(s.agreementId)
                        .metaData()
                        .path(MetadataKeys.ACTOR)
                        .asText())
                .isEqualTo("bob@legal.example");
    }

    @Test
    void a_client_cannot_name_the_actor_in_the_body() {
        Scenario s = Scenario.unrecorded();

        Response response = events.recordsNothing(() -> as("alice@treasury.example")
                .body(s.counterpartyBody().with("actor", "someone-else").toString())
                .put(s.counterpartyPath()));

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void the_same_idempotency_key_from_another_subject_is_another_key() {
        String key = java.util.UUID.randomUUID().toString();
        Scenario alices = Scenario.unrecorded();
        Scenario mallorys = Scenario.unrecorded();
        Response first = as("alice@treasury.example")
                .header("Idempotency-Key", key)
                .body(alices.counterpartyBody().toString())
                .put(alices.counterpartyPath());
        first.then().statusCode(200);

        // Another subject with the same key records its own fact and gets its own receipt, not alice's and not a 409.
        Response other = as("mallory@elsewhere.example")
                .header("Idempotency-Key", key)
                .body(mallorys.counterpartyBody().toString())
                .put(mallorys.counterpartyPath());
        other.then().statusCode(200);
        assertThat(other.jsonPath().getString("counterpartyId")).isEqualTo(mallorys.counterpartyId);
        assertThat(events.last(mallorys.counterpartyId)
                        .metaData()
                        .path(MetadataKeys.ACTOR)
                        .asText())
                .isEqualTo("mallory@elsewhere.example");

        // Alice's retry still gets her original answer.
        Response retry = as("alice@treasury.example")
                .header("Idempotency-Key", key)
                .body(alices.counterpartyBody().toString())
                .put(alices.counterpartyPath());
        assertThat(retry.jsonPath().getMap("")).isEqualTo(first.jsonPath().getMap(""));
    }
}
