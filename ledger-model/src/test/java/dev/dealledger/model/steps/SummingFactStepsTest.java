package dev.dealledger.model.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.testkit.history.Fact;
import dev.dealledger.testkit.history.RandomLedger;
import dev.dealledger.testkit.oracle.LedgerModel;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;

/**
 * docs/adr/0007: each fact's own step ({@link FigureSteps}), summed over the facts recorded by some knowledge instant
 * and dated by some asOf, gives every total of every counterparty, currency and direction that the testkit's
 * independent oracle derives from those facts: money, elapsed, remaining, potential, exposure and every count. Random
 * histories with backdated and out-of-order amendments, early terminations, options lapsing and exercised.
 */
class SummingFactStepsTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

    /** One fact's own step, with the key and knowledge instant the reads would select it by. */
    private record Step(LedgerModel.RowKey key, Instant recordedAt, List<FigurePoint> points) {}

    @Property(tries = 60)
    @Label("the sum of the facts' own steps is the oracle's totals at random (asOf, knownAt)")
    void theStepsSumToTheOraclesTotals(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        RandomLedger ledger = new RandomLedger(
                new RandomLedger.Shape("steps", "Steps", 4, 1, 400, 6), RandomLedger.Mix.EDGE_CASES, random.split());
        LedgerModel oracle = new LedgerModel();
        List<Step> steps = record(ledger, oracle);
        Instant last = steps.get(steps.size() - 1).recordedAt();
        for (int probe = 0; probe < 25; probe++) {
            LocalDate asOf = LocalDate.of(2024, 1, 1).plusDays(random.nextInt(365 * 14));
            Instant knownAt = START.plusSeconds(random.nextLong(last.getEpochSecond() - START.getEpochSecond() + 2));
            Map<LedgerModel.RowKey, FigureSums> sums =
                    new TreeMap<>(java.util.Comparator.comparing(LedgerModel.RowKey::counterpartyId)
                            .thenComparing(LedgerModel.RowKey::currency)
                            .thenComparing(LedgerModel.RowKey::direction));
            for (Step s : steps) {
                if (s.recordedAt().isAfter(knownAt)) {
                    continue;
                }
                for (FigurePoint p : s.points()) {
                    if (!p.from().isAfter(asOf)) {
                        sums.computeIfAbsent(s.key(), k -> new FigureSums()).add(p);
                    }
                }
            }
            Map<LedgerModel.RowKey, TotalsRowView> expected = oracle.totals(asOf, knownAt);
            assertThat(sums.keySet()).as("keys at (%s, %s)", asOf, knownAt).isEqualTo(expected.keySet());
            sums.forEach((key, s) -> {
                FigureTotals t = s.at(asOf);
                TotalsRowView e = expected.get(key);
                String c = key.currency();
                String where = key + " at (" + asOf + ", " + knownAt + ")";
                assertThat(money(t.committedMinor(), c))
                        .as("committed of %s", where)
                        .isEqualTo(e.committed());
                assertThat(money(t.elapsedMinor(), c))
                        .as("elapsed of %s", where)
                        .isEqualTo(e.elapsed());
                assertThat(money(t.remainingMinor(), c))
                        .as("remaining of %s", where)
                        .isEqualTo(e.remaining());
                assertThat(money(t.potentialMinor(), c))
                        .as("potential of %s", where)
                        .isEqualTo(e.potential());
                assertThat(money(t.exposureMinor(), c))
                        .as("exposure of %s", where)
                        .isEqualTo(e.exposure());
                assertThat(t.deals()).as("deals of %s", where).isEqualTo(e.deals());
                assertThat(t.commitments()).as("commitments of %s", where).isEqualTo(e.commitments());
                assertThat(t.optionsOpen()).as("open options of %s", where).isEqualTo(e.optionsOpen());
                assertThat(t.optionsExercised())
                        .as("exercised options of %s", where)
                        .isEqualTo(e.optionsExercised());
                assertThat(t.amendments()).as("amendments of %s", where).isEqualTo(e.amendments());
            });
        }
    }

    private static String money(BigInteger minor, String currency) {
        return LedgerModel.money(minor.longValueExact(), currency);
    }

    /**
     * Records every fact with the oracle and as its own step, one second apart. The steps are formed here from the
     * versions of each commitment and option, as the projection forms them from its rows.
     */
    private static List<Step> record(RandomLedger ledger, LedgerModel oracle) {
        Map<String, Fact.Deal> deals = new HashMap<>();
        Map<String, CommitmentTimeline> commitments = new HashMap<>();
        Map<String, OptionVersion> options = new HashMap<>();
        List<Step> steps = new ArrayList<>();
        long order = 0;
        Instant at = START;
        while (ledger.hasNext()) {
            Fact fact = ledger.next().fact();
            at = at.plusSeconds(1);
            order++;
            if (fact instanceof Fact.Counterparty c) {
                oracle.add(new LedgerModel.Counterparty(c.counterpartyId(), c.legalName(), at));
            } else if (fact instanceof Fact.Deal d) {
                deals.put(d.dealId(), d);
                oracle.add(new LedgerModel.Deal(
                        d.dealId(), d.counterpartyId(), d.direction(), d.currency(), d.signedOn(), at));
                steps.add(new Step(key(d), at, FigureSteps.ofDeal(d.signedOn())));
            } else if (fact instanceof Fact.Commitment c) {
                oracle.add(new LedgerModel.Commitment(
                        c.dealId(),
                        c.commitmentId(),
                        c.amountMinor(),
                        c.termStart(),
                        c.termEnd(),
                        c.effectiveDate(),
                        at,
                        null));
                CommitmentTimeline after = CommitmentTimeline.of(
                        new CommitmentTerms(c.amountMinor(), c.termStart(), c.termEnd(), c.effectiveDate()),
                        List.of(),
                        null);
                steps.add(commitmentStep(
                        deals.get(c.dealId()), commitments, c.dealId() + "/" + c.commitmentId(), after, at));
            } else if (fact instanceof Fact.Option o) {
                oracle.add(new LedgerModel.Option(
                        o.dealId(),
                        o.optionId(),
                        o.maxMinor(),
                        o.exercisableFrom(),
                        o.expiresOn(),
                        o.effectiveDate(),
                        at));
                OptionVersion granted = new OptionVersion(o.maxMinor(), o.effectiveDate(), o.expiresOn(), null);
                options.put(o.dealId() + "/" + o.optionId(), granted);
                steps.add(new Step(key(deals.get(o.dealId())), at, FigureSteps.ofOption(null, granted)));
            } else if (fact instanceof Fact.Exercise e) {
                oracle.add(new LedgerModel.Exercise(e.dealId(), e.optionId(), e.effectiveDate(), at));
                oracle.add(new LedgerModel.Commitment(
                        e.dealId(),
                        e.commitmentId(),
                        e.amountMinor(),
                        e.termStart(),
                        e.termEnd(),
                        e.effectiveDate(),
                        at,
                        e.optionId()));
                String optionKey = e.dealId() + "/" + e.optionId();
                OptionVersion before = options.get(optionKey);
                OptionVersion after = before.exercised(e.effectiveDate());
                options.put(optionKey, after);
                Fact.Deal deal = deals.get(e.dealId());
                steps.add(new Step(key(deal), at, FigureSteps.ofOption(before, after)));
                CommitmentTimeline commitment = CommitmentTimeline.of(
                        new CommitmentTerms(e.amountMinor(), e.termStart(), e.termEnd(), e.effectiveDate()),
                        List.of(),
                        null);
                steps.add(commitmentStep(deal, commitments, e.dealId() + "/" + e.commitmentId(), commitment, at));
            } else if (fact instanceof Fact.Amendment a) {
                oracle.addAmendment(
                        a.dealId(),
                        a.commitmentId(),
                        a.amendmentId(),
                        a.deltaMinor(),
                        a.newTermEnd(),
                        a.effectiveDate(),
                        at);
                String key = a.dealId() + "/" + a.commitmentId();
                CommitmentTimeline after = commitments
                        .get(key)
                        .withAmendment(new AmendmentFact(
                                a.amendmentId(), a.effectiveDate(), order, a.deltaMinor(), a.newTermEnd()));
                steps.add(commitmentStep(deals.get(a.dealId()), commitments, key, after, at));
            } else if (fact instanceof Fact.Termination t) {
                oracle.add(new LedgerModel.Termination(t.dealId(), t.commitmentId(), t.effectiveDate(), at));
                String key = t.dealId() + "/" + t.commitmentId();
                CommitmentTimeline after = commitments.get(key).withTermination(t.effectiveDate(), order);
                steps.add(commitmentStep(deals.get(t.dealId()), commitments, key, after, at));
            }
        }
        return steps;
    }

    private static Step commitmentStep(
            Fact.Deal deal,
            Map<String, CommitmentTimeline> commitments,
            String key,
            CommitmentTimeline after,
            Instant at) {
        CommitmentTimeline before = commitments.put(key, after);
        return new Step(key(deal), at, FigureSteps.ofCommitment(before, after));
    }

    private static LedgerModel.RowKey key(Fact.Deal d) {
        return new LedgerModel.RowKey(d.counterpartyId(), d.currency(), d.direction());
    }
}
