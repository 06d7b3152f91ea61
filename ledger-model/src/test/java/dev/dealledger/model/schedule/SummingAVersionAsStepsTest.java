package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.schedule.CommitmentTimeline.Figures;
import dev.dealledger.model.schedule.ScheduleArbitraries.Scenario;
import dev.dealledger.model.schedule.ScheduleArbitraries.Termination;
import java.math.BigInteger;
import java.time.LocalDate;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * docs/adr/0007: a commitment version's step form ({@link StepForm}) reads, at every asOf, the committed and elapsed the
 * model derives: nothing before the commitment's effective date, and the model's figures from it on. The form stays
 * small however long the term: a few points per tranche and per amendment, not one per installment.
 */
class SummingAVersionAsStepsTest {

    @Provide
    Arbitrary<Scenario> histories() {
        return ScheduleArbitraries.validScenarios(10, Termination.SOMETIMES);
    }

    @Property
    @Label("the step form's committed and elapsed are the model's at every date where a reading can change")
    void theStepFormReadsAsTheModel(@ForAll("histories") Scenario s) {
        CommitmentTimeline timeline = s.timeline();
        StepForm form = StepForm.of(timeline);
        for (LocalDate asOf : s.probeDates()) {
            StepForm.Value value = form.at(asOf);
            if (asOf.isBefore(s.terms().effectiveDate())) {
                assertThat(value.committedMinor()).as("committed on %s", asOf).isZero();
                assertThat(value.elapsedMinor()).as("elapsed on %s", asOf).isZero();
                continue;
            }
            Figures expected = timeline.figuresAsOf(asOf);
            assertThat(value.committedMinor())
                    .as("committed on %s", asOf)
                    .isEqualTo(BigInteger.valueOf(expected.committedMinor()));
            assertThat(value.elapsedMinor())
                    .as("elapsed on %s", asOf)
                    .isEqualTo(BigInteger.valueOf(expected.elapsedMinor()));
        }
    }

    @Property
    @Label("the form has a few points per amendment, not one per installment")
    void theFormIsSmall(@ForAll("histories") Scenario s) {
        StepForm form = StepForm.of(s.timeline());
        // A term of n months spread straight-line is one ramp and a remainder step (at most 3 points) plus the
        // lump of what fell due before the effective date; each amendment or the termination re-spreads once more
        // (again a ramp and a remainder) and moves committed once.
        int facts = 1 + s.amendments().size() + (s.terminatedOn() == null ? 0 : 1);
        assertThat(form.points()).hasSizeLessThanOrEqualTo(2 + 5 * facts);
    }
}
