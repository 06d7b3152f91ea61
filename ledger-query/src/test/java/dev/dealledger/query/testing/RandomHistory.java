package dev.dealledger.query.testing;

import static dev.dealledger.testkit.oracle.LedgerModel.money;

import dev.dealledger.testkit.history.Fact;
import dev.dealledger.testkit.history.RandomLedger;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Records a random but valid ledger history through a {@link LedgerScript}: the testkit's one generator,
 * {@link RandomLedger}, in its {@link RandomLedger.Mix#EDGE_CASES} mix (several counterparties, deals in USD and EUR
 * in both directions, commitments with odd amounts and terms, options, exercises inside their window, amendments with
 * backdated and out-of-order effective dates, and terminations), every fact kept only where the rules accept it.
 * Everything is drawn from the test's seeded {@link Random}, so a seed replays the history.
 */
public final class RandomHistory {

    private final Random random;
    private final LedgerScript ledger;
    private final String prefix;
    private final List<String> counterparties = new ArrayList<>();

    /** {@code prefix} starts every id, so that several histories can share one ledger. */
    public RandomHistory(Random random, LedgerScript ledger, String prefix) {
        this.random = random;
        this.ledger = ledger;
        this.prefix = prefix;
    }

    public List<String> counterparties() {
        return List.copyOf(counterparties);
    }

    /**
     * Records {@code parties} counterparties, each with an agreement and at least one deal, and deals until about
     * {@code steps} more facts are recorded, a few deals at a time so that their facts interleave.
     */
    public void record(int parties, int steps) {
        RandomLedger facts = new RandomLedger(
                new RandomLedger.Shape(prefix, "Random", parties, 1, 4L * parties + steps, Math.max(2, parties)),
                RandomLedger.Mix.EDGE_CASES,
                random);
        facts.forEachRemaining(r -> record(r.fact()));
    }

    private void record(Fact fact) {
        if (fact instanceof Fact.Counterparty c) {
            ledger.counterparty(c.counterpartyId(), c.legalName(), c.effectiveDate());
            counterparties.add(c.counterpartyId());
        } else if (fact instanceof Fact.Agreement a) {
            ledger.agreement(a.agreementId(), a.counterpartyId(), a.signedOn());
        } else if (fact instanceof Fact.Deal d) {
            ledger.deal(d.dealId(), d.agreementId(), d.direction(), d.currency(), d.signedOn(), d.sourceReference());
        } else if (fact instanceof Fact.Commitment c) {
            ledger.commitment(
                    c.dealId(),
                    c.commitmentId(),
                    money(c.amountMinor(), c.currency()),
                    c.termStart(),
                    c.termEnd(),
                    c.resource(),
                    c.effectiveDate());
        } else if (fact instanceof Fact.Option o) {
            ledger.option(
                    o.dealId(),
                    o.optionId(),
                    money(o.maxMinor(), o.currency()),
                    o.exercisableFrom(),
                    o.expiresOn(),
                    o.effectiveDate());
        } else if (fact instanceof Fact.Exercise x) {
            ledger.exercise(
                    x.dealId(),
                    x.optionId(),
                    x.commitmentId(),
                    money(x.amountMinor(), x.currency()),
                    x.termStart(),
                    x.termEnd(),
                    x.resource(),
                    x.effectiveDate());
        } else if (fact instanceof Fact.Amendment m) {
            ledger.amend(
                    m.dealId(),
                    m.commitmentId(),
                    m.amendmentId(),
                    money(m.deltaMinor(), m.currency()),
                    m.newTermEnd(),
                    m.effectiveDate(),
                    m.reason());
        } else if (fact instanceof Fact.Termination t) {
            ledger.terminate(t.dealId(), t.commitmentId(), t.effectiveDate(), t.reason());
        } else {
            throw new IllegalArgumentException("no script step for " + fact);
        }
    }
}
