package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per subject (the token's sub), a burst of requests (here 3) and then 429 with Retry-After until the bucket refills
 * (here one request every 1000 s); the refused write records nothing, and another subject is not affected.
 */
@QuarkusTest
@TestProfile(LimitingTheRequestRateTest.ThreeRequests.class)
@QuarkusTestResource(PostgresTestDatabase.class)
class LimitingTheRequestRateTest {

    public static class ThreeRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.rate-limit.requests-per-second", "0.001", "ledger.rate-limit.burst", "3");
        }
    }

    static Response registerAs(String subject, Scenario s) {
        return given().auth()
                .oauth2(JwtTestKeys.token(subject, Roles.WRITER))
                .contentType(ContentType.JSON)
                .body(s.counterpartyBody().toString())
                .put(s.counterpartyPath());
    }

    @Test
    @DisplayName("the write after a subject's burst is 429 problem+json with Retry-After and records nothing")
    void a_subject_beyond_its_burst_is_refused_with_429() {
        for (int i = 0; i < 3; i++) {
            registerAs("eager-writer", Scenario.unrecorded()).then().statusCode(200);
        }
        Scenario refusedWrite = Scenario.unrecorded();

        Response refused = registerAs("eager-writer", refusedWrite);

        assertProblem(refused, 429, "rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1000L);
        // Nothing was recorded: another subject registers the same counterparty as new (200, version 0).
        registerAs("patient-writer", refusedWrite).then().statusCode(200).header("ETag", "\"0\"");
    }
}
