package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dealledger.model.schedule.InstallmentSchedule.Installment;
import dev.dealledger.model.schedule.ScheduleArbitraries.Term;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Schedule": straight-line by calendar month, floor share per month, remainder in the final month. */
class SplittingAnAmountStraightLineTest {

    @Provide
    Arbitrary<Long> amounts() {
        return ScheduleArbitraries.amountsMinor();
    }

    @Provide
    Arbitrary<Term> terms() {
        return ScheduleArbitraries.terms(240);
    }

    @Provide
    Arbitrary<LocalDate> dates() {
        return ScheduleArbitraries.dates();
    }

    @Property
    @Label("the installments add up to exactly the amount")
    void installmentsAddUpToTheAmount(@ForAll("amounts") long amountMinor, @ForAll("terms") Term term) {
        InstallmentSchedule schedule = InstallmentSchedule.straightLine(amountMinor, term.start(), term.end());

        long sum = 0;
        for (Installment installment : schedule.installments()) {
            sum = Math.addExact(sum, installment.amountMinor());
        }
        assertThat(sum).isEqualTo(amountMinor);
        assertThat(schedule.totalMinor()).isEqualTo(amountMinor);
    }

    @Property
    @Label("one installment per calendar month of the term, each due on its month's last day")
    void oneInstallmentPerMonthDueAtMonthEnd(@ForAll("amounts") long amountMinor, @ForAll("terms") Term term) {
        List<Installment> installments = InstallmentSchedule.straightLine(amountMinor, term.start(), term.end())
                .installments();

        assertThat(installments).hasSize(term.months());
        YearMonth month = YearMonth.from(term.start());
        for (Installment installment : installments) {
            assertThat(installment.dueOn()).isEqualTo(month.atEndOfMonth());
            assertThat(installment.dueOn().getDayOfMonth())
                    .isEqualTo(installment.dueOn().lengthOfMonth());
            month = month.plusMonths(1);
        }
        assertThat(installments.get(installments.size() - 1).dueOn())
                .hasMonth(term.end().getMonth());
        assertThat(installments.get(installments.size() - 1).dueOn().getYear())
                .isEqualTo(term.end().getYear());
    }

    @Property
    @Label("every installment but the last is floor(amount / months); the last takes the remainder")
    void floorShareAndRemainderInTheLastMonth(@ForAll("amounts") long amountMinor, @ForAll("terms") Term term) {
        List<Installment> installments = InstallmentSchedule.straightLine(amountMinor, term.start(), term.end())
                .installments();

        long share = amountMinor / term.months();
        for (Installment installment : installments.subList(0, installments.size() - 1)) {
            assertThat(installment.amountMinor()).isEqualTo(share);
        }
        long remainder = amountMinor % term.months();
        assertThat(installments.get(installments.size() - 1).amountMinor()).isEqualTo(share + remainder);
    }

    @Property
    @Label("what fell due on or before a date plus what falls due after it, by year, is the total")
    void dueOnOrBeforePlusDueAfterIsTheTotal(
            @ForAll("amounts") long amountMinor, @ForAll("terms") Term term, @ForAll("dates") LocalDate date) {
        InstallmentSchedule schedule = InstallmentSchedule.straightLine(amountMinor, term.start(), term.end());

        long after = schedule.dueAfterByYearMinor(date).values().stream()
                .mapToLong(Long::longValue)
                .sum();
        assertThat(schedule.dueOnOrBeforeMinor(date) + after).isEqualTo(amountMinor);
    }

    @Property
    @Label("the sums on or before and after a date match summing the installments one by one")
    void sumsMatchBruteForceOverTheInstallments(
            @ForAll("amounts") long amountMinor, @ForAll("terms") Term term, @ForAll("dates") LocalDate date) {
        InstallmentSchedule schedule = InstallmentSchedule.straightLine(amountMinor, term.start(), term.end());

        assertThat(schedule.dueOnOrBeforeMinor(date)).isEqualTo(dueOnOrBefore(schedule.installments(), date));
        assertThat(schedule.dueAfterByYearMinor(date)).isEqualTo(dueAfterByYear(schedule.installments(), date));
    }

    /** Brute force: add up every installment due on or before {@code date}. */
    static long dueOnOrBefore(List<Installment> installments, LocalDate date) {
        long sum = 0;
        for (Installment installment : installments) {
            if (!installment.dueOn().isAfter(date)) {
                sum += installment.amountMinor();
            }
        }
        return sum;
    }

    /** Brute force: group every installment due after {@code date} by the calendar year of its due date. */
    static Map<Integer, Long> dueAfterByYear(List<Installment> installments, LocalDate date) {
        Map<Integer, Long> byYear = new TreeMap<>();
        for (Installment installment : installments) {
            if (installment.dueOn().isAfter(date)) {
                byYear.merge(installment.dueOn().getYear(), installment.amountMinor(), Long::sum);
            }
        }
        return byYear;
    }

