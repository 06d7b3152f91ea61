package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.CommitmentTimeline.Refused;
import dev.dealledger.model.schedule.InstallmentSchedule.Installment;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Due;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
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

/**
 * docs/domain.md: "Several amendments apply in order of effective date; amendments with the same effective date apply in
 * recorded order. A backdated amendment can land between two earlier ones."
 */
class OrderingAmendmentsTest {

    @Provide
    Arbitrary<Scenario> sameDayHistories() {
        return ScheduleArbitraries.sameDayScenarios(5);
    }

    @Provide
    Arbitrary<Scenario> anyHistories() {
        return ScheduleArbitraries.scenarios(6, Termination.SOMETIMES);
    }

    @Provide
    Arbitrary<Scenario> validHistories() {
        return ScheduleArbitraries.spreadOutScenarios(10, Termination.SOMETIMES).map(Scenario::keepingTheRules);
    }

    /** The same facts with their recorded orders reversed: the first recorded becomes the last. */
    private static List<AmendmentFact> recordedInReverse(List<AmendmentFact> amendments) {
        List<AmendmentFact> reversed = new ArrayList<>();
        for (int i = 0; i < amendments.size(); i++) {
            AmendmentFact a = amendments.get(i);
            long order = amendments.get(amendments.size() - 1 - i).recordedOrder();
            reversed.add(withRecordedOrder(a, order));
        }
        return reversed;
    }

    private static AmendmentFact withRecordedOrder(AmendmentFact a, long recordedOrder) {
        return new AmendmentFact(
                a.amendmentId(), a.effectiveDate(), recordedOrder, a.amountDeltaMinor(), a.newTermEnd());
    }

    /** The same facts as if the ledger had recorded them in effective-date order (same-day ties keep their order). */
    private static List<AmendmentFact> recordedInEffectiveOrder(List<AmendmentFact> amendments) {
        List<AmendmentFact> reRecorded = new ArrayList<>();
        long order = 1;
        for (AmendmentFact a : Oracle.inApplyOrder(amendments)) {
            reRecorded.add(withRecordedOrder(a, order++));
        }
        return reRecorded;
    }

    private static List<Due> asDues(List<Installment> installments) {
        return installments.stream()
                .map(i -> new Due(i.dueOn(), i.amountMinor()))
                .toList();
    }

    /**
     * Same-day amendments collapse: what fell due by E stays, committed becomes the original plus all their deltas,
     * and the term end is the one set by the last of them, in recorded order, that sets one.
     */
    private static List<Due> sameDayExpectation(CommitmentTerms terms, List<AmendmentFact> inRecordedOrder) {
        LocalDate e = inRecordedOrder.get(0).effectiveDate();
        long committed = terms.amountMinor();
        LocalDate termEnd = terms.termEnd();
        for (AmendmentFact a : inRecordedOrder) {
            committed += a.amountDeltaMinor();
            termEnd = a.newTermEnd() != null ? a.newTermEnd() : termEnd;
        }
        List<Due> expected = new ArrayList<>();
        long kept = 0;
        for (Due due : ReferenceCommitment.straightLine(terms.amountMinor(), terms.termStart(), terms.termEnd())
                .installments()) {
            if (!due.dueOn().isAfter(e)) {
                expected.add(due);
                kept += due.amountMinor();
            }
        }
        List<LocalDate> after = ReferenceCommitment.monthEnds(terms.termStart(), termEnd).stream()
                .filter(d -> d.isAfter(e))
                .toList();
        expected.addAll(ReferenceCommitment.evenly(committed - kept, after));
        return expected;
    }

