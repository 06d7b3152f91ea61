package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Malformed read parameters are a 400 problem+json naming the field, on every endpoint; unknown ids are a 404. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusingMalformedReadsTest {

    static final String CP = "malformed-cp";
    static final String DEAL = "malformed-deal";
    static final String RESTATEMENT =
            "/api/v1/restatements?counterpartyId=" + CP + "&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z";

    /** Every read endpoint, with the media type it is asked for. */
    static final List<String[]> ENDPOINTS = List.of(
            new String[] {"/api/v1/counterparties/" + CP + "/totals", "application/json"},
            new String[] {"/api/v1/counterparties/" + CP + "/schedule", "application/json"},
            new String[] {"/api/v1/exposure", "application/json"},
            new String[] {"/api/v1/exposure", "text/csv"},
            new String[] {"/api/v1/deals/" + DEAL, "application/json"},
            new String[] {"/api/v1/deals/" + DEAL + "/history", "application/json"},
            new String[] {"/api/v1/deals/" + DEAL + "/history", "text/csv"},
            new String[] {RESTATEMENT, "application/json"});

    static final List<String[]> PAGED = List.of(
            new String[] {"/api/v1/exposure", "application/json"},
            new String[] {"/api/v1/exposure", "text/csv"},
            new String[] {"/api/v1/deals/" + DEAL + "/history", "application/json"},
            new String[] {"/api/v1/deals/" + DEAL + "/history", "text/csv"});

    @Inject
    EventStoreWriter writer;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
    }

    static Stream<Arguments> malformedAsOf() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : ENDPOINTS) {
            for (String asOf :
                    List.of("2025-13-01", "2025-02-30", "31.12.2025", "2025-12-31T00:00:00Z", "0000-01-01")) {
                cases.add(Arguments.of(endpoint[0], endpoint[1], asOf));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) asOf={2}")
    @MethodSource("malformedAsOf")
    @DisplayName("a malformed asOf is a 400 naming asOf")
    void malformed_as_of(String path, String accept, String asOf) {
        Response response = given().accept(accept).queryParam("asOf", asOf).get(path);
        Problems.assertMalformed(response, "asOf");
    }

    static Stream<Arguments> malformedKnownAt() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : ENDPOINTS) {
            if (endpoint[0].startsWith("/api/v1/restatements")) {
                continue; // the restatement takes two knowledge instants, from and to: tested below
            }
            // Not instants; then beyond what an OffsetDateTime holds, beyond PostgreSQL's timestamps, before the
            // earliest date a read takes, and a day ahead of the ledger's clock: what will be known then is not
            // settled yet.
            for (String knownAt : List.of(
                    "2026-01-15",
                    "yesterday",
                    "2026-01-15T00:00:00",
                    "2026-01-15 10:00:00Z",
                    "+1000000000-01-01T00:00:00Z",
                    "+300000-01-01T00:00:00Z",
                    "1800-01-01T00:00:00Z",
                    Instant.now().plus(1, ChronoUnit.DAYS).toString())) {
                cases.add(Arguments.of(endpoint[0], endpoint[1], knownAt));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) knownAt={2}")
    @MethodSource("malformedKnownAt")
    @DisplayName("a malformed knownAt, one out of range or a day ahead, is a 400 naming knownAt")
    void malformed_known_at(String path, String accept, String knownAt) {
        Response response =
                given().accept(accept).queryParam("knownAt", knownAt).get(path);
        Problems.assertMalformed(response, "knownAt");
    }

    static Stream<Arguments> foreignCursor() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : PAGED) {
            // Each in the scope of the request it is sent with (the deal, the filters), so that only what it
            // carries is wrong.
            String scope = endpoint[0].contains("/history") ? "history/" + DEAL : "exposure///";
            // A history's cursor without asOf is valid on the history only; the others carry what no query may.
            if (!endpoint[0].contains("/history")) {
                cases.add(Arguments.of(endpoint[0], endpoint[1], cursor("", "2026-01-01T00:00:00Z", scope)));
            }
            cases.add(
                    Arguments.of(endpoint[0], endpoint[1], cursor("+200000000-01-01", "2026-01-01T00:00:00Z", scope)));
            cases.add(Arguments.of(endpoint[0], endpoint[1], cursor("0000-01-01", "2026-01-01T00:00:00Z", scope)));
            cases.add(Arguments.of(endpoint[0], endpoint[1], cursor("2025-06-30", "+300000-01-01T00:00:00Z", scope)));
            cases.add(Arguments.of(
                    endpoint[0],
                    endpoint[1],
                    cursor("2025-06-30", Instant.now().plus(1, ChronoUnit.DAYS).toString(), scope)));
        }
        return cases.stream();
    }

    /**
     * A cursor in this service's format (version, asOf, knownAt, scope, the last sort key), carrying what it is given.
     */
    private static String cursor(String asOf, String knownAt, String scope) {
        String value = String.join("\u0000", "v3", asOf, knownAt, scope, "");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} ({1}) cursor={2}")
    @MethodSource("foreignCursor")
    @DisplayName("a cursor carrying an asOf or knownAt no query could name is a 400 naming cursor")
    void foreign_cursor(String path, String accept, String cursor) {
        Response response = given().accept(accept).queryParam("cursor", cursor).get(path);
        Problems.assertMalformed(response, "cursor");
    }

    static Stream<Arguments> malformedLimit() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : PAGED) {
            for (String limit : List.of("0", "-1", "1001", "abc", "1.5", "99999999999")) {
                cases.add(Arguments.of(endpoint[0], endpoint[1], limit));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) limit={2}")
    @MethodSource("malformedLimit")
    @DisplayName("a limit outside 1..1000, or not a number, is a 400 naming limit")
    void malformed_limit(String path, String accept, String limit) {
        Response response = given().accept(accept).queryParam("limit", limit).get(path);
        Problems.assertMalformed(response, "limit");
    }

    static Stream<Arguments> malformedCursor() {
        List<Arguments> cases = new ArrayList<>();
        for (String[] endpoint : PAGED) {
            cases.add(Arguments.of(endpoint[0], endpoint[1], "!!!not-base64!!!"));
        }
        // A well-formed Base64 string that this service never issued as a history cursor ("abc").
        cases.add(Arguments.of("/api/v1/deals/" + DEAL + "/history", "application/json", "YWJj"));
        cases.add(Arguments.of("/api/v1/deals/" + DEAL + "/history", "text/csv", "YWJj"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} ({1}) cursor={2}")
    @MethodSource("malformedCursor")
    @DisplayName("a cursor this service did not issue is a 400 naming cursor")
    void malformed_cursor(String path, String accept, String cursor) {
        Response response = given().accept(accept).queryParam("cursor", cursor).get(path);
        Problems.assertMalformed(response, "cursor");
    }

    @Test
    @DisplayName("the limit bounds themselves are accepted")
    void limit_bounds_are_accepted() {
        for (String[] endpoint : PAGED) {
            for (String limit : List.of("1", "1000")) {
                given().accept(endpoint[1])
                        .queryParam("limit", limit)
                        .get(endpoint[0])
                        .then()
                        .statusCode(200);
            }
        }
    }

    @Test
    @DisplayName("exposure filters must be a direction and an ISO currency code")
    void malformed_filters() {
        Problems.assertMalformed(given().queryParam("direction", "SIDEWAYS").get("/api/v1/exposure"), "direction");
        Problems.assertMalformed(given().queryParam("direction", "payable").get("/api/v1/exposure"), "direction");
        Problems.assertMalformed(given().queryParam("currency", "usd").get("/api/v1/exposure"), "currency");
        Problems.assertMalformed(given().queryParam("currency", "US").get("/api/v1/exposure"), "currency");
    }

    @Test
    @DisplayName("X-Ledger-Min-Position must be a non-negative integer")
    void malformed_min_position() {
        for (String[] endpoint : ENDPOINTS) {
            for (String header : List.of("abc", "-1", "1.5")) {
                Response response = given().accept(endpoint[1])
                        .header("X-Ledger-Min-Position", header)
                        .get(endpoint[0]);
                Problems.assertMalformed(response, "X-Ledger-Min-Position");
            }
        }
    }

    @Test
    @DisplayName("a restatement needs a counterparty and two well-formed knowledge instants, from before to")
    void malformed_restatements() {
        String path = "/api/v1/restatements";
        Problems.assertMalformed(
                given().queryParam("from", "2026-01-01T00:00:00Z")
                        .queryParam("to", "2026-02-01T00:00:00Z")
                        .get(path),
                "counterpartyId");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("to", "2026-02-01T00:00:00Z")
                        .get(path),
                "from");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-01-01T00:00:00Z")
                        .get(path),
                "to");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-01-01")
                        .queryParam("to", "2026-02-01T00:00:00Z")
                        .get(path),
                "from");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-01-01T00:00:00Z")
                        .queryParam("to", "soon")
                        .get(path),
                "to");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-02-01T00:00:00Z")
                        .queryParam("to", "2026-01-01T00:00:00Z")
                        .get(path),
                "from");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-01-01T00:00:00Z")
                        .queryParam("to", Instant.now().plus(1, ChronoUnit.DAYS).toString())
                        .get(path),
                "to");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "2026-01-01T00:00:00Z")
                        .queryParam("to", "+300000-01-01T00:00:00Z")
                        .get(path),
                "to");
        Problems.assertMalformed(
                given().queryParam("counterpartyId", CP)
                        .queryParam("from", "1800-01-01T00:00:00Z")
                        .queryParam("to", "2026-01-01T00:00:00Z")
                        .get(path),
                "from");
    }

    @Test
    @DisplayName("unknown ids are a 404 problem+json on every endpoint that names one")
    void unknown_ids() {
        for (String path : List.of(
                "/api/v1/counterparties/nobody/totals",
                "/api/v1/counterparties/nobody/schedule",
                "/api/v1/deals/no-such-deal",
                "/api/v1/deals/no-such-deal/history",
                "/api/v1/restatements?counterpartyId=nobody&from=2026-01-01T00:00:00Z&to=2026-02-01T00:00:00Z")) {
            Problems.assertProblem(given().accept("application/json").get(path), 404);
        }
        Problems.assertProblem(given().accept("text/csv").get("/api/v1/deals/no-such-deal/history"), 404);
    }
}
