package dev.dealledger.command.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.security.VerifiedTokenCache;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.axon.testing.ManagementPort;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command endpoint against every kind of caller, with real RS256 tokens: no token or an untrusted signature is
 * 401, a token without {@code ledger-writer} is 403, both as problem+json; the writer gets past security (whatever the
 * business answer). Health and metrics need no token.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class AccessMatrixTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("PUT", "/api/v1/counterparties/matrix-cp"),
                Arguments.of("POST", "/api/v1/agreements"),
                Arguments.of("POST", "/api/v1/deals"),
                Arguments.of("POST", "/api/v1/deals/matrix-deal/commitments"),
                Arguments.of("POST", "/api/v1/deals/matrix-deal/options"),
                Arguments.of("POST", "/api/v1/deals/matrix-deal/options/o-1/exercise"),
                Arguments.of("POST", "/api/v1/deals/matrix-deal/commitments/c-1/amendments"),
                Arguments.of("POST", "/api/v1/deals/matrix-deal/commitments/c-1/termination"),
                Arguments.of("PUT", "/api/v1/fx-rates/EUR/USD/2026-03-31"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void only_a_writer_token_passes(String method, String path) {
        assertRefused(call(given(), method, path), 401, "unauthorized");
        assertRefused(
                call(given().auth().oauth2(JwtTestKeys.foreignToken("mallory", Roles.WRITER)), method, path),
                401,
                "unauthorized");
        for (String role : List.of(Roles.AUDITOR, Roles.ADMIN, Roles.CONTROLLER)) {
            assertRefused(
                    call(given().auth().oauth2(JwtTestKeys.token("someone", role)), method, path), 403, "forbidden");
        }
        Response writer = call(given().auth().oauth2(JwtTestKeys.token("writer", Roles.WRITER)), method, path);
        assertThat(writer.statusCode()).isNotIn(401, 403);
    }

    /** Closing a period fixes what was reported: a controller's act, not every writer's (docs/security.md). */
    @Test
    void only_a_controller_closes_a_period() {
        String path = "/api/v1/periods/2020-03-31/close";
        assertRefused(call(given(), "POST", path), 401, "unauthorized");
        assertRefused(
                call(given().auth().oauth2(JwtTestKeys.foreignToken("mallory", Roles.CONTROLLER)), "POST", path),
                401,
                "unauthorized");
        for (String role : List.of(Roles.WRITER, Roles.AUDITOR, Roles.ADMIN)) {
            assertRefused(
                    call(given().auth().oauth2(JwtTestKeys.token("someone", role)), "POST", path), 403, "forbidden");
        }
        Response controller =
                call(given().auth().oauth2(JwtTestKeys.token("controller", Roles.CONTROLLER)), "POST", path);
        assertThat(controller.statusCode()).isNotIn(401, 403);
    }

    @Test
    void only_an_admin_signs_a_checkpoint_on_demand() {
        assertRefused(given().post("/api/v1/checkpoints"), 401, "unauthorized");
        for (String role : List.of(Roles.WRITER, Roles.AUDITOR)) {
            assertRefused(
                    given().auth().oauth2(JwtTestKeys.token("someone", role)).post("/api/v1/checkpoints"),
                    403,
                    "forbidden");
        }
        given().auth()
                .oauth2(JwtTestKeys.token("operator", Roles.ADMIN))
                .post("/api/v1/checkpoints")
                .then()
                .statusCode(201);
    }

    @Test
    void a_trusted_token_for_another_audience_without_one_or_too_old_is_refused() {
        for (String token : List.of(
                JwtTestKeys.tokenForAudience("some-other-system", "writer", Roles.WRITER),
                JwtTestKeys.tokenForAudience(null, "writer", Roles.WRITER),
                // Issued two days ago and still an hour from its exp: older than the 24-hour maximum age.
                JwtTestKeys.tokenIssuedAgo(Duration.ofDays(2), "writer", Roles.WRITER))) {
            assertRefused(call(given().auth().oauth2(token), "POST", "/api/v1/agreements"), 401, "unauthorized");
        }
        Response fresh =
                call(given().auth().oauth2(JwtTestKeys.token("writer", Roles.WRITER)), "POST", "/api/v1/agreements");
        assertThat(fresh.statusCode()).isNotIn(401, 403);
    }

    @Inject
    JWTCallerPrincipalFactory tokens;

    @Test
    void the_service_verifies_a_token_once_and_keeps_only_verified_ones() {
        assertThat(tokens).isInstanceOf(VerifiedTokenCache.class);
        VerifiedTokenCache cache = (VerifiedTokenCache) tokens;
        String token = JwtTestKeys.token("repeat-caller", Roles.AUDITOR);
        assertThat(cache.keeps(token)).isFalse();

        assertRefused(call(given().auth().oauth2(token), "POST", "/api/v1/agreements"), 403, "forbidden");
        assertThat(cache.keeps(token)).isTrue();
        assertRefused(call(given().auth().oauth2(token), "POST", "/api/v1/agreements"), 403, "forbidden");

        String forged = JwtTestKeys.foreignToken("mallory", Roles.WRITER);
        assertRefused(call(given().auth().oauth2(forged), "POST", "/api/v1/agreements"), 401, "unauthorized");
        assertRefused(call(given().auth().oauth2(forged), "POST", "/api/v1/agreements"), 401, "unauthorized");
        assertThat(cache.keeps(forged)).isFalse();
    }

    @Test
    void health_and_metrics_need_no_token_on_the_management_port() {
        given().port(ManagementPort.inTests()).get("/q/health/ready").then().statusCode(200);
        given().port(ManagementPort.inTests()).get("/q/health/live").then().statusCode(200);
        given().port(ManagementPort.inTests()).get("/q/metrics").then().statusCode(200);
        given().port(ManagementPort.inTests()).get("/q/openapi").then().statusCode(200);
    }

    @Test
    void the_api_port_serves_the_api_alone() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            assertThat(given().get(path).statusCode()).as(path).isEqualTo(404);
        }
    }

    private static Response call(RequestSpecification spec, String method, String path) {
        return spec.contentType(ContentType.JSON).body("{}").request(method, path);
    }

    private static void assertRefused(Response response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + type);
        assertThat(response.jsonPath().getInt("status")).isEqualTo(status);
    }
}