    @Property
    @Label("amendments with the same effective date apply in recorded order, whatever order the caller lists them in")
    void sameDayAmendmentsApplyInRecordedOrder(@ForAll("sameDayHistories") Scenario s) {
        for (List<AmendmentFact> recording : List.of(s.amendments(), recordedInReverse(s.amendments()))) {
            List<AmendmentFact> byRecordedOrder = Oracle.inApplyOrder(recording);
            // Handing the facts over in reverse list order proves the recorded order, not the list, decides.
            List<AmendmentFact> listedBackwards = new ArrayList<>(byRecordedOrder);
            Collections.reverse(listedBackwards);
            CommitmentTimeline timeline = CommitmentTimeline.of(s.terms(), listedBackwards, null);

            boolean keepsTheRules =
                    Oracle.firstBreach(s.terms(), recording, null).isEmpty();
            assertThat(timeline.firstRefusal().isEmpty()).isEqualTo(keepsTheRules);
            if (keepsTheRules && !recording.isEmpty()) {
                LocalDate e = recording.get(0).effectiveDate();
                assertThat(asDues(timeline.scheduleAsOf(e).installments()))
                        .isEqualTo(sameDayExpectation(s.terms(), byRecordedOrder));
            }
        }

        // The property has teeth only if the two recordings can disagree; make sure generation gets there.
        boolean bothValid = Oracle.firstBreach(s.terms(), s.amendments(), null).isEmpty()
                && Oracle.firstBreach(s.terms(), recordedInReverse(s.amendments()), null)
                        .isEmpty();
        boolean orderMatters = bothValid
                && !s.amendments().isEmpty()
                && !sameDayExpectation(s.terms(), s.amendments())
                        .equals(sameDayExpectation(s.terms(), Oracle.inApplyOrder(recordedInReverse(s.amendments()))));
        Statistics.label("order matters").collect(orderMatters);
        Statistics.label("order matters").coverage(c -> c.check(true).percentage(p -> p > 5));
    }

    @Property
    @Label("a history gives the same readings as if the ledger had recorded it in effective-date order")
    void backdatedAmendmentsReadAsIfRecordedInEffectiveOrder(@ForAll("anyHistories") Scenario s) {
        Scenario inEffectiveOrder = new Scenario(s.terms(), recordedInEffectiveOrder(s.amendments()), s.terminatedOn());
        boolean backdated = !Oracle.inApplyOrder(s.amendments()).equals(s.amendments());
        Statistics.label("some amendment backdated").collect(backdated);
        Statistics.label("some amendment backdated").coverage(c -> c.check(true).percentage(p -> p > 20));

        Optional<Refused> refused = s.timeline().firstRefusal();
        Optional<Refused> refusedInOrder = inEffectiveOrder.timeline().firstRefusal();
        assertThat(refused.map(r -> r.amendment().amendmentId()))
                .isEqualTo(refusedInOrder.map(r -> r.amendment().amendmentId()));
        assertThat(refused.map(Refused::reason)).isEqualTo(refusedInOrder.map(Refused::reason));

        if (refused.isEmpty()) {
            CommitmentTimeline timeline = s.timeline();
            CommitmentTimeline timelineInOrder = inEffectiveOrder.timeline();
            for (LocalDate d : s.probeDates()) {
                assertThat(timeline.scheduleAsOf(d).installments())
                        .as("schedule on %s", d)
                        .isEqualTo(timelineInOrder.scheduleAsOf(d).installments());
                assertThat(timeline.figuresAsOf(d)).as("figures on %s", d).isEqualTo(timelineInOrder.figuresAsOf(d));
            }
        }
    }

