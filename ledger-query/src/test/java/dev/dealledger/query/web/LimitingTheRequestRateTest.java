package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.Problems;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Per subject, a burst of requests (here 3) and then 429 with Retry-After until the bucket refills (here one request
 * every 1000 s, so never within the test); another subject is not affected, and neither is health.
 */
@QuarkusTest
@TestProfile(LimitingTheRequestRateTest.ThreeRequests.class)
@WithTestResource(LedgerQueryDatabase.class)
class LimitingTheRequestRateTest {

    public static class ThreeRequests implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.rate-limit.requests-per-second", "0.001", "ledger.rate-limit.burst", "3");
        }
    }

    static Response exposureAs(String subject) {
        return RestAssured.given()
                .auth()
                .oauth2(JwtTestKeys.token(subject, Roles.AUDITOR))
                .get("/api/v1/exposure");
    }

    @Test
    @DisplayName("the request after a subject's burst is 429 problem+json with Retry-After; another subject is served")
    void a_subject_beyond_its_burst_is_refused_with_429() {
        for (int i = 0; i < 3; i++) {
            exposureAs("eager-auditor").then().statusCode(200);
        }

        Response refused = exposureAs("eager-auditor");

        JsonNode problem = Problems.assertProblem(refused, 429);
        assertThat(problem.path("type").asText()).endsWith("/problems/rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 1000L);
        exposureAs("patient-auditor").then().statusCode(200);
    }

    @Test
    @DisplayName("health is not limited: a subject past its burst still gets no 429 from /q/health")
    void health_is_not_limited() {
        String token = JwtTestKeys.token("health-watcher", Roles.AUDITOR);
        for (int i = 0; i < 4; i++) {
            RestAssured.given().auth().oauth2(token).get("/api/v1/exposure");
        }
        for (int i = 0; i < 5; i++) {
            assertThat(RestAssured.given()
                            .auth()
                            .oauth2(token)
                            .get("/q/health/live")
                            .statusCode())
                    .isNotEqualTo(429);
        }
    }
}
