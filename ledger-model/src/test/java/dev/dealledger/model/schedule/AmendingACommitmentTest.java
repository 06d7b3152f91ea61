package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.CommitmentTimeline.Figures;
import dev.dealledger.model.schedule.CommitmentTimeline.Refused;
import dev.dealledger.model.schedule.InstallmentSchedule.Installment;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Breach;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Due;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "An amendment effective on E". */
class AmendingACommitmentTest {

    @Provide
    Arbitrary<Scenario> validHistories() {
        return ScheduleArbitraries.validScenarios(10, Termination.NEVER);
    }

    @Provide
    Arbitrary<Scenario> anyHistories() {
        return ScheduleArbitraries.scenarios(6, Termination.SOMETIMES);
    }

    /** The amendments of a history in the order docs/domain.md applies them: effective date, then recorded order. */
    private static List<AmendmentFact> applyOrder(Scenario s) {
        return Oracle.inApplyOrder(s.amendments());
    }

    /** The full schedule once the first {@code count} amendments in apply order have applied. */
    private static InstallmentSchedule afterFirst(Scenario s, int count) {
        CommitmentTimeline timeline =
                CommitmentTimeline.of(s.terms(), applyOrder(s).subList(0, count), null);
        return timeline.scheduleAsOf(LocalDate.MAX);
    }

    private static List<Installment> dueOnOrBefore(InstallmentSchedule schedule, LocalDate date) {
        return schedule.installments().stream()
                .filter(i -> !i.dueOn().isAfter(date))
                .toList();
    }

    private static List<Installment> dueAfter(InstallmentSchedule schedule, LocalDate date) {
        return schedule.installments().stream()
                .filter(i -> i.dueOn().isAfter(date))
                .toList();
    }

    @Property
    @Label("installments due on or before an amendment's effective date are unchanged by it")
    void earlierInstallmentsStay(@ForAll("validHistories") Scenario s) {
        List<AmendmentFact> ordered = applyOrder(s);
        Statistics.label("amendments kept").collect(ordered.size());
        for (int k = 0; k < ordered.size(); k++) {
            LocalDate e = ordered.get(k).effectiveDate();
            InstallmentSchedule before = afterFirst(s, k);
            InstallmentSchedule after = afterFirst(s, k + 1);

            assertThat(dueOnOrBefore(after, e)).isEqualTo(dueOnOrBefore(before, e));
        }
    }

    @Property
    @Label("the total after an amendment is the previous total plus its delta")
    void totalMovesByTheDelta(@ForAll("validHistories") Scenario s) {
        List<AmendmentFact> ordered = applyOrder(s);
        for (int k = 0; k < ordered.size(); k++) {
            assertThat(afterFirst(s, k + 1).totalMinor())
                    .isEqualTo(afterFirst(s, k).totalMinor() + ordered.get(k).amountDeltaMinor());
        }
    }

    @Property
    @Label("what is left after E is spread over the months after E up to the new term end, floor share, last the rest")
    void theRestIsSpreadEvenlyUpToTheNewTermEnd(@ForAll("validHistories") Scenario s) {
        List<AmendmentFact> ordered = applyOrder(s);
        LocalDate termEnd = s.terms().termEnd();
        for (int k = 0; k < ordered.size(); k++) {
            AmendmentFact a = ordered.get(k);
            termEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
            InstallmentSchedule after = afterFirst(s, k + 1);
            long kept = dueOnOrBefore(after, a.effectiveDate()).stream()
                    .mapToLong(Installment::amountMinor)
                    .sum();
            long left = after.totalMinor() - kept;
            List<Installment> spread = dueAfter(after, a.effectiveDate());

            // Months of the term whose month end falls after E, through the term end's month.
            // E's own month still counts unless E is its last day (then its installment fell due on E).
            YearMonth monthOfE = YearMonth.from(a.effectiveDate());
            YearMonth firstAfterE =
                    a.effectiveDate().equals(monthOfE.atEndOfMonth()) ? monthOfE.plusMonths(1) : monthOfE;
            YearMonth termStartMonth = YearMonth.from(s.terms().termStart());
            YearMonth from = firstAfterE.isAfter(termStartMonth) ? firstAfterE : termStartMonth;
            int months = Math.max(0, (int) from.until(YearMonth.from(termEnd), ChronoUnit.MONTHS) + 1);
            List<Installment> expected = new ArrayList<>();
            for (int i = 0; i < months; i++) {
                long amount = i < months - 1 ? left / months : left - (left / months) * (months - 1);
                expected.add(new Installment(from.plusMonths(i).atEndOfMonth(), amount));
            }
            assertThat(spread).isEqualTo(expected);
        }
    }