    @Property
    @Label("an amendment recorded last but effective between two earlier ones reads as if recorded between them")
    void backdatedBetweenTwoEarlierOnes(@ForAll("validHistories") Scenario s) {
        List<AmendmentFact> ordered = Oracle.inApplyOrder(s.amendments());
        Optional<AmendmentFact> between = ordered.stream()
                .filter(c -> ordered.stream()
                                .filter(o -> o.effectiveDate().equals(c.effectiveDate()))
                                .count()
                        == 1)
                .filter(c -> ordered.stream().anyMatch(o -> o.effectiveDate().isBefore(c.effectiveDate())))
                .filter(c -> ordered.stream().anyMatch(o -> o.effectiveDate().isAfter(c.effectiveDate())))
                .findFirst();
        Statistics.label("has an amendment between two others").collect(between.isPresent());
        Statistics.label("has an amendment between two others")
                .coverage(c -> c.check(true).percentage(p -> p > 4));
        if (between.isEmpty()) {
            return;
        }

        long last = s.amendments().stream()
                .mapToLong(AmendmentFact::recordedOrder)
                .max()
                .orElseThrow();
        List<AmendmentFact> recordedLast = new ArrayList<>();
        for (AmendmentFact a : s.amendments()) {
            if (!a.equals(between.get())) {
                recordedLast.add(a);
            }
        }
        recordedLast.add(withRecordedOrder(between.get(), last + 10));
        CommitmentTimeline backdated = CommitmentTimeline.of(s.terms(), recordedLast, s.terminatedOn());
        CommitmentTimeline inOrder =
                CommitmentTimeline.of(s.terms(), recordedInEffectiveOrder(s.amendments()), s.terminatedOn());
        ReferenceTimeline model = s.model();

        assertThat(backdated.firstRefusal()).isEmpty();
        for (LocalDate d : s.probeDates()) {
            assertThat(backdated.scheduleAsOf(d).installments())
                    .as("schedule on %s", d)
                    .isEqualTo(inOrder.scheduleAsOf(d).installments());
            assertThat(asDues(backdated.scheduleAsOf(d).installments()))
                    .as("model on %s", d)
                    .isEqualTo(model.asOf(d).installments());
        }
    }

    // ----- worked examples -------------------------------------------------------------------------------------

