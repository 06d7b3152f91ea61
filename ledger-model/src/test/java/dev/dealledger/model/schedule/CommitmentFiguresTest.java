package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.CommitmentTimeline.Figures;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * docs/domain.md: committed, elapsed, remaining and remaining by year, for histories of amendments and terminations that
 * keep the rules, read at every date where a reading can change.
 */
class CommitmentFiguresTest {

    @Provide
    Arbitrary<Scenario> histories() {
        return ScheduleArbitraries.validScenarios(10, Termination.SOMETIMES);
    }

    @Property
    @Label("committed = elapsed + remaining, and remaining is never negative, for every asOf")
    void committedIsElapsedPlusRemaining(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        for (LocalDate d : s.probeDates()) {
            Figures f = timeline.figuresAsOf(d);
            assertThat(f.committedMinor()).as("on %s", d).isEqualTo(f.elapsedMinor() + f.remainingMinor());
            assertThat(f.remainingMinor()).as("on %s", d).isNotNegative();
            long byYear = f.remainingByYear().values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(byYear).as("remaining by year on %s", d).isEqualTo(f.remainingMinor());
        }
    }

    @Property
    @Label("committed, elapsed, remaining and remaining by year are the brute-force model's, for every asOf")
    void figuresMatchTheModel(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        ReferenceTimeline model = s.model();
        for (LocalDate d : s.probeDates()) {
            Figures actual = timeline.figuresAsOf(d);
            ReferenceTimeline.Figures expected = model.figuresAsOf(d);
            assertThat(actual.committedMinor()).as("committed on %s", d).isEqualTo(expected.committedMinor());
            assertThat(actual.elapsedMinor()).as("elapsed on %s", d).isEqualTo(expected.elapsedMinor());
            assertThat(actual.remainingMinor()).as("remaining on %s", d).isEqualTo(expected.remainingMinor());
            assertThat(actual.remainingByYear())
                    .as("remaining by year on %s", d)
                    .isEqualTo(expected.remainingByYear());
        }
    }

    @Property
    @Label("the schedule in force on every asOf is the brute-force model's")
    void scheduleMatchesTheModel(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        ReferenceTimeline model = s.model();
        for (LocalDate d : s.probeDates()) {
            assertThat(AmendingACommitmentTest.asDues(timeline.scheduleAsOf(d)))
                    .as("schedule on %s", d)
                    .isEqualTo(model.asOf(d).installments());
        }
    }

    // Fewer tries: each one splits every state of the history at every probe date.
    @Property(tries = 200)
    @Label("on amended schedules too, what fell due by a date plus what falls due after it by year is the total")
    void dueOnOrBeforePlusDueAfterIsTheTotal(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        // One schedule per state of the history: after each amendment, after the termination.
        List<LocalDate> states = new ArrayList<>();
        s.amendments().forEach(a -> states.add(a.effectiveDate()));
        if (s.terminatedOn() != null) {
            states.add(s.terminatedOn());
        }
        states.add(LocalDate.MAX);
        for (LocalDate asOf : states) {
            InstallmentSchedule schedule = timeline.scheduleAsOf(asOf);
            for (LocalDate d : s.probeDates()) {
                long after = schedule.dueAfterByYearMinor(d).values().stream()
                        .mapToLong(Long::longValue)
                        .sum();
                assertThat(schedule.dueOnOrBeforeMinor(d) + after)
                        .as("schedule of %s split on %s", asOf, d)
                        .isEqualTo(schedule.totalMinor());
                assertThat(schedule.dueAfterByYearMinor(d))
                        .as("by year, schedule of %s split on %s", asOf, d)
                        .isEqualTo(SplittingAnAmountStraightLineTest.dueAfterByYear(schedule.installments(), d));
            }
        }
    }
}
