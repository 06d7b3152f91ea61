package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.figures.DisclosureSchedule;
import dev.dealledger.model.figures.DisclosureSchedule.Band;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The disclosure shapes of docs/domain.md ("Financial reporting"): by fiscal year and by time band, each adding up to
 * the remaining figure to the cent, checked by hand on the edges and against a brute-force bucketing of the reference
 * model's installments for random histories, dates and fiscal calendars.
 */
class DisclosingRemainingInstallmentsTest {

    // ---- by hand -------------------------------------------------------------------------------------------------

    @Test
    void a_june_year_end_with_asof_in_mid_fiscal_year_starts_with_the_year_in_progress() {
        // FY2027 runs 2026-07-01..2027-06-30; asOf 2026-12-15 is inside it.
        DisclosureSchedule s = new DisclosureSchedule(LocalDate.of(2026, 12, 15), MonthDay.of(6, 30));
        s.add(LocalDate.of(2026, 12, 31), 100);
        s.add(LocalDate.of(2027, 6, 30), 200); // the last day of FY2027
        s.add(LocalDate.of(2027, 7, 31), 300); // the first installment of FY2028
        s.add(LocalDate.of(2031, 6, 30), 400); // the last day of FY2031, the fifth named year
        s.add(LocalDate.of(2031, 7, 31), 500); // thereafter

        assertThat(s.fiscalYears())
                .extracting(DisclosureSchedule.FiscalYear::fiscalYear)
                .containsExactly(2027, 2028, 2029, 2030, 2031);
        assertThat(s.fiscalYears())
                .extracting(DisclosureSchedule.FiscalYear::amountMinor)
                .containsExactly(big(300), big(300), big(0), big(0), big(400));
        assertThat(s.thereafterMinor()).isEqualTo(big(500));
        assertThat(s.totalMinor()).isEqualTo(big(1500));
    }

    @Test
    void the_first_fiscal_year_contains_the_day_after_asof() {
        // asOf is the last day of FY2026: the day after starts FY2027.
        DisclosureSchedule s = new DisclosureSchedule(LocalDate.of(2026, 6, 30), MonthDay.of(6, 30));
        assertThat(s.fiscalYears().get(0).fiscalYear()).isEqualTo(2027);
        DisclosureSchedule december = new DisclosureSchedule(LocalDate.of(2026, 12, 31), MonthDay.of(12, 31));
        assertThat(december.fiscalYears().get(0).fiscalYear()).isEqualTo(2027);
        DisclosureSchedule midYear = new DisclosureSchedule(LocalDate.of(2026, 12, 30), MonthDay.of(12, 31));
        assertThat(midYear.fiscalYears().get(0).fiscalYear()).isEqualTo(2026);
    }

    @Test
    void bands_are_closed_at_their_far_end() {
        LocalDate asOf = LocalDate.of(2026, 1, 31);
        DisclosureSchedule s = new DisclosureSchedule(asOf, MonthDay.of(12, 31));
        s.add(LocalDate.of(2027, 1, 31), 1); // exactly one year after asOf: within one year
        s.add(LocalDate.of(2027, 2, 28), 10); // one to three
        s.add(LocalDate.of(2029, 1, 31), 100); // exactly three years: one to three
        s.add(LocalDate.of(2031, 1, 31), 1000); // exactly five years: three to five
        s.add(LocalDate.of(2031, 2, 28), 10000); // after five

        assertThat(s.bandMinor(Band.WITHIN_ONE_YEAR)).isEqualTo(big(1));
        assertThat(s.bandMinor(Band.ONE_TO_THREE_YEARS)).isEqualTo(big(110));
        assertThat(s.bandMinor(Band.THREE_TO_FIVE_YEARS)).isEqualTo(big(1000));
        assertThat(s.bandMinor(Band.AFTER_FIVE_YEARS)).isEqualTo(big(10000));
    }

    @Test
    void a_term_past_the_fifth_fiscal_year_lands_in_thereafter() {
        LocalDate asOf = LocalDate.of(2026, 12, 31);
        CommitmentTimeline term = CommitmentTimeline.of(
                new CommitmentTerms(1_200_000, LocalDate.of(2027, 1, 1), LocalDate.of(2036, 12, 31), asOf),
                List.of(),
                null);
        DisclosureSchedule s = new DisclosureSchedule(asOf, MonthDay.of(12, 31));
        term.scheduleAsOf(asOf).forEachDueAfter(asOf, s::add);

        assertThat(s.fiscalYears())
                .extracting(DisclosureSchedule.FiscalYear::amountMinor)
                .containsOnly(big(120_000));
        assertThat(s.thereafterMinor()).isEqualTo(big(600_000));
        assertThat(s.totalMinor())
                .isEqualTo(BigInteger.valueOf(term.figuresAsOf(asOf).remainingMinor()));
    }

    // ---- against the reference model ------------------------------------------------------------------------------

    @Provide
    Arbitrary<Scenario> histories() {
        return ScheduleArbitraries.validScenarios(6, Termination.SOMETIMES);
    }

