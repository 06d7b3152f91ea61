package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.query.read.ExpensiveReads;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * With every turn for an expensive read taken (here by the test itself, so that nothing depends on how long a fold
 * takes), a ledger-wide fold, a verification and the export are refused with 503 reads-busy and Retry-After after the
 * bounded wait, while a kept answer is still served; once a turn is free they are answered again.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class BoundingExpensiveReadsTest {

    @Inject
    ExpensiveReads expensive;

    @Inject
    EventStoreWriter writer;

    @ConfigProperty(name = "ledger.read.expensive.max-concurrent")
    int maxConcurrent;

    final List<ExpensiveReads.Turn> taken = new ArrayList<>();

    @AfterEach
    void giveBack() {
        taken.forEach(ExpensiveReads.Turn::close);
        taken.clear();
    }

    void takeEveryTurn() {
        for (int i = 0; i < maxConcurrent; i++) {
            taken.add(expensive.take());
        }
    }

    static void assertBusy(Response response) {
        JsonNode problem = Problems.assertProblem(response, 503);
        assertThat(problem.path("type").asText()).endsWith("/problems/reads-busy");
        assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
    }

    @Test
    @DisplayName("every turn taken: a fold is refused with 503 reads-busy; a kept answer is still served")
    void a_fold_beyond_the_bound_is_refused_a_kept_answer_is_not() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("busy-cp", "busy-deal", Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
        // A knownAt before any fact: its answer stays kept whatever the projection does meanwhile.
        String kept = "1901-01-01T00:00:00Z";
        given().queryParam("asOf", "2025-06-30")
                .queryParam("knownAt", kept)
                .get("/api/v1/exposure")
                .then()
                .statusCode(200);

        takeEveryTurn();

        assertBusy(given().queryParam("asOf", "2025-06-30")
                .queryParam("knownAt", "1901-01-02T00:00:00Z")
                .get("/api/v1/exposure"));
        assertBusy(given().queryParam("asOf", "2025-06-30")
                .queryParam("knownAt", "1901-01-03T00:00:00Z")
                .get("/api/v1/counterparties/busy-cp/totals"));
        given().queryParam("asOf", "2025-06-30")
                .queryParam("knownAt", kept)
                .get("/api/v1/exposure")
                .then()
                .statusCode(200);

        giveBack();
        given().queryParam("asOf", "2025-06-30")
                .queryParam("knownAt", "1901-01-02T00:00:00Z")
                .get("/api/v1/exposure")
                .then()
                .statusCode(200);
    }

    @Test
    @DisplayName("every turn taken: the verification and the export are refused with 503 reads-busy, before any body")
    void verification_and_export_are_bounded_too() {
        takeEveryTurn();

        assertBusy(given().get("/api/v1/verification"));
        assertBusy(given().accept("application/x-ndjson").get("/api/v1/export"));

        giveBack();
        given().get("/api/v1/verification").then().statusCode(200);
        given().get("/api/v1/export").then().statusCode(200);
    }

    @Test
    @DisplayName("every turn taken: the standing verdict is still served, since it reads only what was appended since")
    void the_standing_verdict_takes_no_turn_once_a_pass_ended() {
        given().get("/api/v1/verification").then().statusCode(200);
        takeEveryTurn();

        given().get("/api/v1/verification/standing").then().statusCode(200);
    }
}
