package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the demo prints from the query service's answers. Runs against {@link FakeLedger}'s canned views. */
class ReportingTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    private FakeLedger ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        ledger = new FakeLedger();
    }

    @AfterEach
    void stop() {
        ledger.close();
    }

    private int run() {
        return ledger.demo(out, NOW).run();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines() {
        return Arrays.asList(output().split("\n"));
    }

    @Test
    @DisplayName("the exposure table shows every row of every page, as of today, with grouped amounts")
    void exposureFollowsEveryPage() {
        assertThat(run()).isZero();

        assertThat(ledger.reads("/api/v1/exposure"))
                .extracting(r -> r.query().get("asOf"))
                .containsOnly("2026-11-23");
        assertThat(output()).contains("1. Exposure per counterparty as of 2026-11-23");
        assertThat(lines())
                .anySatisfy(line -> assertThat(line)
                        .contains("coreweave", "CoreWeave, Inc.", "35,450,000,000.00", "31,877,021,367.63", "0.974028"))
                .anySatisfy(line -> assertThat(line)
                        .contains("northwind-compute", "Northwind Compute Ltd. (fictional)", "850,000,000.00"));
    }

    @Test
    @DisplayName("the schedule has a line for every year from 2025 to 2032, zero where the service lists none")
    void scheduleCoversEveryYear() {
        assertThat(run()).isZero();

        assertThat(ledger.reads("/api/v1/counterparties/coreweave/schedule"))
                .extracting(r -> r.query().get("asOf"))
                .containsExactly("2025-09-30", "2026-04-01");
        for (int year = 2025; year <= 2032; year++) {
            String expected = year == 2025 || year == 2032 ? "0.00" : "1,000,000,000.00";
            String yearText = Integer.toString(year);
            assertThat(lines())
                    .filteredOn(line -> line.matches("\\s+USD\\s+PAYABLE\\s+" + yearText + "\\s.*"))
                    .singleElement()
                    .satisfies(line -> assertThat(line.trim()).endsWith(expected));
        }
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches("\\s+USD\\s+PAYABLE\\s+total\\s.*"));
    }

    @Test
    @DisplayName("the restatement prints each changed field before and after, and names the amendment as cause")
    void restatementNamesItsCause() {
        assertThat(run()).isZero();

        String restatement = output().substring(output().indexOf("3. Restatement"));
        assertThat(restatement)
                .contains("as of 2026-01-31")
                .contains("14,200,000,000.00", "14,450,000,000.00", "+250,000,000.00")
                .contains("CommitmentAmendedEvent", ExampleHistory.AMENDMENT, "2026-01-01", "illustrative correction")
                .contains("known before", "known after");
    }

    @Test
    @DisplayName("the check line confirms docs/domain.md's 35,450,000,000.00 USD committed with CoreWeave")
    void theCheckHolds() {
        assertThat(run()).isZero();

        assertThat(output())
                .contains("Check: total committed with CoreWeave as of 2026-04-01, after fact 4: 35,450,000,000.00 USD"
                        + " (docs/domain.md: 35,450,000,000.00 USD) OK")
                .contains("the close answered the same digest when it was recorded: OK")
                .doesNotContain("CHECKS FAILED");
    }

    @Test
    @DisplayName("a different committed total is printed as a mismatch and fails the run")
    void aWrongTotalFailsTheRun() {
        ledger.committedAfterFact4 = "35200000000.00";

        assertThat(run()).isEqualTo(2);

        assertThat(output())
                .contains("35,200,000,000.00 USD (docs/domain.md: 35,450,000,000.00 USD) MISMATCH", "CHECKS FAILED");
    }

    @Test
    @DisplayName("a restatement that does not name the amendment fails the run")
    void aRestatementWithoutTheAmendmentFailsTheRun() {
        ledger.restatementNamesAmendment = false;

        assertThat(run()).isEqualTo(2);

        assertThat(output()).contains("CHECKS FAILED", "does not name " + ExampleHistory.AMENDMENT);
    }

    @Test
    @DisplayName("a close that answered another digest than the period read serves fails the run")
    void aCloseDigestThatDisagreesWithThePeriodFailsTheRun() {
        ledger.closeDigest = "ab".repeat(32);

        assertThat(run()).isEqualTo(2);

        assertThat(output()).contains("CHECKS FAILED", "the close answered the digest " + "ab".repeat(32));
    }

    @Test
    @DisplayName("a restatement whose sides disagree with the totals read at its two instants fails the run")
    void aRestatementThatDisagreesWithTheTotalsFailsTheRun() {
        ledger.committedKnownAfterAmendment = "14200000000.00";

        assertThat(run()).isEqualTo(2);

        assertThat(output())
                .contains("Every before and after agrees with GET totals as of 2026-01-31", "NO, USD PAYABLE committed")
                .contains("CHECKS FAILED", "disagrees with the totals");
    }

    @Test
    @DisplayName("the restatement's sides are checked against the totals read at its two instants")
    void restatementAgreesWithTheTotals() {
        assertThat(run()).isZero();

        assertThat(ledger.reads("/api/v1/counterparties/coreweave/totals"))
                .extracting(r -> r.query().get("knownAt"))
                .contains(
                        FakeLedger.FIRST_RECORDED
                                .plusSeconds(ExampleHistory.writes().size() - 2)
                                .toString(),
                        FakeLedger.FIRST_RECORDED
                                .plusSeconds(ExampleHistory.writes().size() - 1)
                                .toString());
        assertThat(output()).contains("Every before and after agrees with GET totals as of 2026-01-31", ": OK");
    }

    @Test
    @DisplayName("a failing read stops the demo with the service's problem detail")
    void aFailingReadStopsTheDemo() {
        ledger.readOverride = request -> request.path().equals("/api/v1/restatements")
                ? FakeLedger.problem(400, "malformed-request", "from must be before to (test detail)")
                : null;

        org.assertj.core.api.Assertions.assertThatThrownBy(this::run)
                .isInstanceOf(DemoFailure.class)
                .hasMessageContaining("/api/v1/restatements")
                .hasMessageContaining("from must be before to (test detail)");
    }

    @Test
    @DisplayName("the purchase-obligation disclosure is printed by fiscal year and by band, as of 2026-12-31")
    void disclosureInBothShapes() {
        assertThat(run()).isZero();

        assertThat(ledger.reads("/api/v1/disclosures/obligations"))
                .singleElement()
                .satisfies(r -> assertThat(r.query())
                        .containsEntry("direction", "PAYABLE")
                        .containsEntry("reportingCurrency", "USD")
                        .containsEntry("asOf", "2026-12-31"));
        assertThat(output()).contains("4. Purchase obligations (PAYABLE) in USD as of 2026-12-31");
        assertThat(lines())
                .anySatisfy(line -> assertThat(line).matches("\\s+FY2027\\s+5,000,000,000.00"))
                .anySatisfy(line -> assertThat(line).matches("\\s+thereafter\\s+3,000,000,000.00"))
                .anySatisfy(line -> assertThat(line).matches("\\s+one to three years\\s+10,000,000,000.00"));
    }

    @Test
    @DisplayName("a disclosure whose shapes do not add up to its total fails the demo's checks")
    void aDisclosureThatDoesNotAddUpFails() {
        ledger.readOverride = request -> request.path().equals("/api/v1/disclosures/obligations")
                ? new FakeLedger.Answer(
                        200,
                        "application/json",
                        "{\"direction\":\"PAYABLE\",\"asOf\":\"2026-12-31\",\"knownAt\":\"2026-06-01T00:00:00Z\","
                                + "\"fiscalYearEnd\":\"12-31\",\"rows\":[{\"currency\":\"USD\",\"fiscalYears\":["
                                + "{\"fiscalYear\":2027,\"amount\":\"1.00\"}],\"thereafter\":\"0.00\",\"bands\":{"
                                + "\"withinOneYear\":\"1.00\",\"oneToThreeYears\":\"0.00\",\"threeToFiveYears\":\"0.00\","
                                + "\"afterFiveYears\":\"0.00\"},\"total\":\"2.00\"}]}",
                        java.util.Map.of())
                : null;

        assertThat(run()).isEqualTo(2);
        assertThat(output()).contains("CHECKS FAILED", "does not add up to its total 2.00");
    }

    @Test
    @DisplayName("the closed quarter is printed as reported against as restated, the amendment as its adjustment")
    void periodAsReportedAgainstRestated() {
        assertThat(run()).isZero();

        assertThat(output())
                .contains("6. The period ending " + ExampleHistory.CLOSED_PERIOD)
                .contains("backdated-amendment CommitmentAmendedEvent on " + ExampleHistory.COREWEAVE_DEAL_2025);
        assertThat(lines())
                .anySatisfy(line -> assertThat(line).contains("coreweave", "35,200,000,000.00", "35,450,000,000.00"));
        assertThat(ledger.reads("/api/v1/exposure"))
                .anySatisfy(r -> assertThat(r.query()).containsEntry("reportingCurrency", "USD"));
    }
}