    @Property
    @Label("after every amendment the schedule is the one the brute-force model of the rules derives")
    void everyStepMatchesTheModel(@ForAll("validHistories") Scenario s) {
        List<AmendmentFact> ordered = applyOrder(s);
        ReferenceCommitment model = ReferenceCommitment.straightLine(
                s.terms().amountMinor(), s.terms().termStart(), s.terms().termEnd());
        assertThat(asDues(afterFirst(s, 0))).isEqualTo(model.installments());
        for (int k = 0; k < ordered.size(); k++) {
            model = model.amend(Oracle.amendment(ordered.get(k)));
            assertThat(asDues(afterFirst(s, k + 1))).isEqualTo(model.installments());
        }
    }

    static List<Due> asDues(InstallmentSchedule schedule) {
        return schedule.installments().stream()
                .map(i -> new Due(i.dueOn(), i.amountMinor()))
                .toList();
    }

    @Property
    @Label("committed on D is the original amount plus the deltas of amendments effective on or before D")
    void committedIsOriginalPlusDeltasEffectiveByThen(@ForAll("validHistories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        for (LocalDate d : s.probeDates()) {
            long expected = s.terms().amountMinor();
            for (AmendmentFact a : s.amendments()) {
                if (!a.effectiveDate().isAfter(d)) {
                    expected += a.amountDeltaMinor();
                }
            }
            assertThat(timeline.figuresAsOf(d).committedMinor())
                    .as("committed on %s", d)
                    .isEqualTo(expected);
        }
    }

    @Property
    @Label("a history is refused exactly when one of its amendments, in apply order, breaks a rule")
    void refusedExactlyWhenARuleIsBroken(@ForAll("anyHistories") Scenario s) {
        Optional<Refused> actual = s.timeline().firstRefusal();
        Optional<Breach> expected = Oracle.firstBreach(s.terms(), s.amendments(), s.terminatedOn());

        Statistics.label("refused").collect(expected.isPresent());
        expected.ifPresent(
                b -> b.rules().forEach(rule -> Statistics.label("rule broken").collect(rule)));
        Statistics.label("refused").coverage(c -> {
            c.check(true).percentage(p -> p > 15);
            c.check(false).percentage(p -> p > 15);
        });

        assertThat(actual.isPresent()).as("refused").isEqualTo(expected.isPresent());
        if (expected.isPresent()) {
            assertThat(Oracle.amendment(actual.get().amendment()))
                    .isEqualTo(expected.get().amendment());
            assertThat(expected.get().rules()).contains(Oracle.rule(actual.get().reason()));
        }
    }

    @Property
    @Label("building the history fact by fact refuses the same amendment as building it at once")
    void incrementalAndWholeHistoriesAgree(@ForAll("anyHistories") Scenario s) {
        CommitmentTimeline timeline = CommitmentTimeline.of(s.terms(), List.of(), null);
        for (AmendmentFact a : s.amendments()) {
            timeline = timeline.withAmendment(a);
        }
        if (s.terminatedOn() != null) {
            timeline = timeline.withTermination(s.terminatedOn());
        }

        assertThat(timeline.firstRefusal()).isEqualTo(s.timeline().firstRefusal());
    }

