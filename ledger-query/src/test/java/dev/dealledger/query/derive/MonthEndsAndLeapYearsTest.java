package dev.dealledger.query.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.query.testing.Rows;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Installments fall due on the last day of their month, whatever day the term starts or ends on; a leap February
 * ends on the 29th; a one-month term is one installment; cents are split floor-then-remainder. Expected values are
 * derived by hand in the comments.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MonthEndsAndLeapYearsTest {

    static final String LEAP = "edge-leap";
    static final String MONTHS = "edge-months";
    static final String CENTS = "edge-cents";
    static final String YEARS = "edge-years";
    static final String YEN = "edge-yen";

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    Instant beforeAnything;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        // One month in a leap February: a single installment of 1,000.00 due 2024-02-29.
        ledger.counterpartyWithDeal(LEAP, "leap-deal", Direction.PAYABLE, "USD", date("2024-01-15"));
        beforeAnything = ledger.first().recordedAt().minusMillis(1);
        ledger.commitment(
                "leap-deal", "leap-feb", "1000.00", date("2024-02-01"), date("2024-02-29"), "Leap", date("2024-01-15"));
        // 100.00 over a term 2025-01-15..2025-03-10: three calendar months, due 01-31, 02-28 and 03-31.
        ledger.counterpartyWithDeal(MONTHS, "months-deal", Direction.PAYABLE, "USD", date("2025-01-01"));
        ledger.commitment(
                "months-deal", "m-100", "100.00", date("2025-01-15"), date("2025-03-10"), "M", date("2025-01-01"));
        // 0.05 over three months: floor(5 / 3) = 1 cent, 1 cent, and the remainder 3 cents in the last month.
        ledger.counterpartyWithDeal(CENTS, "cents-deal", Direction.RECEIVABLE, "USD", date("2025-03-01"));
        ledger.commitment("cents-deal", "c-5", "0.05", date("2025-04-01"), date("2025-06-30"), "C", date("2025-03-01"));
        // 1,200.00 over 2025-11..2026-02: 300.00 a month, two in each calendar year.
        ledger.counterpartyWithDeal(YEARS, "years-deal", Direction.PAYABLE, "EUR", date("2025-10-01"));
        ledger.commitment(
                "years-deal", "y-1200", "1200.00", date("2025-11-01"), date("2026-02-28"), "Y", date("2025-10-01"));
        // JPY has no minor unit: 1,000 yen over three months is 333, 333, 334.
        ledger.counterpartyWithDeal(YEN, "yen-deal", Direction.RECEIVABLE, "JPY", date("2025-01-01"));
        ledger.commitment("yen-deal", "yen", "1000", date("2025-01-01"), date("2025-03-31"), "Yen", date("2025-01-01"));
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("a one-month term in a leap February falls due on the 29th")
    void leap_february() {
        assertFigures(LEAP, "2024-01-31", "1000.00", "0.00", "1000.00");
        assertFigures(LEAP, "2024-02-28", "1000.00", "0.00", "1000.00");
        assertFigures(LEAP, "2024-02-29", "1000.00", "1000.00", "0.00");
        assertFigures(LEAP, "2024-03-01", "1000.00", "1000.00", "0.00");
        assertThat(Reads.deal("leap-deal", date("2024-02-28"), null).commitments())
                .singleElement()
                .satisfies(c -> assertThat(c.termEnd()).isEqualTo(date("2024-02-29")));
    }

    @Test
    @DisplayName("asOf before the commitment holds counts nothing; asOf before the term counts it all as remaining")
    void as_of_before_the_term() {
        // The deal is signed and the commitment effective on 2024-01-15; the term starts 2024-02-01.
        CounterpartyTotalsView beforeSigning = Reads.totals(LEAP, date("2024-01-14"), null);
        assertThat(beforeSigning.totals()).isEmpty();
        TotalsRowView signed = Rows.only(Reads.totals(LEAP, date("2024-01-15"), null));
        assertThat(signed.commitments()).isEqualTo(1);
        assertThat(signed.deals()).isEqualTo(1);
        assertThat(signed.committed()).isEqualTo("1000.00");
        assertThat(signed.elapsed()).isEqualTo("0.00");
        assertThat(signed.remaining()).isEqualTo("1000.00");
        assertThat(signed.exposure()).isEqualTo("1000.00");
    }

    @Test
    @DisplayName("asOf long after the term: everything has elapsed and nothing remains")
    void as_of_after_the_term() {
        assertFigures(LEAP, "2030-06-15", "1000.00", "1000.00", "0.00");
        assertFigures(MONTHS, "2099-12-31", "100.00", "100.00", "0.00");
        ScheduleView after = Reads.schedule(MONTHS, date("2025-04-01"), null);
        assertThat(nonZero(after)).isEmpty();
    }

    @Test
    @DisplayName("installments fall due at month end, not on the term's own start or end day")
    void month_ends() {
        assertFigures(MONTHS, "2025-01-15", "100.00", "0.00", "100.00");
        assertFigures(MONTHS, "2025-01-30", "100.00", "0.00", "100.00");
        assertFigures(MONTHS, "2025-01-31", "100.00", "33.33", "66.67");
        assertFigures(MONTHS, "2025-02-27", "100.00", "33.33", "66.67");
        assertFigures(MONTHS, "2025-02-28", "100.00", "66.66", "33.34");
        // The term ends on 03-10, but March's installment (the remainder, 33.34) is due on 03-31.
        assertFigures(MONTHS, "2025-03-10", "100.00", "66.66", "33.34");
        assertFigures(MONTHS, "2025-03-30", "100.00", "66.66", "33.34");
        assertFigures(MONTHS, "2025-03-31", "100.00", "100.00", "0.00");
    }

    @Test
    @DisplayName("cents are split by floor, with the remainder in the final month")
    void rounding_remainder_goes_last() {
        assertFigures(CENTS, "2025-04-30", "0.05", "0.01", "0.04");
        assertFigures(CENTS, "2025-05-31", "0.05", "0.02", "0.03");
        assertFigures(CENTS, "2025-06-30", "0.05", "0.05", "0.00");
    }

    @Test
    @DisplayName("remaining by year splits a term that crosses new year by the installments' due dates")
    void remaining_by_year_across_new_year() {
        ScheduleView beforeTerm = Reads.schedule(YEARS, date("2025-10-31"), null);
        assertThat(nonZero(beforeTerm)).containsExactlyEntriesOf(new TreeMap<>(Map.of(2025, "600.00", 2026, "600.00")));
        assertThat(beforeTerm.rows()).allSatisfy(r -> {
            assertThat(r.currency()).isEqualTo("EUR");
            assertThat(r.direction()).isEqualTo(Direction.PAYABLE);
        });
        ScheduleView afterNovember = Reads.schedule(YEARS, date("2025-11-30"), null);
        assertThat(nonZero(afterNovember))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of(2025, "300.00", 2026, "600.00")));
        ScheduleView afterDecember = Reads.schedule(YEARS, date("2025-12-31"), null);
        assertThat(nonZero(afterDecember)).containsExactlyEntriesOf(Map.of(2026, "600.00"));
        assertThat(afterDecember.asOf()).isEqualTo(date("2025-12-31"));
    }

    @Test
    @DisplayName("a currency without a minor unit is split in whole units and shown without decimals")
    void yen() {
        TotalsRowView yen = Rows.only(Reads.totals(YEN, date("2025-01-31"), null));
        assertThat(yen.currency()).isEqualTo("JPY");
        assertThat(yen.committed()).isEqualTo("1000");
        assertThat(yen.elapsed()).isEqualTo("333");
        assertThat(yen.remaining()).isEqualTo("667");
        TotalsRowView feb = Rows.only(Reads.totals(YEN, date("2025-02-28"), null));
        assertThat(feb.elapsed()).isEqualTo("666");
        assertThat(feb.remaining()).isEqualTo("334");
    }

    @Test
    @DisplayName("knownAt before the first fact: empty totals, no name, and no exposure rows")
    void known_at_before_the_first_fact() {
        CounterpartyTotalsView view = Reads.totals(LEAP, date("2024-02-29"), beforeAnything);
        assertThat(view.totals()).isEmpty();
        assertThat(view.legalName()).isNull();
        assertThat(view.knownAt()).isEqualTo(beforeAnything);
        ExposureView exposure = Reads.exposure(date("2025-12-31"), beforeAnything);
        assertThat(exposure.rows()).noneMatch(r -> r.counterpartyId().startsWith("edge-"));
        assertThat(nonZero(Reads.schedule(LEAP, date("2024-01-31"), beforeAnything)))
                .isEmpty();
        // One millisecond later the first fact (the counterparty) is known, but no deal yet.
        Instant first = ledger.first().recordedAt();
        CounterpartyTotalsView known = Reads.totals(LEAP, date("2024-02-29"), first);
        assertThat(known.legalName()).isEqualTo("Fictional " + LEAP);
        assertThat(known.totals()).isEmpty();
    }

    private static void assertFigures(
            String counterparty, String asOf, String committed, String elapsed, String remaining) {
        TotalsRowView row = Rows.only(Reads.totals(counterparty, date(asOf), null));
        assertThat(row.committed()).as("%s committed at %s", counterparty, asOf).isEqualTo(committed);
        assertThat(row.elapsed()).as("%s elapsed at %s", counterparty, asOf).isEqualTo(elapsed);
        assertThat(row.remaining()).as("%s remaining at %s", counterparty, asOf).isEqualTo(remaining);
    }

    private static Map<Integer, String> nonZero(ScheduleView view) {
        Map<Integer, String> byYear = new TreeMap<>();
        view.rows().forEach(r -> {
            if (new java.math.BigDecimal(r.remaining()).signum() != 0) {
                byYear.put(r.year(), r.remaining());
            }
        });
        return byYear;
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