    @Provide
    Arbitrary<MonthDay> yearEnds() {
        return Arbitraries.oneOf(
                Arbitraries.of(MonthDay.of(12, 31), MonthDay.of(6, 30), MonthDay.of(3, 31), MonthDay.of(2, 29)),
                Combinators.combine(
                                Arbitraries.integers().between(1, 12),
                                Arbitraries.integers().between(1, 31))
                        .as((m, d) ->
                                MonthDay.of(m, Math.min(d, java.time.Month.of(m).maxLength()))));
    }

    @Property(tries = 300)
    @Label("both shapes sum to remaining, and each bucket is the brute-force bucketing of the model's installments")
    void bothShapesAddUpToRemaining(@ForAll("histories") Scenario s, @ForAll("yearEnds") MonthDay yearEnd) {
        CommitmentTimeline timeline = s.timeline();
        ReferenceTimeline model = s.model();
        for (LocalDate asOf : s.probeDates()) {
            DisclosureSchedule actual = new DisclosureSchedule(asOf, yearEnd);
            actual.addRemaining(timeline.scheduleAsOf(asOf));
            DisclosureSchedule oneByOne = new DisclosureSchedule(asOf, yearEnd);
            timeline.scheduleAsOf(asOf).forEachDueAfter(asOf, oneByOne::add);
            assertThat(buckets(actual))
                    .as("bucket by bucket equals installment by installment on %s", asOf)
                    .isEqualTo(buckets(oneByOne));

            Map<String, BigInteger> expected = bruteForce(model.asOf(asOf).installments(), asOf, yearEnd);
            assertThat(buckets(actual)).as("on %s, year end %s", asOf, yearEnd).isEqualTo(expected);
            BigInteger remaining = BigInteger.valueOf(model.figuresAsOf(asOf).remainingMinor());
            assertThat(actual.totalMinor()).as("total on %s", asOf).isEqualTo(remaining);
            BigInteger byYears = actual.fiscalYears().stream()
                    .map(DisclosureSchedule.FiscalYear::amountMinor)
                    .reduce(actual.thereafterMinor(), BigInteger::add);
            assertThat(byYears).as("fiscal years and thereafter on %s", asOf).isEqualTo(remaining);
        }
    }

    /** Buckets by walking fiscal-year ends and band ends from asOf, one installment at a time. */
    private static Map<String, BigInteger> bruteForce(
            List<ReferenceCommitment.Due> installments, LocalDate asOf, MonthDay yearEnd) {
        Map<String, BigInteger> buckets = emptyBuckets();
        List<LocalDate> yearEnds = new ArrayList<>();
        for (int year = asOf.getYear(); yearEnds.size() < 5; year++) {
            LocalDate end = yearEnd.atYear(year);
            if (end.isAfter(asOf)) {
                yearEnds.add(end);
            }
        }
        for (ReferenceCommitment.Due due : installments) {
            if (!due.dueOn().isAfter(asOf)) {
                continue;
            }
            String year = "thereafter";
            for (LocalDate end : yearEnds) {
                if (!due.dueOn().isAfter(end)) {
                    year = "FY" + end.getYear();
                    break;
                }
            }
            String band;
            if (!due.dueOn().isAfter(asOf.plusYears(1))) {
                band = Band.WITHIN_ONE_YEAR.name();
            } else if (!due.dueOn().isAfter(asOf.plusYears(3))) {
                band = Band.ONE_TO_THREE_YEARS.name();
            } else if (!due.dueOn().isAfter(asOf.plusYears(5))) {
                band = Band.THREE_TO_FIVE_YEARS.name();
            } else {
                band = Band.AFTER_FIVE_YEARS.name();
            }
            BigInteger amount = BigInteger.valueOf(due.amountMinor());
            buckets.merge(year, amount, BigInteger::add);
            buckets.merge(band, amount, BigInteger::add);
        }
        // The fiscal years are named whether or not anything falls due in them.
        yearEnds.forEach(end -> buckets.putIfAbsent("FY" + end.getYear(), BigInteger.ZERO));
        return buckets;
    }

    private static Map<String, BigInteger> buckets(DisclosureSchedule s) {
        Map<String, BigInteger> buckets = emptyBuckets();
        s.fiscalYears().forEach(y -> buckets.put("FY" + y.fiscalYear(), y.amountMinor()));
        buckets.put("thereafter", s.thereafterMinor());
        for (Band band : Band.values()) {
            buckets.put(band.name(), s.bandMinor(band));
        }
        return buckets;
    }

    private static Map<String, BigInteger> emptyBuckets() {
        Map<String, BigInteger> buckets = new TreeMap<>();
        buckets.put("thereafter", BigInteger.ZERO);
        for (Band band : Band.values()) {
            buckets.put(band.name(), BigInteger.ZERO);
        }
        return buckets;
    }

    private static BigInteger big(long value) {
        return BigInteger.valueOf(value);
    }
}