    // ----- worked examples -------------------------------------------------------------------------------------

    private static final CommitmentTerms BLACKWELL = new CommitmentTerms(
            1_420_000_000_000L, LocalDate.of(2025, 10, 1), LocalDate.of(2031, 12, 31), LocalDate.of(2025, 9, 30));

    @Test
    @DisplayName("+250,000,000.00 effective 2026-01-01 keeps 2025 and spreads the rest over 2026-01..2031-12")
    void theBackdatedCorrectionOfTheExampleHistory() {
        // Before: 75 installments of 18,933,333,333 cents, the last 18,933,333,358 (see the straight-line test).
        // Due on or before 2026-01-01: October..December 2025 = 3 * 18,933,333,333 = 56,799,999,999.
        // Committed after: 1,420,000,000,000 + 25,000,000,000 = 1,445,000,000,000.
        // Left: 1,445,000,000,000 - 56,799,999,999 = 1,388,200,000,001 over 72 months (2026-01..2031-12).
        // 72 * 19,280,555,555 = 1,388,199,999,960, rest 41: 71 installments of 19,280,555,555, the last 19,280,555,596.
        AmendmentFact plus250m = new AmendmentFact("amd-2026-01", LocalDate.of(2026, 1, 1), 4, 25_000_000_000L, null);
        CommitmentTimeline timeline = CommitmentTimeline.of(BLACKWELL, List.of(plus250m), null);

        assertThat(timeline.firstRefusal()).isEmpty();
        List<Installment> installments =
                timeline.scheduleAsOf(LocalDate.of(2026, 1, 1)).installments();
        assertThat(installments).hasSize(75);
        assertThat(installments.subList(0, 3))
                .containsExactly(
                        new Installment(LocalDate.of(2025, 10, 31), 18_933_333_333L),
                        new Installment(LocalDate.of(2025, 11, 30), 18_933_333_333L),
                        new Installment(LocalDate.of(2025, 12, 31), 18_933_333_333L));
        assertThat(installments.subList(3, 74))
                .allSatisfy(i -> assertThat(i.amountMinor()).isEqualTo(19_280_555_555L));
        assertThat(installments.get(3).dueOn()).isEqualTo(LocalDate.of(2026, 1, 31));
        assertThat(installments.get(74)).isEqualTo(new Installment(LocalDate.of(2031, 12, 31), 19_280_555_596L));

        // On 2025-12-31 the amendment is not yet effective: 14.2bn committed, 2025 fallen due.
        // 1,420,000,000,000 - 56,799,999,999 = 1,363,200,000,001 remaining.
        Figures yearEnd = timeline.figuresAsOf(LocalDate.of(2025, 12, 31));
        assertThat(yearEnd.committedMinor()).isEqualTo(1_420_000_000_000L);
        assertThat(yearEnd.elapsedMinor()).isEqualTo(56_799_999_999L);
        assertThat(yearEnd.remainingMinor()).isEqualTo(1_363_200_000_001L);

        // On 2026-01-31: 14.45bn committed; elapsed 56,799,999,999 + 19,280,555,555 = 76,080,555,554;
        // remaining 1,445,000,000,000 - 76,080,555,554 = 1,368,919,444,446.
        Figures january = timeline.figuresAsOf(LocalDate.of(2026, 1, 31));
        assertThat(january.committedMinor()).isEqualTo(1_445_000_000_000L);
        assertThat(january.elapsedMinor()).isEqualTo(76_080_555_554L);
        assertThat(january.remainingMinor()).isEqualTo(1_368_919_444_446L);
        // 2031: 11 * 19,280,555,555 + 19,280,555,596 = 212,086,111,105 + 19,280,555,596 = 231,366,666,701.
        assertThat(january.remainingByYear()).containsEntry(2026, 11 * 19_280_555_555L);
        assertThat(january.remainingByYear()).containsEntry(2031, 231_366_666_701L);
    }