    @Test
    @DisplayName(
            "14,200,000,000.00 USD over 2025-10..2031-12: 75 installments of 189,333,333.33, the last 189,333,333.58")
    void theBlackwellCommitmentOfTheExampleHistory() {
        // 1,420,000,000,000 cents over 75 months (3 in 2025 + 6 * 12 in 2026..2031).
        // 1,420,000,000,000 / 75 = 18,933,333,333 rest 25 (75 * 18,933,333,333 = 1,419,999,999,975).
        // So 74 installments of 18,933,333,333 and a last one of 18,933,333,333 + 25 = 18,933,333,358.
        InstallmentSchedule schedule = InstallmentSchedule.straightLine(
                1_420_000_000_000L, LocalDate.of(2025, 10, 1), LocalDate.of(2031, 12, 31));

        List<Installment> installments = schedule.installments();
        assertThat(installments).hasSize(75);
        assertThat(installments.get(0)).isEqualTo(new Installment(LocalDate.of(2025, 10, 31), 18_933_333_333L));
        assertThat(installments.get(73)).isEqualTo(new Installment(LocalDate.of(2031, 11, 30), 18_933_333_333L));
        assertThat(installments.get(74)).isEqualTo(new Installment(LocalDate.of(2031, 12, 31), 18_933_333_358L));

        // By year: 2025 has 3 months = 56,799,999,999; 2026..2030 have 12 = 227,199,999,996 each;
        // 2031 has 11 * 18,933,333,333 + 18,933,333,358 = 208,266,666,663 + 18,933,333,358 = 227,200,000,021.
        // Check: 56,799,999,999 + 5 * 227,199,999,996 + 227,200,000,021 = 1,420,000,000,000.
        assertThat(schedule.dueAfterByYearMinor(LocalDate.of(2025, 9, 30)))
                .containsExactly(
                        Map.entry(2025, 56_799_999_999L),
                        Map.entry(2026, 227_199_999_996L),
                        Map.entry(2027, 227_199_999_996L),
                        Map.entry(2028, 227_199_999_996L),
                        Map.entry(2029, 227_199_999_996L),
                        Map.entry(2030, 227_199_999_996L),
                        Map.entry(2031, 227_200_000_021L));

        // On 2025-12-31 the three 2025 installments have fallen due; on 2025-12-30 only October and November.
        assertThat(schedule.dueOnOrBeforeMinor(LocalDate.of(2025, 12, 31))).isEqualTo(56_799_999_999L);
        assertThat(schedule.dueOnOrBeforeMinor(LocalDate.of(2025, 12, 30))).isEqualTo(37_866_666_666L);
    }

    @Test
    @DisplayName("an amount smaller than the month count puts everything in the last month")
    void lessThanOneMinorUnitPerMonth() {
        // 5 cents over 12 months: floor(5 / 12) = 0 for January..November, December takes 5.
        List<Installment> installments = InstallmentSchedule.straightLine(
                        5, LocalDate.of(2030, 1, 1), LocalDate.of(2030, 12, 31))
                .installments();

        assertThat(installments).hasSize(12);
        assertThat(installments.subList(0, 11))
                .allSatisfy(i -> assertThat(i.amountMinor()).isZero());
        assertThat(installments.get(11)).isEqualTo(new Installment(LocalDate.of(2030, 12, 31), 5));
    }

    @Test
    @DisplayName("a term inside one leap-year February is one installment due on the 29th")
    void leapFebruary() {
        List<Installment> installments = InstallmentSchedule.straightLine(
                        100_00, LocalDate.of(2024, 2, 10), LocalDate.of(2024, 2, 20))
                .installments();

        assertThat(installments).containsExactly(new Installment(LocalDate.of(2024, 2, 29), 100_00));
    }

    @Test
    @DisplayName("a term crossing February 2100 (not a leap year) falls due on the 28th")
    void februaryOfACenturyThatIsNotALeapYear() {
        // 3 months, 301 cents: 100, 100, 101.
        List<Installment> installments = InstallmentSchedule.straightLine(
                        301, LocalDate.of(2100, 1, 31), LocalDate.of(2100, 3, 1))
                .installments();

        assertThat(installments)
                .containsExactly(
                        new Installment(LocalDate.of(2100, 1, 31), 100),
                        new Installment(LocalDate.of(2100, 2, 28), 100),
                        new Installment(LocalDate.of(2100, 3, 31), 101));
    }

    @Test
    @DisplayName("a term that ends before it starts is refused")
    void termEndingBeforeItStarts() {
        assertThatThrownBy(
                        () -> InstallmentSchedule.straightLine(100, LocalDate.of(2026, 5, 2), LocalDate.of(2026, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
