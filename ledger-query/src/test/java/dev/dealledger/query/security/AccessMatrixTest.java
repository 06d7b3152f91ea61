package dev.dealledger.query.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.axon.testing.ManagementPort;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query endpoint against every kind of caller, with real RS256 tokens: reads need {@code ledger-auditor},
 * operations need {@code ledger-admin}; no token or an untrusted signature is 401, another role 403, both as
 * problem+json. Health and metrics need no token.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class AccessMatrixTest {

    static Stream<Arguments> endpoints() {
        return Stream.of(
                Arguments.of("GET", "/api/v1/counterparties/nobody/totals", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/counterparties/nobody/schedule", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/exposure", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/fx-rates/EUR/USD", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/disclosures/obligations?direction=PAYABLE", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/periods/2001-12-31", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/deals/nothing", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/deals/nothing/history", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/deals/nothing/verification", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/verification", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/verification/standing", Roles.AUDITOR),
                Arguments.of("POST", "/api/v1/verification", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/checkpoints/latest", Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/export", Roles.AUDITOR),
                Arguments.of(
                        "GET",
                        "/api/v1/restatements?counterpartyId=nobody&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                        Roles.AUDITOR),
                Arguments.of("GET", "/api/v1/admin/projection", Roles.ADMIN),
                Arguments.of("POST", "/api/v1/admin/rebuild", Roles.ADMIN));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("endpoints")
    void only_the_right_role_passes(String method, String path, String allowed) {
        assertRefused(call(given(), method, path), 401, "unauthorized");
        assertRefused(
                call(given().auth().oauth2(JwtTestKeys.foreignToken("mallory", allowed)), method, path),
                401,
                "unauthorized");
        for (String role : List.of(Roles.WRITER, Roles.AUDITOR, Roles.ADMIN, Roles.CONTROLLER)) {
            if (!role.equals(allowed)) {
                assertRefused(
                        call(given().auth().oauth2(JwtTestKeys.token("someone", role)), method, path),
                        403,
                        "forbidden");
            }
        }
        if (method.equals("GET")) {
            // A rebuild would empty the shared read models under other tests, so its allowed case is not sent here.
            Response allowedCall = call(given().auth().oauth2(JwtTestKeys.token("auditor", allowed)), method, path);
            assertThat(allowedCall.statusCode()).isNotIn(401, 403);
        }
    }

    /** The console's pages and downloads (docs/adr/0006); its sign-in page is the only one open to anyone. */
    static Stream<String> consolePaths() {
        return Stream.of(
                "/console/exposure?asOf=2026-01-01&knownAt=2026-01-01T00:00:00Z",
                "/console/exposure.csv",
                "/console/counterparties/nobody?asOf=2026-01-01&knownAt=2026-01-01T00:00:00Z",
                "/console/counterparties/nobody/totals.json",
                "/console/counterparties/nobody/schedule.json",
                "/console/deals/nothing?asOf=2026-01-01&knownAt=2026-01-01T00:00:00Z",
                "/console/deals/nothing/deal.json",
                "/console/deals/nothing/history.csv",
                "/console/restatements",
                "/console/restatements.json?counterpartyId=nobody&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z",
                "/console/verification",
                "/console/verification.json",
                "/console/checkpoint.json");
    }

    @ParameterizedTest(name = "GET {0}")
    @MethodSource("consolePaths")
    void the_console_needs_the_auditor_role_and_says_so_in_a_page(String path) {
        Response anonymous = RestAssured.given().redirects().follow(false).get(path);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("text/html");
        for (String role : List.of(Roles.WRITER, Roles.ADMIN)) {
            Response refused = RestAssured.given()
                    .cookie("ledger_console", JwtTestKeys.token("someone", role))
                    .redirects()
                    .follow(false)
                    .get(path);
            assertThat(refused.statusCode()).as(role).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("text/html");
        }
        Response allowed = RestAssured.given()
                .cookie("ledger_console", JwtTestKeys.token("auditor", Roles.AUDITOR))
                .redirects()
                .follow(false)
                .get(path);
        assertThat(allowed.statusCode()).isNotIn(401, 403);
    }

    @Test
    void the_console_is_not_part_of_the_api_contract() {
        assertThat(given().port(ManagementPort.inTests()).get("/q/openapi").asString())
                .contains("/api/v1/exposure")
                .doesNotContain("/console");
        assertThat(RestAssured.given().get("/console/sign-in").statusCode()).isEqualTo(200);
    }

    @Test
    void health_and_metrics_need_no_token_on_the_management_port() {
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
        // A POST that takes a body gets one, so that refusals come from security and not from content negotiation.
        return method.equals("POST")
                ? spec.contentType("application/json").body("{}").request(method, path)
                : spec.request(method, path);
    }

    private static void assertRefused(Response response, int status, String type) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getString("type")).endsWith("/" + type);
    }
}