    /** 1,200.00 over 2025 (10,000 cents a month), holding from 2024-12-15. */
    private static final CommitmentTerms YEAR_2025 = new CommitmentTerms(
            120_000, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 15));

    private static Optional<AmendmentRefusal> refusalOf(AmendmentFact amendment, LocalDate terminatedOn) {
        return CommitmentTimeline.of(YEAR_2025, List.of(amendment), terminatedOn)
                .firstRefusal()
                .map(Refused::reason);
    }

    private static AmendmentFact amendment(LocalDate effective, long deltaMinor, LocalDate newTermEnd) {
        return new AmendmentFact("amd", effective, 1, deltaMinor, newTermEnd);
    }

    @Test
    @DisplayName("committed may drop to what has fallen due, not below it")
    void belowFallenDue() {
        // By 2025-06-30 January..June have fallen due: 6 * 10,000 = 60,000 of 120,000.
        assertThat(refusalOf(amendment(LocalDate.of(2025, 6, 30), -60_001, null), null))
                .contains(AmendmentRefusal.BELOW_FALLEN_DUE);
        assertThat(refusalOf(amendment(LocalDate.of(2025, 6, 30), -60_000, null), null))
                .isEmpty();
        // On 2025-06-29 June has not fallen due yet: only 50,000 has, so -70,000 is the limit.
        assertThat(refusalOf(amendment(LocalDate.of(2025, 6, 29), -70_000, null), null))
                .isEmpty();
    }

    @Test
    @DisplayName("an amendment effective after the term end is refused; on the term end it may still apply")
    void afterTheTermEnd() {
        assertThat(refusalOf(amendment(LocalDate.of(2026, 1, 1), 0, LocalDate.of(2026, 6, 30)), null))
                .contains(AmendmentRefusal.AFTER_TERM_END);
        // On 2025-12-31 everything has fallen due; extending the term gives a +1 cent a month to fall in.
        assertThat(refusalOf(amendment(LocalDate.of(2025, 12, 31), 1, LocalDate.of(2026, 1, 31)), null))
                .isEmpty();
    }

    @Test
    @DisplayName("an increase with no installment left after E to carry it is refused")
    void noInstallmentLeft() {
        assertThat(refusalOf(amendment(LocalDate.of(2025, 12, 31), 1, null), null))
                .contains(AmendmentRefusal.NO_INSTALLMENT_LEFT);
        // Shortening the term to end on E with nothing left over is fine: December's 10,000 is dropped with -10,000.
        assertThat(refusalOf(amendment(LocalDate.of(2025, 11, 30), -10_000, LocalDate.of(2025, 11, 30)), null))
                .isEmpty();
    }

    @Test
    @DisplayName("a new term end before the effective date or before the term start is refused")
    void termEndOutOfRange() {
        assertThat(refusalOf(amendment(LocalDate.of(2025, 6, 15), 0, LocalDate.of(2025, 6, 14)), null))
                .contains(AmendmentRefusal.TERM_END_OUT_OF_RANGE);
        assertThat(refusalOf(amendment(LocalDate.of(2024, 12, 20), -120_000, LocalDate.of(2024, 12, 31)), null))
                .contains(AmendmentRefusal.TERM_END_OUT_OF_RANGE);
    }

    @Test
    @DisplayName("an amendment effective before the commitment holds, or on or after its termination, is refused")
    void outsideTheCommitmentsLife() {
        assertThat(refusalOf(amendment(LocalDate.of(2024, 12, 14), 0, null), null))
                .contains(AmendmentRefusal.BEFORE_COMMITMENT);
        assertThat(refusalOf(amendment(LocalDate.of(2025, 9, 30), 0, null), LocalDate.of(2025, 9, 30)))
                .contains(AmendmentRefusal.AFTER_TERMINATION);
        assertThat(refusalOf(amendment(LocalDate.of(2025, 9, 29), 0, null), LocalDate.of(2025, 9, 30)))
                .isEmpty();
    }
}
