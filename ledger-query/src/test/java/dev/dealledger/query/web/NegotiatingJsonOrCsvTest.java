package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reads that also speak CSV answer JSON to a client that accepts both alike, as the generated client does (it
 * sends every type the document of record lists, JSON first, and parses JSON only). CSV goes to a client that asks
 * for it alone or prefers it.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
class NegotiatingJsonOrCsvTest {

    static final String GENERATED_CLIENT_ACCEPT = "application/json, text/csv, application/problem+json";

    @Inject
    EventStoreWriter writer;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/exposure?asOf=2025-06-30",
                "/api/v1/disclosures/obligations?direction=PAYABLE&asOf=2025-06-30",
                "/api/v1/deals/neg-deal/history"
            })
    @DisplayName("a client accepting JSON and CSV alike gets JSON")
    void json_when_both_are_accepted_alike(String path) {
        record();
        Response r = given().header("Accept", GENERATED_CLIENT_ACCEPT).get(path);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/json");
    }

    @Test
    @DisplayName("a client asking for CSV, or preferring it, gets CSV")
    void csv_when_asked_for() {
        record();
        assertThat(given().header("Accept", "text/csv").get("/api/v1/exposure").contentType())
                .startsWith("text/csv");
        assertThat(given().header("Accept", "text/csv, application/json;q=0.5")
                        .get("/api/v1/exposure")
                        .contentType())
                .startsWith("text/csv");
    }

    private void record() {
        LedgerScript ledger = new LedgerScript(writer);
        if (given().get("/api/v1/deals/neg-deal").statusCode() == 200) {
            return;
        }
        ledger.counterpartyWithDeal(
                "neg-cp", "neg-deal", dev.dealledger.api.Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
    }
}
