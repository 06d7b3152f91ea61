package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.InstallmentSchedule.Installment;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The first premise of docs/adr/0007, held against the rules as the model applies them. Take one version of a
 * commitment: its facts as known at one instant, with backdated amendments, new term ends and terminations. Elapsed
 * at every asOf is then the running sum of one sequence a(d). Each a(d) is the installment due on d, as the schedule in
 * force on d itself has it. An amendment effective on E never alters an installment due on or before E, so a later
 * asOf sees the same a(d). A maintained elapsed therefore needs no second date axis.
 */
class ElapsedAsOneSequenceTest {

    @Provide
    Arbitrary<Scenario> histories() {
        return ScheduleArbitraries.validScenarios(10, Termination.SOMETIMES);
    }

    @Property
    @Label("elapsed on D is the sum, over month ends d <= D, of the installment due on d in the schedule in force on d")
    void elapsedIsARunningSumOfEachInstallmentAsOfItsOwnDueDate(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        List<LocalDate> probes = s.probeDates();
        YearMonth first =
                YearMonth.from(probes.stream().min(Comparator.naturalOrder()).orElseThrow());
        YearMonth last =
                YearMonth.from(probes.stream().max(Comparator.naturalOrder()).orElseThrow());
        TreeMap<LocalDate, Long> asOfItsOwnDueDate = new TreeMap<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            LocalDate due = m.atEndOfMonth();
            long amount = timeline.scheduleAsOf(due).installments().stream()
                    .filter(i -> i.dueOn().equals(due))
                    .mapToLong(Installment::amountMinor)
                    .sum();
            asOfItsOwnDueDate.put(due, amount);
        }
        for (LocalDate asOf : probes) {
            long running = asOfItsOwnDueDate.headMap(asOf, true).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(running)
                    .as("elapsed on %s", asOf)
                    .isEqualTo(timeline.figuresAsOf(asOf).elapsedMinor());
        }
    }
}
