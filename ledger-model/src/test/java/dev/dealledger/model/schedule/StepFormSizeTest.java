package dev.dealledger.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.testkit.history.Fact;
import dev.dealledger.testkit.history.RandomLedger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * docs/adr/0007 estimates that a fact's own step is "2-6 points per key". Here that is measured on the benchmark's mix
 * of deals (the testkit's {@link RandomLedger.Mix#LARGE_DEALS}: terms of years, amendments that re-spread them,
 * backdated ones, terminations). A fact's own step is the difference between its commitment's {@link StepForm} after it
 * and before it, with points that cancel left out.
 */
class StepFormSizeTest {

    /** One commitment as known so far. */
    private record Version(CommitmentTerms terms, List<AmendmentFact> amendments, LocalDate terminatedOn) {

        StepForm form() {
            return StepForm.of(CommitmentTimeline.of(terms, amendments, terminatedOn));
        }

        Version with(AmendmentFact amendment) {
            List<AmendmentFact> more = new ArrayList<>(amendments);
            more.add(amendment);
            return new Version(terms, more, terminatedOn);
        }
    }

    @Test
    @DisplayName(
            "on the benchmark's mix, a fact's own step averages at most 6 points, and none needs one per installment")
    void aFactsOwnStepIsAFewPoints() {
        RandomLedger ledger = new RandomLedger(
                new RandomLedger.Shape("size", "Size", 20, 2, 10_000, 50),
                RandomLedger.Mix.LARGE_DEALS,
                new SplittableRandom(7));
        Map<String, Version> versions = new HashMap<>();
        long facts = 0;
        long points = 0;
        long order = 0;
        while (ledger.hasNext()) {
            Fact fact = ledger.next().fact();
            order++;
            String key;
            Version after;
            if (fact instanceof Fact.Commitment c) {
                key = c.dealId() + "/" + c.commitmentId();
                after = new Version(
                        new CommitmentTerms(c.amountMinor(), c.termStart(), c.termEnd(), c.effectiveDate()),
                        List.of(),
                        null);
            } else if (fact instanceof Fact.Exercise e) {
                key = e.dealId() + "/" + e.commitmentId();
                after = new Version(
                        new CommitmentTerms(e.amountMinor(), e.termStart(), e.termEnd(), e.effectiveDate()),
                        List.of(),
                        null);
            } else if (fact instanceof Fact.Amendment a) {
                key = a.dealId() + "/" + a.commitmentId();
                after = versions.get(key)
                        .with(new AmendmentFact(
                                a.amendmentId(), a.effectiveDate(), order, a.deltaMinor(), a.newTermEnd()));
            } else if (fact instanceof Fact.Termination t) {
                key = t.dealId() + "/" + t.commitmentId();
                Version before = versions.get(key);
                after = new Version(before.terms(), before.amendments(), t.effectiveDate());
            } else {
                continue;
            }
            Version before = versions.get(key);
            int own = ownStep(before == null ? null : before.form(), after.form());
            // A term of months would otherwise be one point per installment; a few suffice whatever the term.
            assertThat(own).as("points of fact %s", fact).isLessThanOrEqualTo(16);
            facts++;
            points += own;
            versions.put(key, after);
        }
        assertThat(facts).isGreaterThan(1_000);
        assertThat((double) points / facts).as("points per fact").isLessThanOrEqualTo(6.0);
    }

    /** How many points the difference of two forms has, once points on the same date and base have been added up. */
    private static int ownStep(StepForm before, StepForm after) {
        Map<String, long[]> sums = new HashMap<>();
        add(sums, after, 1);
        if (before != null) {
            add(sums, before, -1);
        }
        return (int) sums.values().stream()
                .filter(s -> s[0] != 0 || s[1] != 0 || s[2] != 0)
                .count();
    }

    private static void add(Map<String, long[]> sums, StepForm form, long sign) {
        for (StepForm.Point p : form.points()) {
            long[] s = sums.computeIfAbsent(p.from() + "/" + p.slopeBaseMonth(), k -> new long[3]);
            s[0] += sign * p.committedStep();
            s[1] += sign * p.elapsedStep();
            s[2] += sign * p.elapsedSlope();
        }
    }
}
