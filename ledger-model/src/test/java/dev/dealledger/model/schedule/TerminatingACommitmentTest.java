package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.CommitmentTimeline.Figures;
import dev.dealledger.model.schedule.InstallmentSchedule.Installment;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "A termination effective on T". */
class TerminatingACommitmentTest {

    @Provide
    Arbitrary<Scenario> terminatedHistories() {
        return ScheduleArbitraries.validScenarios(10, Termination.ALWAYS);
    }

    @Property
    @Label("from T on, no installment due after T remains and committed is what fell due on or before T")
    void everythingDueAfterTerminationIsRemoved(@ForAll("terminatedHistories") Scenario s) {
        LocalDate t = s.terminatedOn();
        CommitmentTimeline terminated = s.timeline();
        // The same history without the termination, read at T: the schedule the termination cuts.
        List<Installment> cut =
                s.withoutTermination().timeline().scheduleAsOf(t).installments();
        List<Installment> keptByRule =
                cut.stream().filter(i -> !i.dueOn().isAfter(t)).toList();
        long fellDueByT =
                keptByRule.stream().mapToLong(Installment::amountMinor).sum();

        for (LocalDate d : s.probeDates()) {
            if (d.isBefore(t)) {
                continue;
            }
            InstallmentSchedule schedule = terminated.scheduleAsOf(d);
            assertThat(schedule.installments())
                    .as("installments due after %s, read on %s", t, d)
                    .noneMatch(i -> i.dueOn().isAfter(t));
            assertThat(schedule.installments()).as("installments on %s", d).isEqualTo(keptByRule);
            assertThat(terminated.figuresAsOf(d).committedMinor())
                    .as("committed on %s", d)
                    .isEqualTo(fellDueByT);
        }
    }

    @Property
    @Label("before T the commitment reads as if it were not terminated")
    void beforeTerminationNothingChanges(@ForAll("terminatedHistories") Scenario s) {
        CommitmentTimeline terminated = s.timeline();
        CommitmentTimeline notTerminated = s.withoutTermination().timeline();
        for (LocalDate d : s.probeDates()) {
            if (!d.isBefore(s.terminatedOn())) {
                continue;
            }
            assertThat(terminated.scheduleAsOf(d).installments())
                    .as("schedule on %s", d)
                    .isEqualTo(notTerminated.scheduleAsOf(d).installments());
            assertThat(terminated.figuresAsOf(d)).as("figures on %s", d).isEqualTo(notTerminated.figuresAsOf(d));
        }
    }

    // ----- worked examples -------------------------------------------------------------------------------------

    /** 6,000.00 over 2026-01-01..2030-12-31: 100.00 (10,000 minor units) due at each of 60 month ends. */
    private static final CommitmentTerms FIVE_YEARS = new CommitmentTerms(
            600_000L, LocalDate.of(2026, 1, 1), LocalDate.of(2030, 12, 31), LocalDate.of(2026, 1, 1));

    private static final AmendmentFact PLUS_100_IN_2028 =
            new AmendmentFact("a-2028", LocalDate.of(2028, 1, 1), 1, 10_000L, null);

    @Test
    @DisplayName("docs/domain.md's worked case: a termination before an amendment recorded earlier but effective later")
    void terminationBeforeALaterEffectiveAmendmentRecordedEarlier() {
        CommitmentTimeline timeline =
                CommitmentTimeline.of(FIVE_YEARS, List.of(PLUS_100_IN_2028), LocalDate.of(2027, 6, 30), 2);

        assertThat(timeline.firstRefusal()).isEmpty();
        // Before T nothing is terminated and the amendment is not yet effective: January 2026..March 2027 fell due.
        assertThat(timeline.figuresAsOf(LocalDate.of(2027, 3, 31)))
                .extracting(Figures::committedMinor, Figures::elapsedMinor, Figures::remainingMinor)
                .containsExactly(600_000L, 150_000L, 450_000L);
        // From T on, committed is what fell due by T (18 installments), and the +100.00 of 2028 changes nothing.
        for (LocalDate d : List.of(LocalDate.of(2027, 6, 30), LocalDate.of(2028, 1, 1), LocalDate.of(2031, 6, 30))) {
            assertThat(timeline.figuresAsOf(d))
                    .as("figures on %s", d)
                    .extracting(Figures::committedMinor, Figures::elapsedMinor, Figures::remainingMinor)
                    .containsExactly(180_000L, 180_000L, 0L);
        }
        // It still counts as an amendment once effective.
        assertThat(timeline.amendmentsEffectiveBy(LocalDate.of(2027, 12, 31))).isZero();
        assertThat(timeline.amendmentsEffectiveBy(LocalDate.of(2028, 1, 1))).isEqualTo(1);
    }

