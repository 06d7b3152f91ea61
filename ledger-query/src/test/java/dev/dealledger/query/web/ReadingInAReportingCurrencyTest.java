package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.FxRateView;
import dev.dealledger.api.view.ReportingView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/domain.md, "Reporting currency", by hand. The facts are effective in the 1980s, where no other test of this
 * module has deals: a read in a reporting currency converts every market of the ledger, so this keeps the answers
 * (and the one missing rate) to the facts recorded here.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingInAReportingCurrencyTest {

    static final LocalDate SIGNED = LocalDate.of(1985, 1, 1);
    static final LocalDate AS_OF = LocalDate.of(1986, 6, 30);

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    Instant beforeRates;
    Instant afterRates;
    Instant afterCorrection;
    Instant afterYen;
    long yenCommitment;
    EventStoreWriter.Stored eurUsd;
    EventStoreWriter.Stored eurUsdCorrected;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        // Two commitments of 0.01 EUR, both still to fall due (January 1987).
        ledger.counterpartyWithDeal("fx-euro-cp", "fx-euro-deal", Direction.PAYABLE, "EUR", SIGNED);
        ledger.commitment("fx-euro-deal", "fx-e1", "0.01", date("1987-01-01"), date("1987-01-31"), "e1", SIGNED);
        ledger.commitment("fx-euro-deal", "fx-e2", "0.01", date("1987-01-01"), date("1987-01-31"), "e2", SIGNED);
        ledger.counterpartyWithDeal("fx-dollar-cp", "fx-dollar-deal", Direction.PAYABLE, "USD", SIGNED);
        ledger.commitment("fx-dollar-deal", "fx-d1", "100.00", date("1987-01-01"), date("1987-12-31"), "d1", SIGNED);
        ledger.counterpartyWithDeal("fx-yen-cp", "fx-yen-deal", Direction.PAYABLE, "JPY", SIGNED);
        ledger.commitment("fx-yen-deal", "fx-y1", "1000", date("1987-01-01"), date("1987-01-31"), "y1", SIGNED);
        beforeRates = ledger.lastRecordedAt();

        eurUsd = ledger.fxRate("EUR", "USD", SIGNED, "1.5", "illustrative");
        // Only the other way round: a USD reading of yen divides by it.
        ledger.fxRate("USD", "JPY", SIGNED, "150", "illustrative");
        ledger.fxRate("EUR", "GBP", SIGNED, "0.8", "illustrative");
        ledger.fxRate("USD", "GBP", SIGNED, "0.6", "illustrative");
        afterRates = ledger.lastRecordedAt();
        eurUsdCorrected = ledger.fxRate("EUR", "USD", SIGNED, "1.25", "illustrative, corrected");
        ledger.fxRate("EUR", "USD", date("1986-12-31"), "2", "illustrative, year end");
        afterCorrection = ledger.lastRecordedAt();
        // Another counterparty's yen: no euro market moves, but the converted PAYABLE whole does.
        yenCommitment = ledger.commitment(
                        "fx-yen-deal", "fx-y2", "3000", date("1987-01-01"), date("1987-01-31"), "y2", SIGNED)
                .position();
        afterYen = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("a total is converted once: 0.02 EUR at 1.5 is 0.03 USD, where its two 0.01 parts would make 0.04")
    void rounding_once_per_converted_total() {
        ReportingView usd = reporting(totals("fx-euro-cp", AS_OF, afterRates, "USD"), "EUR");

        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.committed()).isEqualTo("0.03");
        assertThat(usd.remaining()).isEqualTo("0.03");
        assertThat(usd.elapsed()).isEqualTo("0.00");
        assertThat(usd.potential()).isEqualTo("0.00");
        assertThat(usd.exposure()).isEqualTo("0.03");
        BigDecimal perCommitment = new BigDecimal("0.01")
                .multiply(new BigDecimal("1.5"))
                .setScale(2, RoundingMode.HALF_EVEN)
                .multiply(BigDecimal.valueOf(2));
        assertThat(new BigDecimal(usd.remaining())).isNotEqualByComparingTo(perCommitment);
    }

    @Test
    @DisplayName("a corrected rate is seen only at a knownAt after the correction; a later-dated rate from its date")
    void a_correction_is_seen_only_once_known() {
        assertThat(reporting(totals("fx-euro-cp", AS_OF, afterRates, "USD"), "EUR")
                        .remaining())
                .isEqualTo("0.03");
        // 0.02 * 1.25 = 0.025, half-even to 0.02.
        assertThat(reporting(totals("fx-euro-cp", AS_OF, afterCorrection, "USD"), "EUR")
                        .remaining())
                .isEqualTo("0.02");
        assertThat(reporting(totals("fx-euro-cp", date("1986-12-31"), afterCorrection, "USD"), "EUR")
                        .remaining())
                .isEqualTo("0.04");
    }

    @Test
    @DisplayName("rows already in the reporting currency convert at 1; a rate recorded the other way round divides")
    void identity_and_inverse() {
        assertThat(reporting(totals("fx-dollar-cp", AS_OF, afterRates, "USD"), "USD")
                        .remaining())
                .isEqualTo("100.00");
        // 1000 JPY at 1 USD = 150 JPY: 6.666..., rounded once to 6.67.
        ReportingView yen = reporting(totals("fx-yen-cp", AS_OF, afterRates, "USD"), "JPY");
        assertThat(yen.remaining()).isEqualTo("6.67");
        ledgerHasNoJpyRateForEur();
    }

    /** The JPY reading of USD works from the recorded pair; EUR has no yen rate either way, so it is missing. */
    private void ledgerHasNoJpyRateForEur() {
        Response missing = totalsResponse("fx-dollar-cp", AS_OF, afterRates, "JPY");
        JsonNode problem = Problems.assertProblem(missing, 422);
        assertThat(problem.path("type").asText()).endsWith("/fx-rate-missing");
        assertThat(problem.path("detail").asText()).contains("EUR/JPY").contains(AS_OF.toString());
    }

    @Test
    @DisplayName("a missing rate is a 422 fx-rate-missing naming the pair and the date, never a zero")
    void a_missing_rate_is_a_problem() {
        Response before = totalsResponse("fx-euro-cp", AS_OF, beforeRates, "USD");
        JsonNode problem = Problems.assertProblem(before, 422);
        assertThat(problem.path("type").asText()).endsWith("/fx-rate-missing");
        assertThat(problem.path("detail").asText()).contains(AS_OF.toString()).containsPattern("[A-Z]{3}/USD");

        // In GBP every currency but the yen has a rate: the yen is named, even for a counterparty without yen.
        JsonNode gbp = Problems.assertProblem(totalsResponse("fx-euro-cp", AS_OF, afterRates, "GBP"), 422);
        assertThat(gbp.path("detail").asText()).contains("JPY/GBP").contains(AS_OF.toString());
        assertThat(gbp.path("errors").get(0).path("field").asText()).isEqualTo("reportingCurrency");
    }

    @Test
    @DisplayName("concentration in a reporting currency spans every currency of the direction")
    void concentration_across_currencies() {
        Map<String, Object> params = Reads.at(AS_OF, afterRates);
        params.put("reportingCurrency", "USD");
        params.put("direction", "PAYABLE");
        params.put("limit", 1000);
        ExposureView view = Reads.exposure(params);

        BigDecimal total = view.rows().stream()
                .map(r -> new BigDecimal(r.reporting().remaining()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // 0.03 + 100.00 + 6.67 of ours, plus whatever earlier tests left remaining in 1986 (none, in practice).
        assertThat(total).isGreaterThanOrEqualTo(new BigDecimal("106.70"));
        for (ExposureRowView r : view.rows()) {
            assertThat(r.reporting().currency()).isEqualTo("USD");
            assertThat(r.reporting().concentration())
                    .as("concentration of %s %s", r.counterpartyId(), r.currency())
                    .isEqualTo(new BigDecimal(r.reporting().remaining())
                            .divide(total, 6, RoundingMode.HALF_EVEN)
                            .toPlainString());
        }
        ExposureRowView dollars = view.rows().stream()
                .filter(r -> r.counterpartyId().equals("fx-dollar-cp"))
                .findFirst()
                .orElseThrow();
        // Across currencies the euro and yen rows share the whole, so the dollar row's share is below its own market's.
        assertThat(new BigDecimal(dollars.reporting().concentration()))
                .isLessThan(new BigDecimal(dollars.concentration()));
    }

    @Test
    @DisplayName("a restatement in a reporting currency names the corrected rate as the cause of the converted moves")
    void a_rate_correction_restates_converted_figures() {
        RestatementView view = restatement("fx-euro-cp", afterRates, afterCorrection, "USD");

        assertThat(view.reportingCurrency()).isEqualTo("USD");
        ReportingView before = reporting(totals("fx-euro-cp", AS_OF, afterRates, "USD"), "EUR");
        ReportingView after = reporting(totals("fx-euro-cp", AS_OF, afterCorrection, "USD"), "EUR");
        // In EUR nothing moved; in USD the committed, remaining and exposure moved 0.03 -> 0.02, and the share.
        assertThat(view.changes())
                .extracting(RestatementView.Change::field)
                .containsExactly(
                        "reporting.committed", "reporting.remaining", "reporting.exposure", "reporting.concentration");
        Map<String, String> was = Map.of(
                "reporting.committed", before.committed(),
                "reporting.remaining", before.remaining(),
                "reporting.exposure", before.exposure(),
                "reporting.concentration", before.concentration());
        Map<String, String> is = Map.of(
                "reporting.committed", after.committed(),
                "reporting.remaining", after.remaining(),
                "reporting.exposure", after.exposure(),
                "reporting.concentration", after.concentration());
        for (RestatementView.Change c : view.changes()) {
            assertThat(c.currency()).isEqualTo("EUR");
            assertThat(c.before()).as(c.field()).isEqualTo(was.get(c.field()));
            assertThat(c.after()).as(c.field()).isEqualTo(is.get(c.field()));
            assertThat(c.causes()).as(c.field()).containsExactly(eurUsdCorrected.position());
            assertThat(c.bridge()).as(c.field()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo("fx-rate");
                assertThat(new BigDecimal(line.effect()))
                        .isEqualByComparingTo(new BigDecimal(c.after()).subtract(new BigDecimal(c.before())));
            });
        }
        assertThat(view.changes().get(1).before()).isEqualTo("0.03");
        assertThat(view.changes().get(1).after()).isEqualTo("0.02");
        // The rate dated 1986-12-31, recorded in the same window, is not in force at asOf and is no cause.
        assertThat(view.causes()).singleElement().satisfies(cause -> {
            assertThat(cause.position()).isEqualTo(eurUsdCorrected.position());
            assertThat(cause.kind()).isEqualTo("fx-rate");
            assertThat(cause.eventType()).isEqualTo("ExchangeRateRecordedEvent");
            assertThat(cause.counterpartyId()).isNull();
            assertThat(cause.effectiveDate()).isEqualTo(SIGNED);
            assertThat(cause.actor()).isNotBlank();
            assertThat(cause.payload().path("rate").asText()).isEqualTo("1.25");
        });

        // In the rows' own currencies the same window restates nothing.
        assertThat(restatement("fx-euro-cp", afterRates, afterCorrection, null).changes())
                .isEmpty();
    }

    @Test
    @DisplayName(
            "converted concentration spans currencies: another counterparty's yen is a market cause for the euro row")
    void another_currency_moves_converted_concentration() {
        RestatementView view = restatement("fx-euro-cp", afterCorrection, afterYen, "USD");

        assertThat(view.changes()).singleElement().satisfies(c -> {
            assertThat(c.field()).isEqualTo("reporting.concentration");
            assertThat(c.before())
                    .isEqualTo(reporting(totals("fx-euro-cp", AS_OF, afterCorrection, "USD"), "EUR")
                            .concentration());
            assertThat(c.after())
                    .isEqualTo(reporting(totals("fx-euro-cp", AS_OF, afterYen, "USD"), "EUR")
                            .concentration());
            assertThat(c.causes()).containsExactly(yenCommitment);
            assertThat(c.bridge()).extracting(RestatementView.BridgeLine::kind).containsExactly("market");
        });
        assertThat(view.causes()).singleElement().satisfies(cause -> {
            assertThat(cause.kind()).isEqualTo("market");
            assertThat(cause.counterpartyId()).isEqualTo("fx-yen-cp");
        });
        assertThat(restatement("fx-euro-cp", afterCorrection, afterYen, null).changes())
                .isEmpty();
    }

    @Test
    @DisplayName("a restatement in a reporting currency is a 422 fx-rate-missing when an end has no rate")
    void a_restatement_needs_rates_at_both_ends() {
        Response response = given().accept("application/json")
                .queryParam("counterpartyId", "fx-euro-cp")
                .queryParam("asOf", AS_OF.toString())
                .queryParam("from", beforeRates.toString())
                .queryParam("to", afterRates.toString())
                .queryParam("reportingCurrency", "USD")
                .get("/api/v1/restatements");
        JsonNode problem = Problems.assertProblem(response, 422);
        assertThat(problem.path("type").asText()).endsWith("/fx-rate-missing");
        assertThat(problem.path("detail").asText()).contains("/USD").contains(AS_OF.toString());
    }

    private static RestatementView restatement(String counterpartyId, Instant from, Instant to, String currency) {
        Map<String, Object> params = new java.util.LinkedHashMap<>();
        params.put("counterpartyId", counterpartyId);
        params.put("asOf", AS_OF.toString());
        params.put("from", from.toString());
        params.put("to", to.toString());
        if (currency != null) {
            params.put("reportingCurrency", currency);
        }
        return Reads.get("/api/v1/restatements", params, RestatementView.class);
    }

    @Test
    @DisplayName("without reportingCurrency rows carry no reporting field")
    void no_reporting_without_the_parameter() {
        JsonNode row = Reads.tree(
                        Reads.getJson("/api/v1/counterparties/fx-euro-cp/totals", Reads.at(AS_OF, afterRates)))
                .path("totals")
                .get(0);
        assertThat(row.has("reporting")).isFalse();
    }

    @Test
    @DisplayName("the schedule converts each year's remaining on its own")
    void schedule_in_a_reporting_currency() {
        Map<String, Object> params = Reads.at(AS_OF, afterRates);
        params.put("reportingCurrency", "USD");
        ScheduleView view = Reads.get("/api/v1/counterparties/fx-euro-cp/schedule", params, ScheduleView.class);

        assertThat(view.rows()).singleElement().satisfies(r -> {
            assertThat(r.year()).isEqualTo(1987);
            assertThat(r.remaining()).isEqualTo("0.02");
            assertThat(r.reporting().currency()).isEqualTo("USD");
            assertThat(r.reporting().remaining()).isEqualTo("0.03");
            assertThat(r.reporting().committed()).isNull();
        });
    }

    @Test
    @DisplayName("the exposure CSV adds the reporting columns when asked for a reporting currency")
    void exposure_csv() {
        String csv = given().accept("text/csv")
                .queryParam("asOf", AS_OF.toString())
                .queryParam("knownAt", afterRates.toString())
                .queryParam("reportingCurrency", "USD")
                .get("/api/v1/exposure")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv.lines().findFirst().orElseThrow())
                .endsWith(",amendments,reportingCurrency,reportingCommitted,reportingElapsed,reportingRemaining,"
                        + "reportingPotential,reportingExposure,reportingConcentration");
        assertThat(csv).contains("fx-euro-cp,Fictional fx-euro-cp,EUR,PAYABLE,0.02,0.00,0.02,0.00,0.02,");
    }

    @Test
    @DisplayName("GET /fx-rates shows the rate in force at (asOf, knownAt) and the fact it comes from")
    void reading_a_rate() {
        FxRateView first = Reads.get("/api/v1/fx-rates/EUR/USD", Reads.at(AS_OF, afterRates), FxRateView.class);
        assertThat(first.rate()).isEqualTo("1.5");
        assertThat(first.rateDate()).isEqualTo(SIGNED);
        assertThat(first.source()).isEqualTo("illustrative");
        assertThat(first.position()).isEqualTo(eurUsd.position());
        assertThat(first.recordedAt()).isEqualTo(eurUsd.recordedAt());
        assertThat(first.asOf()).isEqualTo(AS_OF);
        assertThat(first.knownAt()).isEqualTo(afterRates);

        FxRateView corrected =
                Reads.get("/api/v1/fx-rates/EUR/USD", Reads.at(AS_OF, afterCorrection), FxRateView.class);
        assertThat(corrected.rate()).isEqualTo("1.25");
        assertThat(corrected.position()).isEqualTo(eurUsdCorrected.position());

        Problems.assertProblem(given().queryParam("asOf", "1984-12-31").get("/api/v1/fx-rates/EUR/USD"), 404);
        // A rate is shown as recorded: JPY/USD was recorded only as USD/JPY.
        Problems.assertProblem(given().queryParam("asOf", AS_OF.toString()).get("/api/v1/fx-rates/JPY/USD"), 404);
    }

    @Test
    @DisplayName("a reporting currency or pair that is not an ISO 4217 currency with a minor unit is a 400")
    void malformed_currencies() {
        Problems.assertMalformed(totalsResponse("fx-euro-cp", AS_OF, afterRates, "usd"), "reportingCurrency");
        Problems.assertMalformed(totalsResponse("fx-euro-cp", AS_OF, afterRates, "XAU"), "reportingCurrency");
        Problems.assertMalformed(given().get("/api/v1/fx-rates/EUR/EUR"), "quoteCurrency");
        Problems.assertMalformed(given().get("/api/v1/fx-rates/ABC/USD"), "baseCurrency");
    }

    private static Response totalsResponse(String counterpartyId, LocalDate asOf, Instant knownAt, String currency) {
        return given().accept("application/json")
                .queryParam("asOf", asOf.toString())
                .queryParam("knownAt", knownAt.toString())
                .queryParam("reportingCurrency", currency)
                .get("/api/v1/counterparties/" + counterpartyId + "/totals");
    }

    private static CounterpartyTotalsView totals(
            String counterpartyId, LocalDate asOf, Instant knownAt, String currency) {
        Map<String, Object> params = Reads.at(asOf, knownAt);
        params.put("reportingCurrency", currency);
        return Reads.get("/api/v1/counterparties/" + counterpartyId + "/totals", params, CounterpartyTotalsView.class);
    }

    private static ReportingView reporting(CounterpartyTotalsView view, String currency) {
        TotalsRowView row = view.totals().stream()
                .filter(r -> r.currency().equals(currency))
                .findFirst()
                .orElseThrow();
        assertThat(row.reporting()).as("reporting of %s", row).isNotNull();
        return row.reporting();
    }

    private static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