    /** 1,200.00 over 2025 (10,000 cents a month), holding from 2024-12-15. */
    private static final CommitmentTerms YEAR_2025 = new CommitmentTerms(
            120_000, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), LocalDate.of(2024, 12, 15));

    @Test
    @DisplayName("two same-day term changes: the one recorded last wins")
    void sameDayTermEnds() {
        // Both effective 2025-03-31: January..March (30,000) stay; 90,000 is left for the months after.
        AmendmentFact longer = new AmendmentFact("longer", LocalDate.of(2025, 3, 31), 7, 0, LocalDate.of(2026, 6, 30));
        AmendmentFact shorter =
                new AmendmentFact("shorter", LocalDate.of(2025, 3, 31), 9, 0, LocalDate.of(2025, 9, 30));

        // Recorded longer (7) then shorter (9): term ends 2025-09-30, 90,000 over April..September = 15,000 each.
        List<Installment> shorterLast = CommitmentTimeline.of(YEAR_2025, List.of(shorter, longer), null)
                .scheduleAsOf(LocalDate.of(2025, 3, 31))
                .installments();
        assertThat(shorterLast).hasSize(9);
        assertThat(shorterLast.get(3)).isEqualTo(new Installment(LocalDate.of(2025, 4, 30), 15_000));
        assertThat(shorterLast.get(8)).isEqualTo(new Installment(LocalDate.of(2025, 9, 30), 15_000));

        // Recorded the other way round: term ends 2026-06-30, 90,000 over April 2025..June 2026 (15 months) = 6,000.
        AmendmentFact longerLast =
                new AmendmentFact("longer", LocalDate.of(2025, 3, 31), 9, 0, LocalDate.of(2026, 6, 30));
        AmendmentFact shorterFirst =
                new AmendmentFact("shorter", LocalDate.of(2025, 3, 31), 7, 0, LocalDate.of(2025, 9, 30));
        List<Installment> longerWins = CommitmentTimeline.of(YEAR_2025, List.of(longerLast, shorterFirst), null)
                .scheduleAsOf(LocalDate.of(2025, 3, 31))
                .installments();
        assertThat(longerWins).hasSize(18);
        assertThat(longerWins.get(3)).isEqualTo(new Installment(LocalDate.of(2025, 4, 30), 6_000));
        assertThat(longerWins.get(17)).isEqualTo(new Installment(LocalDate.of(2026, 6, 30), 6_000));
    }

    @Test
    @DisplayName("same-day amendments are checked in recorded order: a cut is refused before the increase, not after")
    void sameDayValidityDependsOnRecordedOrder() {
        // By 2025-03-31, 30,000 has fallen due. A cut of 100,000 alone leaves 20,000 < 30,000: refused.
        // After an increase of 40,000 it leaves 60,000: allowed.
        AmendmentFact cutFirst = new AmendmentFact("cut", LocalDate.of(2025, 3, 31), 1, -100_000, null);
        AmendmentFact increaseSecond = new AmendmentFact("increase", LocalDate.of(2025, 3, 31), 2, 40_000, null);
        assertThat(CommitmentTimeline.of(YEAR_2025, List.of(increaseSecond, cutFirst), null)
                        .firstRefusal())
                .contains(new Refused(cutFirst, AmendmentRefusal.BELOW_FALLEN_DUE));

        AmendmentFact increaseFirst = new AmendmentFact("increase", LocalDate.of(2025, 3, 31), 1, 40_000, null);
        AmendmentFact cutSecond = new AmendmentFact("cut", LocalDate.of(2025, 3, 31), 2, -100_000, null);
        CommitmentTimeline timeline = CommitmentTimeline.of(YEAR_2025, List.of(cutSecond, increaseFirst), null);
        assertThat(timeline.firstRefusal()).isEmpty();
        // 60,000 committed: 30,000 fallen due, 30,000 over April..December = 3,333 each, December 3,336.
        assertThat(timeline.figuresAsOf(LocalDate.of(2025, 3, 31)).committedMinor())
                .isEqualTo(60_000);
        assertThat(timeline.scheduleAsOf(LocalDate.of(2025, 3, 31))
                        .installments()
                        .get(11))
                .isEqualTo(new Installment(LocalDate.of(2025, 12, 31), 3_336));
    }

    @Test
    @DisplayName("a correction recorded last but effective in June lands between the March and September amendments")
    void backdatedBetweenMarchAndSeptember() {
        // Recorded first: +12,000 from 2025-03-31; then a term extension to 2026-03-31 from 2025-09-30.
        // Recorded last, backdated: -6,000 from 2025-06-30.
        AmendmentFact march = new AmendmentFact("march", LocalDate.of(2025, 3, 31), 1, 12_000, null);
        AmendmentFact september =
                new AmendmentFact("september", LocalDate.of(2025, 9, 30), 2, 0, LocalDate.of(2026, 3, 31));
        AmendmentFact june = new AmendmentFact("june", LocalDate.of(2025, 6, 30), 3, -6_000, null);

        // In effective order:
        // March: 132,000 committed; January..March 30,000 stay; 102,000 over April..December (9):
        //   11,333 each (8 * 11,333 = 90,664), December 11,336.
        // June: 126,000; January..June 30,000 + 3 * 11,333 = 63,999 stay; 62,001 over July..December (6):
        //   10,333 each (5 * 10,333 = 51,665), December 10,336.
        // September: 126,000; January..September 63,999 + 3 * 10,333 = 94,998 stay; 31,002 over
        //   October 2025..March 2026 (6): 5,167 each, exactly.
        List<Long> expected = List.of(
                10_000L, 10_000L, 10_000L, // 2025-01..03
                11_333L, 11_333L, 11_333L, // 2025-04..06
                10_333L, 10_333L, 10_333L, // 2025-07..09
                5_167L, 5_167L, 5_167L, 5_167L, 5_167L, 5_167L); // 2025-10..2026-03
        for (List<AmendmentFact> recording :
                List.of(List.of(march, september, june), List.of(june, september, march))) {
            CommitmentTimeline timeline = CommitmentTimeline.of(YEAR_2025, recording, null);
            assertThat(timeline.firstRefusal()).isEmpty();
            List<Installment> installments =
                    timeline.scheduleAsOf(LocalDate.of(2026, 12, 31)).installments();
            assertThat(installments.stream().map(Installment::amountMinor).toList())
                    .isEqualTo(expected);
            assertThat(installments.get(14).dueOn()).isEqualTo(LocalDate.of(2026, 3, 31));
            assertThat(timeline.figuresAsOf(LocalDate.of(2026, 12, 31)).committedMinor())
                    .isEqualTo(126_000);
        }
    }
}
