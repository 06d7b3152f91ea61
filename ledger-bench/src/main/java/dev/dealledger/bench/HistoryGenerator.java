package dev.dealledger.bench;

import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.DealRecordedEvent;
import dev.dealledger.api.event.LedgerEvent;
import dev.dealledger.api.event.OptionExercisedEvent;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.testkit.history.Fact;
import dev.dealledger.testkit.history.RandomLedger;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Amendment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Terms;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The benchmark's event store content: the testkit's {@link RandomLedger} in its {@link RandomLedger.Mix#LARGE_DEALS}
 * mix (valid histories of large deals in realistic proportions, deal streams interleaved in recorded order as
 * concurrent work would, counterparties Zipf-like in size, so exposure and concentration have something to show), as
 * the events the command service would have stored for them. Every amendment and termination is checked by the same
 * {@link CommitmentTimeline} rules the Deal aggregate applies, so the stream would load into the aggregate.
 * Deterministic for a given seed.
 */
public final class HistoryGenerator implements Iterator<HistoryGenerator.Event> {

    /** One generated event of one aggregate stream, with the metadata a write would carry besides the actor. */
    public record Event(
            String aggregateId,
            String aggregateType,
            long sequenceNumber,
            LedgerEvent payload,
            String reason,
            String sourceReference) {}

    /** The shape of a generated history. */
    public record Shape(int counterparties, int agreementsPerCounterparty, long targetEvents, int concurrentDeals) {

        /** About 10 events per deal; one counterparty per 5,000 target events, at least 4 and at most 200. */
        public static Shape forEvents(long targetEvents) {
            int counterparties = (int) Math.max(4, Math.min(200, targetEvents / 5_000));
            return new Shape(counterparties, 2, targetEvents, (int) Math.max(1, Math.min(1_000, targetEvents / 100)));
        }
    }

    private static final String PREFIX = "bench";

    private final RandomLedger facts;
    private long emitted;

    public HistoryGenerator(Shape shape, long seed) {
        this.facts = new RandomLedger(
                new RandomLedger.Shape(
                        PREFIX,
                        "Benchmark",
                        shape.counterparties(),
                        shape.agreementsPerCounterparty(),
                        shape.targetEvents(),
                        shape.concurrentDeals()),
                RandomLedger.Mix.LARGE_DEALS,
                AGGREGATE_RULES,
                new SplittableRandom(seed));
    }

    /**
     * The Deal aggregate's own rules rather than the testkit's brute force: a loaded history is then exactly one the
     * command service would have accepted, and a million events are checked in a fraction of the brute force's time
     * (the bulk load's rate is a reported figure).
     */
    private static final RandomLedger.Rules AGGREGATE_RULES = new RandomLedger.Rules() {
        @Override
        public boolean keep(Terms terms, List<Amendment> amendments) {
            return timeline(terms, amendments).firstRefusal().isEmpty();
        }

        @Override
        public LocalDate termEndAsOf(Terms terms, List<Amendment> amendments, LocalDate asOf) {
            return timeline(terms, amendments).termEndAsOf(asOf);
        }

        private CommitmentTimeline timeline(Terms t, List<Amendment> amendments) {
            return CommitmentTimeline.of(
                    new CommitmentTerms(t.amountMinor(), t.termStart(), t.termEnd(), t.effectiveDate()),
                    amendments.stream()
                            .map(a -> new AmendmentFact(
                                    a.amendmentId(),
                                    a.effectiveDate(),
                                    a.recordedOrder(),
                                    a.amountDeltaMinor(),
                                    a.newTermEnd()))
                            .toList(),
                    null);
        }
    };

    static String counterpartyId(int c) {
        return RandomLedger.counterpartyId(PREFIX, c);
    }

    static String dealId(int n) {
        return RandomLedger.dealId(PREFIX, n);
    }

    @Override
    public boolean hasNext() {
        return facts.hasNext();
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        RandomLedger.Recorded r = facts.next();
        return event(r.fact(), r.sequence());
    }

    public long emitted() {
        return emitted;
    }

    /** The event the command service stores for {@code fact}, with the reason and source reference it carries. */
    private static Event event(Fact fact, long sequence) {
        if (fact instanceof Fact.Counterparty c) {
            return new Event(
                    c.counterpartyId(),
                    "Counterparty",
                    sequence,
                    new CounterpartyRegisteredEvent(c.counterpartyId(), c.legalName(), null, c.effectiveDate()),
                    null,
                    null);
        }
        if (fact instanceof Fact.Agreement a) {
            return new Event(
                    a.agreementId(),
                    "Agreement",
                    sequence,
                    new AgreementSignedEvent(
                            a.agreementId(), a.counterpartyId(), a.title(), a.signedOn(), a.signedOn()),
                    null,
                    null);
        }
        if (fact instanceof Fact.Deal d) {
            return deal(
                    d.dealId(),
                    sequence,
                    new DealRecordedEvent(
                            d.dealId(),
                            d.agreementId(),
                            d.counterpartyId(),
                            d.direction(),
                            d.currency(),
                            d.title(),
                            d.signedOn(),
                            d.sourceReference(),
                            d.signedOn()),
                    null,
                    d.sourceReference());
        }
        if (fact instanceof Fact.Commitment c) {
            return deal(
                    c.dealId(),
                    sequence,
                    new CommitmentRecordedEvent(
                            c.dealId(),
                            c.commitmentId(),
                            money(c.amountMinor(), c.currency()),
                            c.currency(),
                            c.termStart(),
                            c.termEnd(),
                            c.resource(),
                            c.effectiveDate()),
                    null,
                    null);
        }
        if (fact instanceof Fact.Option o) {
            return deal(
                    o.dealId(),
                    sequence,
                    new OptionGrantedEvent(
                            o.dealId(),
                            o.optionId(),
                            money(o.maxMinor(), o.currency()),
                            o.currency(),
                            o.exercisableFrom(),
                            o.expiresOn(),
                            o.effectiveDate()),
                    null,
                    null);
        }
        if (fact instanceof Fact.Exercise x) {
            return deal(
                    x.dealId(),
                    sequence,
                    new OptionExercisedEvent(
                            x.dealId(),
                            x.optionId(),
                            x.commitmentId(),
                            money(x.amountMinor(), x.currency()),
                            money(x.lapsedMinor(), x.currency()),
                            x.currency(),
                            x.termStart(),
                            x.termEnd(),
                            x.resource(),
                            x.effectiveDate()),
                    null,
                    null);
        }
        if (fact instanceof Fact.Amendment m) {
            return deal(
                    m.dealId(),
                    sequence,
                    new CommitmentAmendedEvent(
                            m.dealId(),
                            m.commitmentId(),
                            m.amendmentId(),
                            money(m.deltaMinor(), m.currency()),
                            m.currency(),
                            m.newTermEnd(),
                            m.reason(),
                            m.effectiveDate()),
                    m.reason(),
                    null);
        }
        if (fact instanceof Fact.Termination t) {
            return deal(
                    t.dealId(),
                    sequence,
                    new CommitmentTerminatedEvent(t.dealId(), t.commitmentId(), t.reason(), t.effectiveDate()),
                    t.reason(),
                    null);
        }
        throw new IllegalArgumentException("no event for " + fact);
    }

    private static Event deal(String dealId, long sequence, LedgerEvent payload, String reason, String source) {
        return new Event(dealId, "Deal", sequence, payload, reason, source);
    }

    private static BigDecimal money(long minor, String currency) {
        return BigDecimal.valueOf(minor, Currency.getInstance(currency).getDefaultFractionDigits());
    }
}
