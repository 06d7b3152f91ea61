package dev.dealledger.query.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.testkit.oracle.LedgerModel;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The example history of docs/domain.md (illustrative dates, split and option size, labelled so there), plus three
 * clearly fictional counterparties to compare against. Every expected figure comes either from a hand derivation
 * written next to it, or from {@link LedgerModel}, which recomputes the rules from the facts this test recorded.
 *
 * <p>Runs on its own fresh database: concentration compares every counterparty in a currency and direction, so the
 * market must hold exactly the facts recorded here.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TheWorkedExampleTest {

    static final String COREWEAVE = "coreweave";
    static final String NIMBUS = "nimbus-gpu-cloud";
    static final String AURORA = "aurora-compute";
    static final String LUMEN = "lumen-ai-labs";
    static final String OF_2025 = "of-2025-09";
    static final String OF_2026 = "of-2026-04";

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    LedgerModel model;

    /** Knowledge instants: before anything, after fact 1, after the fictional deals, after facts 2, 3 and 4. */
    Instant k0;

    Instant k1;
    Instant kFictional;
    Instant k2;
    Instant k3;
    Instant k4;

    @BeforeAll
    void recordTheExampleHistory() {
        ledger = new LedgerScript(writer);
        model = ledger.model();

        // Fact 1 (2023-12-01): the MSA with CoreWeave, seen from Meta's side.
        ledger.counterparty(COREWEAVE, "CoreWeave, Inc.", LocalDate.parse("2023-12-01"));
        ledger.agreement("msa-2023", COREWEAVE, LocalDate.parse("2023-12-01"));
        k0 = ledger.first().recordedAt().minusMillis(1);
        k1 = ledger.lastRecordedAt();

        // Fictional counterparties (not in the seeds), so exposure and concentration have something to compare.
        ledger.counterparty(NIMBUS, "Nimbus GPU Cloud Ltd. (fictional)", LocalDate.parse("2024-03-01"));
        ledger.agreement("msa-nimbus", NIMBUS, LocalDate.parse("2024-03-01"));
        ledger.deal("nb-2024", "msa-nimbus", Direction.PAYABLE, "USD", LocalDate.parse("2024-03-01"), "fictional-1");
        ledger.commitment(
                "nb-2024",
                "nb-h100",
                "2400000000.00",
                LocalDate.parse("2024-04-01"),
                LocalDate.parse("2027-03-31"),
                "H100 capacity (fictional)",
                LocalDate.parse("2024-03-01"));
        ledger.counterparty(AURORA, "Aurora Compute AG (fictional)", LocalDate.parse("2025-06-15"));
        ledger.agreement("msa-aurora", AURORA, LocalDate.parse("2025-06-15"));
        ledger.deal("au-2025", "msa-aurora", Direction.PAYABLE, "USD", LocalDate.parse("2025-06-15"), "fictional-2");
        ledger.commitment(
                "au-2025",
                "au-main",
                "1000000000.00",
                LocalDate.parse("2025-07-01"),
                LocalDate.parse("2028-06-30"),
                "GPU capacity (fictional)",
                LocalDate.parse("2025-06-15"));
        ledger.option(
                "au-2025",
                "au-opt",
                "500000000.00",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-06-30"),
                LocalDate.parse("2025-06-15"));
        ledger.deal("au-eur", "msa-aurora", Direction.RECEIVABLE, "EUR", LocalDate.parse("2025-01-01"), "fictional-3");
        ledger.commitment(
                "au-eur",
                "au-eur-resale",
                "300000000.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2026-12-31"),
                "Resold capacity (fictional)",
                LocalDate.parse("2025-01-01"));
        ledger.counterparty(LUMEN, "Lumen AI Labs (fictional)", LocalDate.parse("2025-11-01"));
        ledger.agreement("msa-lumen", LUMEN, LocalDate.parse("2025-11-01"));
        ledger.deal("lu-2026", "msa-lumen", Direction.RECEIVABLE, "USD", LocalDate.parse("2025-11-01"), "fictional-4");
        ledger.commitment(
                "lu-2026",
                "lu-main",
                "750000000.00",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2027-12-31"),
                "Inference capacity (fictional)",
                LocalDate.parse("2025-11-01"));
        kFictional = ledger.lastRecordedAt();

        // Fact 2 (2025-09-30): the 2025 order form, its commitment and the expansion option (window illustrative).
        ledger.deal(OF_2025, "msa-2023", Direction.PAYABLE, "USD", LocalDate.parse("2025-09-30"), "illustrative-8-K");
        ledger.commitment(
                OF_2025,
                "c-blackwell",
                "14200000000.00",
                LocalDate.parse("2025-10-01"),
                LocalDate.parse("2031-12-31"),
                "Nvidia Blackwell GPU capacity",
                LocalDate.parse("2025-09-30"));
        ledger.option(
                OF_2025,
                "opt-expansion",
                "6000000000.00",
                LocalDate.parse("2025-09-30"),
                LocalDate.parse("2026-12-31"),
                LocalDate.parse("2025-09-30"));
        k2 = ledger.lastRecordedAt();

        // Fact 3 (2026-04-01): the 2026 order form, and the exercise of the expansion option (on its own deal).
        ledger.deal(OF_2026, "msa-2023", Direction.PAYABLE, "USD", LocalDate.parse("2026-04-01"), "illustrative-2026");
        ledger.commitment(
                OF_2026,
                "c-vera-rubin",
                "15000000000.00",
                LocalDate.parse("2026-07-01"),
                LocalDate.parse("2032-12-31"),
                "Nvidia Vera Rubin GPU capacity",
                LocalDate.parse("2026-04-01"));
        ledger.exercise(
                OF_2025,
                "opt-expansion",
                "c-expansion",
                "6000000000.00",
                LocalDate.parse("2026-07-01"),
                LocalDate.parse("2032-12-31"),
                "Additional resources (exercised option)",
                LocalDate.parse("2026-04-01"));
        k3 = ledger.lastRecordedAt();

        // Fact 4: the backdated amendment, effective 2026-01-01, recorded after fact 3.
        ledger.amend(
                OF_2025,
                "c-blackwell",
                "am-correction",
                "250000000.00",
                null,
                LocalDate.parse("2026-01-01"),
                "Illustrative correction of the 2025 commitment");
        k4 = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    static final List<LocalDate> AS_OF = dates(
            "2023-11-30",
            "2023-12-01",
            "2025-06-30",
            "2025-09-29",
            "2025-09-30",
            "2025-10-31",
            "2025-12-31",
            "2026-01-01",
            "2026-01-31",
            "2026-03-31",
            "2026-04-01",
            "2026-06-30",
            "2026-07-31",
            "2026-12-31",
            "2027-01-01",
            "2031-12-31",
            "2032-01-01",
            "2032-12-31",
            "2033-01-01");

    List<Instant> knowledge() {
        return List.of(k0, k1, kFictional, k2, k3, k4);
    }

    @Test
    @DisplayName("after fact 4 the total committed with CoreWeave is 35,450,000,000.00 USD")
    void total_committed_after_fact_4() {
        CounterpartyTotalsView view = Reads.totals(COREWEAVE, LocalDate.parse("2026-04-01"), k4);
        assertThat(view.totals()).hasSize(1);
        TotalsRowView usd = view.totals().get(0);
        assertThat(usd.currency()).isEqualTo("USD");
        assertThat(usd.direction()).isEqualTo(Direction.PAYABLE);
        // 14.2bn + 0.25bn amendment + 15bn fresh commitment + 6bn exercised option (docs/domain.md).
        assertThat(usd.committed()).isEqualTo("35450000000.00");
        assertThat(usd.deals()).isEqualTo(2);
        assertThat(usd.commitments()).isEqualTo(3);
        assertThat(usd.optionsOpen()).isZero();
        assertThat(usd.optionsExercised()).isEqualTo(1);
        assertThat(usd.amendments()).isEqualTo(1);
        assertThat(usd.potential()).isEqualTo("0.00");
        assertThat(view.legalName()).isEqualTo("CoreWeave, Inc.");
    }

    @Test
    @DisplayName("at 2025-12-31 as known after fact 2: three installments have elapsed and the option is open")
    void hand_derived_figures_at_the_end_of_2025() {
        TotalsRowView usd = single(Reads.totals(COREWEAVE, LocalDate.parse("2025-12-31"), k2));
        // 14,200,000,000.00 over 75 months (2025-10..2031-12) = 1,420,000,000,000 cents / 75:
        // floor 18,933,333,333 cents a month; Oct, Nov, Dec 2025 are due by 2025-12-31.
        assertThat(usd.committed()).isEqualTo("14200000000.00");
        assertThat(usd.elapsed()).isEqualTo("567999999.99");
        assertThat(usd.remaining()).isEqualTo("13632000000.01");
        assertThat(usd.potential()).isEqualTo("6000000000.00");
        assertThat(usd.exposure()).isEqualTo("19632000000.01");
        assertThat(usd.deals()).isEqualTo(1);
        assertThat(usd.commitments()).isEqualTo(1);
        assertThat(usd.optionsOpen()).isEqualTo(1);
        assertThat(usd.optionsExercised()).isZero();
        assertThat(usd.amendments()).isZero();
    }

    @Test
    @DisplayName("the backdated amendment re-spreads January 2026 onwards: hand-derived before and after")
    void hand_derived_figures_of_the_amendment() {
        LocalDate january = LocalDate.parse("2026-01-31");
        TotalsRowView before = single(Reads.totals(COREWEAVE, january, k3));
        TotalsRowView after = single(Reads.totals(COREWEAVE, january, k4));
        // Before: four installments of 18,933,333,333 cents have fallen due (Oct 2025..Jan 2026).
        assertThat(before.committed()).isEqualTo("14200000000.00");
        assertThat(before.elapsed()).isEqualTo("757333333.32");
        assertThat(before.remaining()).isEqualTo("13442666666.68");
        // After: Oct..Dec 2025 stay (56,799,999,999 cents); the rest, 1,445,000,000,000 - 56,799,999,999 =
        // 1,388,200,000,001 cents, spreads over the 72 months 2026-01..2031-12: 19,280,555,555 cents a month.
        assertThat(after.committed()).isEqualTo("14450000000.00");
        assertThat(after.elapsed()).isEqualTo("760805555.54");
        assertThat(after.remaining()).isEqualTo("13689194444.46");
        assertThat(after.amendments()).isEqualTo(1);
        assertThat(before.amendments()).isZero();
    }

    @Test
    @DisplayName("totals of every counterparty match the model at every (asOf, knownAt) of the grid")
    void totals_match_the_model_on_the_grid() {
        for (Instant knownAt : knowledge()) {
            for (LocalDate asOf : AS_OF) {
                for (String counterparty : List.of(COREWEAVE, NIMBUS, AURORA, LUMEN)) {
                    CounterpartyTotalsView view = Reads.totals(counterparty, asOf, knownAt);
                    assertThat(view.asOf()).isEqualTo(asOf);
                    assertThat(view.knownAt()).isEqualTo(knownAt);
                    assertThat(view.legalName()).isEqualTo(model.legalNameAt(counterparty, knownAt));
                    assertThat(view.totals())
                            .as("%s at asOf %s, knownAt %s", counterparty, asOf, knownAt)
                            .containsExactlyInAnyOrderElementsOf(model.totalsOf(counterparty, asOf, knownAt));
                }
            }
        }
    }

    @Test
    @DisplayName("the exposure table, with concentration per currency and direction, matches the model on the grid")
    void exposure_matches_the_model_on_the_grid() {
        for (Instant knownAt : knowledge()) {
            for (LocalDate asOf : AS_OF) {
                ExposureView view = Reads.exposure(asOf, knownAt);
                List<ExposureRowView> expected = new ArrayList<>();
                model.totals(asOf, knownAt)
                        .forEach((key, row) -> expected.add(ExposureRowView.of(
                                key.counterpartyId(), model.legalNameAt(key.counterpartyId(), knownAt), row)));
                assertThat(view.rows())
                        .as("exposure at asOf %s, knownAt %s", asOf, knownAt)
                        .containsExactlyInAnyOrderElementsOf(expected);
                assertThat(view.asOf()).isEqualTo(asOf);
                assertThat(view.knownAt()).isEqualTo(knownAt);
            }
        }
    }

    @Test
    @DisplayName("concentration at 2026-04-01: shares of the USD payable market sum to one")
    void concentration_shares_sum_to_one() {
        ExposureView view = Reads.exposure(LocalDate.parse("2026-04-01"), k4);
        BigDecimal sum = view.rows().stream()
                .filter(r -> r.currency().equals("USD") && r.direction() == Direction.PAYABLE)
                .map(r -> new BigDecimal(r.concentration()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        // Three members, each rounded to 6 places: at most 1.5e-6 away from exactly one.
        assertThat(sum.subtract(BigDecimal.ONE).abs()).isLessThanOrEqualTo(new BigDecimal("0.0000015"));
        ExposureRowView lumen = view.rows().stream()
                .filter(r -> r.counterpartyId().equals(LUMEN))
                .findFirst()
                .orElseThrow();
        // Lumen is alone in USD receivable.
        assertThat(lumen.concentration()).isEqualTo("1.000000");
        ExposureRowView auroraEur = view.rows().stream()
                .filter(r -> r.counterpartyId().equals(AURORA) && r.currency().equals("EUR"))
                .findFirst()
                .orElseThrow();
        assertThat(auroraEur.direction()).isEqualTo(Direction.RECEIVABLE);
        assertThat(auroraEur.concentration()).isEqualTo("1.000000");
    }

    @Test
    @DisplayName("CoreWeave's remaining obligation by year, 2025 to 2032, matches the model")
    void remaining_by_year() {
        // As of the 2025 order form: its installments run 2025..2031.
        ScheduleView atSigning = Reads.schedule(COREWEAVE, LocalDate.parse("2025-09-30"), k4);
        Map<Integer, String> bySigning = byYear(atSigning);
        // Hand-derived: 3 x 18,933,333,333 cents in 2025, 12 x in 2026..2030, 11 x plus the remainder month in 2031.
        assertThat(bySigning)
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(
                        2025, "567999999.99",
                        2026, "2271999999.96",
                        2027, "2271999999.96",
                        2028, "2271999999.96",
                        2029, "2271999999.96",
                        2030, "2271999999.96",
                        2031, "2272000000.21")));
        // As of the 2026 order form, with the amendment known: 2026..2032 from the model.
        for (LocalDate asOf : List.of(
                LocalDate.parse("2025-09-30"),
                LocalDate.parse("2025-12-31"),
                LocalDate.parse("2026-04-01"),
                LocalDate.parse("2026-12-31"),
                LocalDate.parse("2032-06-30"))) {
            for (Instant knownAt : List.of(k2, k3, k4)) {
                ScheduleView view = Reads.schedule(COREWEAVE, asOf, knownAt);
                assertThat(view.asOf()).isEqualTo(asOf);
                assertThat(view.knownAt()).isEqualTo(knownAt);
                LedgerModel.Sums sums =
                        model.sums(asOf, knownAt).get(new LedgerModel.RowKey(COREWEAVE, "USD", Direction.PAYABLE));
                Map<Integer, String> expected = new TreeMap<>();
                sums.remainingByYear().forEach((year, minor) -> {
                    if (minor != 0) {
                        expected.put(year, LedgerModel.money(minor, "USD"));
                    }
                });
                assertThat(byYear(view)).as("asOf %s knownAt %s", asOf, knownAt).isEqualTo(expected);
                BigDecimal total = view.rows().stream()
                        .map(r -> new BigDecimal(r.remaining()))
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertThat(total)
                        .isEqualByComparingTo(
                                single(Reads.totals(COREWEAVE, asOf, knownAt)).remaining());
            }
        }
        ScheduleView after = Reads.schedule(COREWEAVE, LocalDate.parse("2026-04-01"), k4);
        assertThat(byYear(after).keySet()).containsExactly(2026, 2027, 2028, 2029, 2030, 2031, 2032);
    }

    @Test
    @DisplayName("restatement as of 2026-01-31 between before and after the backdated amendment names it as cause")
    void restatement_names_the_amendment() {
        LocalDate asOf = LocalDate.parse("2026-01-31");
        RestatementView view = Reads.restatement(COREWEAVE, asOf, k3, k4);
        assertThat(view.asOf()).isEqualTo(asOf);
        assertThat(view.from()).isEqualTo(k3);
        assertThat(view.to()).isEqualTo(k4);

        TotalsRowView before = model.totalsOf(COREWEAVE, asOf, k3).get(0);
        TotalsRowView after = model.totalsOf(COREWEAVE, asOf, k4).get(0);
        List<List<String>> expected = new ArrayList<>();
        fields(before).forEach((field, value) -> {
            String afterValue = fields(after).get(field);
            if (!value.equals(afterValue)) {
                expected.add(List.of("USD", Direction.PAYABLE.name(), field, value, afterValue));
            }
        });
        assertThat(expected)
                .extracting(e -> e.get(2))
                .contains("committed", "elapsed", "remaining", "exposure", "amendments");
        assertThat(view.changes())
                .extracting(c -> List.of(c.currency(), c.direction().name(), c.field(), c.before(), c.after()))
                .containsExactlyInAnyOrderElementsOf(expected);
        long amendment = view.causes().get(0).position();
        assertThat(view.changes()).allSatisfy(c -> {
            assertThat(c.causes()).containsExactly(amendment);
            assertThat(c.bridge()).singleElement().satisfies(line -> {
                assertThat(line.kind()).isEqualTo("backdated-amendment");
                assertThat(new BigDecimal(line.effect()))
                        .isEqualByComparingTo(new BigDecimal(c.after()).subtract(new BigDecimal(c.before())));
            });
        });
        assertThat(view.changes())
                .filteredOn(c -> c.field().equals("committed"))
                .singleElement()
                .satisfies(c -> {
                    assertThat(c.before()).isEqualTo("14200000000.00");
                    assertThat(c.after()).isEqualTo("14450000000.00");
                });

        assertThat(view.causes()).singleElement().satisfies(cause -> {
            assertThat(cause.kind()).isEqualTo("backdated-amendment");
            assertThat(cause.eventType()).isEqualTo("CommitmentAmendedEvent");
            assertThat(cause.dealId()).isEqualTo(OF_2025);
            assertThat(cause.effectiveDate()).isEqualTo(LocalDate.parse("2026-01-01"));
            assertThat(cause.recordedAt()).isEqualTo(k4);
            assertThat(cause.actor()).isEqualTo(EventStoreWriter.ACTOR);
            assertThat(cause.reason()).isEqualTo("Illustrative correction of the 2025 commitment");
            assertThat(cause.payload().path("amendmentId").asText()).isEqualTo("am-correction");
            assertThat(cause.payload().path("amountDelta").asText()).isEqualTo("250000000.00");
        });
    }

    @Test
    @DisplayName("a restatement over facts effective after asOf changes nothing and names no cause")
    void restatement_over_later_effective_facts_is_empty() {
        RestatementView view = Reads.restatement(COREWEAVE, LocalDate.parse("2026-01-31"), k2, k3);
        assertThat(view.changes()).isEmpty();
        assertThat(view.causes()).isEmpty();
        RestatementView later = Reads.restatement(COREWEAVE, LocalDate.parse("2026-04-01"), k2, k3);
        assertThat(later.changes()).extracting(RestatementView.Change::field).contains("committed", "deals");
        assertThat(later.causes())
                .extracting(c -> c.eventType())
                .containsExactly("DealRecordedEvent", "CommitmentRecordedEvent", "OptionExercisedEvent");
    }

    @Test
    @DisplayName("the deal views of both order forms match the model, option open before and exercised after")
    void deal_views() {
        DealView beforeExercise = Reads.deal(OF_2025, LocalDate.parse("2026-03-31"), k4);
        assertThat(beforeExercise.options()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DealView.OptionStatus.OPEN);
            assertThat(o.potential()).isEqualTo("6000000000.00");
            assertThat(o.exercisedAs()).isNull();
        });
        assertThat(beforeExercise.commitments())
                .extracting(DealView.Commitment::commitmentId)
                .containsExactly("c-blackwell");

        DealView afterExercise = Reads.deal(OF_2025, LocalDate.parse("2026-04-01"), k4);
        assertThat(afterExercise.options()).singleElement().satisfies(o -> {
            assertThat(o.status()).isEqualTo(DealView.OptionStatus.EXERCISED);
            assertThat(o.potential()).isEqualTo("0.00");
            assertThat(o.exercisedAs()).isEqualTo("c-expansion");
            assertThat(o.maxAmount()).isEqualTo("6000000000.00");
        });
        assertThat(afterExercise.commitments())
                .filteredOn(c -> c.commitmentId().equals("c-expansion"))
                .singleElement()
                .satisfies(c -> assertThat(c.fromOptionId()).isEqualTo("opt-expansion"));

        for (Instant knownAt : List.of(k2, k3, k4)) {
            for (LocalDate asOf : AS_OF) {
                if (asOf.isBefore(LocalDate.parse("2025-09-30"))) {
                    continue;
                }
                DealView view = Reads.deal(OF_2025, asOf, knownAt);
                assertThat(view.asOf()).isEqualTo(asOf);
                assertThat(view.knownAt()).isEqualTo(knownAt);
                assertThat(view.currency()).isEqualTo("USD");
                assertThat(view.direction()).isEqualTo(Direction.PAYABLE);
                assertThat(view.counterpartyId()).isEqualTo(COREWEAVE);
                assertThat(view.sourceReference()).isEqualTo("illustrative-8-K");
                for (DealView.Commitment c : view.commitments()) {
                    LedgerModel.CommitmentState s = model.commitment(OF_2025, c.commitmentId(), asOf, knownAt)
                            .orElseThrow();
                    assertThat(c.committed()).isEqualTo(LedgerModel.money(s.committedMinor(), "USD"));
                    assertThat(c.elapsed()).isEqualTo(LedgerModel.money(s.elapsedMinor(), "USD"));
                    assertThat(c.remaining()).isEqualTo(LedgerModel.money(s.remainingMinor(), "USD"));
                    assertThat(c.amendments()).isEqualTo(s.amendments());
                    assertThat(c.termEnd()).isEqualTo(s.termEnd());
                }
                long visible = model.commitments().stream()
                        .filter(c -> c.dealId().equals(OF_2025))
                        .filter(c -> model.commitment(OF_2025, c.commitmentId(), asOf, knownAt)
                                .isPresent())
                        .count();
                assertThat(view.commitments()).hasSize((int) visible);
            }
        }
    }

    private static TotalsRowView single(CounterpartyTotalsView view) {
        assertThat(view.totals()).hasSize(1);
        return view.totals().get(0);
    }

    private static Map<Integer, String> byYear(ScheduleView view) {
        Map<Integer, String> byYear = new TreeMap<>();
        for (ScheduleView.Row row : view.rows()) {
            assertThat(row.currency()).isEqualTo("USD");
            assertThat(row.direction()).isEqualTo(Direction.PAYABLE);
            if (new BigDecimal(row.remaining()).signum() != 0) {
                byYear.put(row.year(), row.remaining());
            }
        }
        return byYear;
    }

    /** The totals fields a restatement compares, by their API names. */
    static Map<String, String> fields(TotalsRowView r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("committed", r.committed());
        f.put("elapsed", r.elapsed());
        f.put("remaining", r.remaining());
        f.put("potential", r.potential());
        f.put("exposure", r.exposure());
        f.put("concentration", r.concentration());
        f.put("deals", Long.toString(r.deals()));
        f.put("commitments", Long.toString(r.commitments()));
        f.put("optionsOpen", Long.toString(r.optionsOpen()));
        f.put("optionsExercised", Long.toString(r.optionsExercised()));
        f.put("amendments", Long.toString(r.amendments()));
        return f;
    }

    static List<LocalDate> dates(String... values) {
        List<LocalDate> out = new ArrayList<>();
        for (String v : values) {
            out.add(LocalDate.parse(v));
        }
        return out;
    }
}
