package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.CsvTable;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/disclosures/obligations: the remaining installments by fiscal year and by time band (docs/domain.md,
 * "Financial reporting"), worked by hand for a June year end, and checked against the totals, schedule and exposure
 * reads at the same (asOf, knownAt).
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingDisclosuresTest {

    static final String CP = "disclosure-cp";
    static final String PATH = "/api/v1/disclosures/obligations";

    @Inject
    EventStoreWriter writer;

    Instant beforeAmendment;
    Instant afterAll;
    Instant afterRate;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, "disc-usd", Direction.PAYABLE, "USD", date("2026-01-01"));
        // 100.00 a month through 2026.
        ledger.commitment(
                "disc-usd", "d1", "1200.00", date("2026-01-01"), date("2026-12-31"), "d1", date("2026-01-01"));
        // 100.00 a month from July 2026 to June 2031: 60 months.
        ledger.commitment(
                "disc-usd", "d2", "6000.00", date("2026-07-01"), date("2031-06-30"), "d2", date("2026-01-01"));
        ledger.deal("disc-eur", "msa-" + CP, Direction.RECEIVABLE, "EUR", date("2026-01-01"), "ref-disc-eur");
        ledger.commitment("disc-eur", "e1", "240.00", date("2027-01-01"), date("2028-12-31"), "e1", date("2026-01-01"));
        beforeAmendment = ledger.lastRecordedAt();
        // Backdated: +600.00 on d2 from 2026-07-01, spread over its remaining months.
        ledger.amend("disc-usd", "d2", "d2-up", "600.00", null, date("2026-07-01"), "correction");
        afterAll = ledger.lastRecordedAt();
        // A rate with a fourth decimal, so converting the EUR installments leaves fractions of a cent to allot.
        ledger.fxRate("EUR", "USD", date("2026-01-01"), "1.0999", "test rate");
        afterRate = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("a June year end with asOf in mid fiscal year, worked by hand")
    void june_year_end_by_hand() {
        DisclosureView view = disclosure(Map.of(
                "direction", "PAYABLE",
                "counterpartyId", CP,
                "fiscalYearEnd", "06-30",
                "asOf", "2026-12-15",
                "knownAt", beforeAmendment.toString()));
        assertThat(view.fiscalYearEnd()).isEqualTo("06-30");
        assertThat(view.knownAt()).isEqualTo(beforeAmendment);
        DisclosureView.Row usd = single(view);
        assertThat(usd.currency()).isEqualTo("USD");
        // FY2027 (2026-07-01..2027-06-30) holds d1's December and d2's December to June; d2 runs to June 2031.
        assertThat(usd.fiscalYears())
                .extracting(DisclosureView.FiscalYearAmount::fiscalYear, DisclosureView.FiscalYearAmount::amount)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(2027, "800.00"),
                        org.assertj.core.groups.Tuple.tuple(2028, "1200.00"),
                        org.assertj.core.groups.Tuple.tuple(2029, "1200.00"),
                        org.assertj.core.groups.Tuple.tuple(2030, "1200.00"),
                        org.assertj.core.groups.Tuple.tuple(2031, "1200.00"));
        assertThat(usd.thereafter()).isEqualTo("0.00");
        // From 2026-12-15: installments due through 2027-12-15, 2029-12-15, 2031-12-15.
        assertThat(usd.bands().withinOneYear()).isEqualTo("1300.00");
        assertThat(usd.bands().oneToThreeYears()).isEqualTo("2400.00");
        assertThat(usd.bands().threeToFiveYears()).isEqualTo("1900.00");
        assertThat(usd.bands().afterFiveYears()).isEqualTo("0.00");
        assertThat(usd.total()).isEqualTo("5600.00");
    }

    @Test
    @DisplayName("both shapes add up to the totals' remaining, on both time axes")
    void both_shapes_add_up_to_remaining() {
        for (Instant knownAt : List.of(beforeAmendment, afterAll)) {
            for (LocalDate asOf : List.of(date("2026-03-31"), date("2026-12-15"), date("2029-06-30"))) {
                DisclosureView view = disclosure(Map.of(
                        "direction",
                        "PAYABLE",
                        "counterpartyId",
                        CP,
                        "fiscalYearEnd",
                        "09-30",
                        "asOf",
                        asOf.toString(),
                        "knownAt",
                        knownAt.toString()));
                DisclosureView.Row usd = single(view);
                BigDecimal years = usd.fiscalYears().stream()
                        .map(y -> new BigDecimal(y.amount()))
                        .reduce(new BigDecimal(usd.thereafter()), BigDecimal::add);
                BigDecimal bands = new BigDecimal(usd.bands().withinOneYear())
                        .add(new BigDecimal(usd.bands().oneToThreeYears()))
                        .add(new BigDecimal(usd.bands().threeToFiveYears()))
                        .add(new BigDecimal(usd.bands().afterFiveYears()));
                String remaining = Reads.totals(CP, asOf, knownAt).totals().stream()
                        .filter(r -> r.currency().equals("USD") && r.direction() == Direction.PAYABLE)
                        .map(TotalsRowView::remaining)
                        .findFirst()
                        .orElseThrow();
                assertThat(usd.total()).as("total at %s, %s", asOf, knownAt).isEqualTo(remaining);
                assertThat(years).as("years at %s, %s", asOf, knownAt).isEqualByComparingTo(remaining);
                assertThat(bands).as("bands at %s, %s", asOf, knownAt).isEqualByComparingTo(remaining);
            }
        }
        // The backdated amendment is seen only from its knownAt on.
        assertThat(single(disclosure(Map.of(
                                "direction",
                                "PAYABLE",
                                "counterpartyId",
                                CP,
                                "asOf",
                                "2026-12-15",
                                "knownAt",
                                afterAll.toString())))
                        .total())
                .isEqualTo("6150.00");
    }

    @Test
    @DisplayName("with a December year end the fiscal years are the schedule's calendar years")
    void december_years_are_the_schedule_years() {
        LocalDate asOf = date("2026-12-31");
        DisclosureView view = disclosure(Map.of(
                "direction", "PAYABLE", "counterpartyId", CP, "asOf", asOf.toString(), "knownAt", afterAll.toString()));
        assertThat(view.fiscalYearEnd()).as("the configured default").isEqualTo("12-31");
        ScheduleView schedule = Reads.schedule(CP, asOf, afterAll);
        for (DisclosureView.FiscalYearAmount year : single(view).fiscalYears()) {
            String expected = schedule.rows().stream()
                    .filter(r -> r.currency().equals("USD")
                            && r.direction() == Direction.PAYABLE
                            && r.year() == year.fiscalYear())
                    .map(ScheduleView.Row::remaining)
                    .findFirst()
                    .orElse("0.00");
            assertThat(year.amount()).as("FY%d", year.fiscalYear()).isEqualTo(expected);
        }
    }

    @Test
    @DisplayName("for every counterparty, each currency's total is the exposure report's remaining summed")
    void every_counterparty_adds_up_to_the_exposure_report() {
        LocalDate asOf = date("2027-06-30");
        DisclosureView view =
                disclosure(Map.of("direction", "RECEIVABLE", "asOf", asOf.toString(), "knownAt", afterAll.toString()));
        assertThat(view.counterpartyId()).isNull();
        List<ExposureRowView> exposure = Reads.exposure(asOf, afterAll).rows();
        for (DisclosureView.Row row : view.rows()) {
            BigDecimal expected = exposure.stream()
                    .filter(r -> r.direction() == Direction.RECEIVABLE
                            && r.currency().equals(row.currency()))
                    .map(r -> new BigDecimal(r.remaining()))
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(new BigDecimal(row.total())).as(row.currency()).isEqualByComparingTo(expected);
        }
        assertThat(view.rows()).extracting(DisclosureView.Row::currency).contains("EUR");
    }

    @Test
    @DisplayName("the CSV holds the JSON's amounts, one per line")
    void csv_matches_json() {
        Map<String, String> params = Map.of(
                "direction", "PAYABLE",
                "counterpartyId", CP,
                "fiscalYearEnd", "06-30",
                "asOf", "2026-12-15",
                "knownAt", afterAll.toString());
        DisclosureView.Row usd = single(disclosure(params));
        var request = given().accept("text/csv");
        params.forEach(request::queryParam);
        String text = request.get(PATH).then().statusCode(200).extract().asString();
        CsvTable csv = CsvTable.parse(text);
        assertThat(csv.header()).containsExactly("currency", "shape", "period", "amount");
        List<String> expected = new ArrayList<>();
        usd.fiscalYears().forEach(y -> expected.add("USD,fiscalYear,FY" + y.fiscalYear() + "," + y.amount()));
        expected.add("USD,fiscalYear,thereafter," + usd.thereafter());
        expected.add("USD,band,withinOneYear," + usd.bands().withinOneYear());
        expected.add("USD,band,oneToThreeYears," + usd.bands().oneToThreeYears());
        expected.add("USD,band,threeToFiveYears," + usd.bands().threeToFiveYears());
        expected.add("USD,band,afterFiveYears," + usd.bands().afterFiveYears());
        expected.add("USD,total,total," + usd.total());
        assertThat(csv.rows())
                .extracting(
                        r -> r.get("currency") + "," + r.get("shape") + "," + r.get("period") + "," + r.get("amount"))
                .containsExactlyElementsOf(expected);
    }

    @Test
    @DisplayName("a missing direction, a malformed year end or id is a 400; an unknown counterparty a 404")
    void refusals() {
        Problems.assertMalformed(given().accept("application/json").get(PATH), "direction");
        for (String yearEnd : List.of("13-01", "6-30", "06-31", "june", "00-10")) {
            Problems.assertMalformed(
                    given().accept("application/json")
                            .queryParam("direction", "PAYABLE")
                            .queryParam("fiscalYearEnd", yearEnd)
                            .get(PATH),
                    "fiscalYearEnd");
        }
        Problems.assertMalformed(
                given().accept("application/json")
                        .queryParam("direction", "PAYABLE")
                        .queryParam("counterpartyId", "a/b")
                        .get(PATH),
                "counterpartyId");
        Problems.assertProblem(
                given().accept("application/json")
                        .queryParam("direction", "PAYABLE")
                        .queryParam("counterpartyId", "nobody-disclosed")
                        .get(PATH),
                404);
    }

    @Test
    @DisplayName("in a reporting currency: one row, the total rounded once, each shape allotted that total exactly")
    void one_row_in_a_reporting_currency() {
        DisclosureView view = disclosure(Map.of(
                "direction", "RECEIVABLE",
                "counterpartyId", CP,
                "reportingCurrency", "USD",
                "asOf", "2027-06-30",
                "knownAt", afterRate.toString()));
        assertThat(view.reportingCurrency()).isEqualTo("USD");
        DisclosureView.Row usd = single(view);
        assertThat(usd.currency()).isEqualTo("USD");
        // 180.00 EUR remain (10.00 a month, July 2027 to December 2028): 197.982 USD, rounded once to 197.98. By
        // fiscal year 65.994 and 131.988, floored to 65.99 and 131.98; the cent left goes to the larger remainder.
        assertThat(usd.total()).isEqualTo("197.98");
        assertThat(usd.fiscalYears())
                .extracting(DisclosureView.FiscalYearAmount::fiscalYear, DisclosureView.FiscalYearAmount::amount)
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple(2027, "65.99"),
                        org.assertj.core.groups.Tuple.tuple(2028, "131.99"));
        assertThat(usd.bands().withinOneYear()).isEqualTo("131.99");
        assertThat(usd.bands().oneToThreeYears()).isEqualTo("65.99");
        assertThat(usd.bands().threeToFiveYears()).isEqualTo("0.00");
        // Known before the rate, the same read has none to convert with.
        JsonNode problem = Problems.assertProblem(
                given().accept("application/json")
                        .queryParam("direction", "RECEIVABLE")
                        .queryParam("counterpartyId", CP)
                        .queryParam("reportingCurrency", "USD")
                        .queryParam("asOf", "2027-06-30")
                        .queryParam("knownAt", afterAll.toString())
                        .get(PATH),
                422);
        assertThat(problem.path("type").asText()).endsWith("fx-rate-missing");
        assertThat(problem.path("detail").asText()).contains("EUR");
    }

    private static DisclosureView disclosure(Map<String, String> params) {
        return Reads.get(PATH, new java.util.LinkedHashMap<String, Object>(params), DisclosureView.class);
    }

    private static DisclosureView.Row single(DisclosureView view) {
        assertThat(view.rows()).hasSize(1);
        return view.rows().get(0);
    }

    private static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