    @Test
    @DisplayName("an amendment effective on or after T but recorded after the termination is refused")
    void anAmendmentRecordedAfterTheTerminationIsRefused() {
        CommitmentTimeline timeline = CommitmentTimeline.of(FIVE_YEARS, List.of(), LocalDate.of(2027, 6, 30), 2);
        AmendmentFact later = new AmendmentFact("a-late", LocalDate.of(2027, 6, 30), 3, 10_000L, null);

        assertThat(timeline.withAmendment(later).firstRefusal())
                .hasValueSatisfying(r -> assertThat(r.reason()).isEqualTo(AmendmentRefusal.AFTER_TERMINATION));
    }

    private static final CommitmentTerms BLACKWELL = new CommitmentTerms(
            1_420_000_000_000L, LocalDate.of(2025, 10, 1), LocalDate.of(2031, 12, 31), LocalDate.of(2025, 9, 30));

    @Test
    @DisplayName("terminating the 14.2bn commitment from 2027-06-15 (illustrative) keeps 20 installments")
    void terminatingMidMonth() {
        // Due on or before 2027-06-15: October 2025..May 2027 = 3 + 12 + 5 = 20 installments of 18,933,333,333
        // = 378,666,666,660. June 2027 falls due on 2027-06-30, after T, so it goes with the rest.
        CommitmentTimeline timeline = CommitmentTimeline.of(BLACKWELL, List.of(), LocalDate.of(2027, 6, 15));

        Figures before = timeline.figuresAsOf(LocalDate.of(2027, 6, 14));
        assertThat(before.committedMinor()).isEqualTo(1_420_000_000_000L);
        // On 2027-06-14: 20 installments fell due (May 2027 on 05-31), 1,420,000,000,000 - 378,666,666,660 remain.
        assertThat(before.remainingMinor()).isEqualTo(1_041_333_333_340L);

        Figures after = timeline.figuresAsOf(LocalDate.of(2027, 6, 15));
        assertThat(after.committedMinor()).isEqualTo(378_666_666_660L);
        assertThat(after.elapsedMinor()).isEqualTo(378_666_666_660L);
        assertThat(after.remainingMinor()).isZero();
        assertThat(after.remainingByYear()).isEmpty();
        List<Installment> installments =
                timeline.scheduleAsOf(LocalDate.of(2030, 1, 1)).installments();
        assertThat(installments).hasSize(20);
        assertThat(installments.get(19)).isEqualTo(new Installment(LocalDate.of(2027, 5, 31), 18_933_333_333L));
    }

    @Test
    @DisplayName("a termination before the first installment falls due leaves nothing committed and nothing scheduled")
    void terminatingBeforeTheFirstInstallment() {
        CommitmentTimeline timeline = CommitmentTimeline.of(BLACKWELL, List.of(), LocalDate.of(2025, 10, 15));

        Figures after = timeline.figuresAsOf(LocalDate.of(2025, 12, 31));
        assertThat(after.committedMinor()).isZero();
        assertThat(after.elapsedMinor()).isZero();
        assertThat(after.remainingMinor()).isZero();
        assertThat(timeline.scheduleAsOf(LocalDate.of(2025, 12, 31)).installments())
                .noneMatch(i -> i.dueOn().isAfter(LocalDate.of(2025, 10, 15)));
    }

    @Test
    @DisplayName("a termination on a month end keeps that month's installment")
    void terminatingOnAMonthEnd() {
        // T = 2026-01-31: October 2025..January 2026 = 4 * 18,933,333,333 = 75,733,333,332.
        CommitmentTimeline timeline = CommitmentTimeline.of(BLACKWELL, List.of(), LocalDate.of(2026, 1, 31));

        assertThat(timeline.figuresAsOf(LocalDate.of(2026, 1, 31)).committedMinor())
                .isEqualTo(75_733_333_332L);
    }
}
