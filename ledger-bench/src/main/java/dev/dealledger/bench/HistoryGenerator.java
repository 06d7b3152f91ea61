package dev.dealledger.bench;

import dev.dealledger.api.Direction;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Valid ledger histories in realistic proportions, generated without the services: counterparties, their agreements,
 * then deals whose streams interleave in recorded order as concurrent work would. Each deal records commitments and
 * options, exercises some options, amends commitments (backdated ones included) and terminates a few, and every
 * amendment and termination is checked by the same {@link CommitmentTimeline} rules the Deal aggregate applies, so the
 * stream would load into the aggregate and projects into consistent read models.
 *
 * <p>Counterparties are unevenly sized (a few large ones, a long tail), so exposure and concentration have something to
 * show. Deterministic for a given seed.
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

    static final LocalDate FIRST_SIGNING = LocalDate.of(2023, 1, 1);
    static final int SIGNING_DAYS = 1_300; // through mid-2026

    private final Shape shape;
    private final SplittableRandom random;
    private final double[] counterpartyWeights;
    private final Deque<Event> preamble = new ArrayDeque<>();
    private final List<Deque<Event>> openDeals = new ArrayList<>();
    private long emitted;
    private long planned;
    private int dealsPlanned;

    public HistoryGenerator(Shape shape, long seed) {
        this.shape = shape;
        this.random = new SplittableRandom(seed);
        this.counterpartyWeights = cumulativeWeights(shape.counterparties());
        for (int c = 0; c < shape.counterparties(); c++) {
            String cp = counterpartyId(c);
            preamble.add(new Event(
                    cp,
                    "Counterparty",
                    0,
                    new CounterpartyRegisteredEvent(
                            cp, "Benchmark counterparty " + c + " (fictional)", null, FIRST_SIGNING),
                    null,
                    null));
            for (int a = 0; a < shape.agreementsPerCounterparty(); a++) {
                LocalDate signed = FIRST_SIGNING.minusDays(30L * (a + 1));
                preamble.add(new Event(
                        agreementId(c, a),
                        "Agreement",
                        0,
                        new AgreementSignedEvent(agreementId(c, a), cp, "MSA " + a, signed, signed),
                        null,
                        null));
            }
        }
        planned = preamble.size();
    }

    static String counterpartyId(int c) {
        return String.format("bench-cp-%04d", c);
    }

    static String agreementId(int c, int a) {
        return String.format("bench-msa-%04d-%d", c, a);
    }

    /** Zipf-like sizes: counterparty k gets weight 1/(k+1)^0.8. */
    private static double[] cumulativeWeights(int n) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, 0.8);
            cumulative[k] = sum;
        }
        for (int k = 0; k < n; k++) {
            cumulative[k] /= sum;
        }
        return cumulative;
    }

    private int pickCounterparty() {
        double u = random.nextDouble();
        for (int k = 0; k < counterpartyWeights.length; k++) {
            if (u <= counterpartyWeights[k]) {
                return k;
            }
        }
        return counterpartyWeights.length - 1;
    }

    @Override
    public boolean hasNext() {
        topUp();
        return !preamble.isEmpty() || !openDeals.isEmpty();
    }

    @Override
    public Event next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        if (!preamble.isEmpty()) {
            return preamble.poll();
        }
        int i = random.nextInt(openDeals.size());
        Deque<Event> deal = openDeals.get(i);
        Event e = deal.poll();
        if (deal.isEmpty()) {
            openDeals.set(i, openDeals.get(openDeals.size() - 1));
            openDeals.remove(openDeals.size() - 1);
        }
        return e;
    }

    private void topUp() {
        if (!preamble.isEmpty()) {
            return;
        }
        while (openDeals.size() < shape.concurrentDeals() && planned < shape.targetEvents()) {
            Deque<Event> deal = new ArrayDeque<>(planDeal(dealsPlanned++));
            planned += deal.size();
            openDeals.add(deal);
        }
    }

    public long emitted() {
        return emitted;
    }

    // ---- one deal ------------------------------------------------------------------------------------------------

    private static final class Commitment {
        final String id;
        final CommitmentTerms terms;
        final List<AmendmentFact> amendments = new ArrayList<>();
        LocalDate terminatedOn;

        Commitment(String id, CommitmentTerms terms) {
            this.id = id;
            this.terms = terms;
        }

        CommitmentTimeline timeline() {
            return CommitmentTimeline.of(terms, amendments, terminatedOn);
        }
    }

    List<Event> planDeal(int n) {
        String dealId = String.format("bench-of-%07d", n);
        int c = pickCounterparty();
        String agreement = agreementId(c, random.nextInt(shape.agreementsPerCounterparty()));
        Direction direction = random.nextDouble() < 0.6 ? Direction.PAYABLE : Direction.RECEIVABLE;
        String currency = random.nextDouble() < 0.75 ? "USD" : "EUR";
        LocalDate signed = FIRST_SIGNING.plusDays(random.nextInt(SIGNING_DAYS));
        List<Event> events = new ArrayList<>();
        List<Commitment> commitments = new ArrayList<>();
        DealStream s = new DealStream(dealId, events);
        s.add(
                new DealRecordedEvent(
                        dealId,
                        agreement,
                        counterpartyId(c),
                        direction,
                        currency,
                        "Order form " + n,
                        signed,
                        "generated order form " + n,
                        signed),
                null,
                "generated order form " + n);

        int commitmentCount = 1 + random.nextInt(5);
        for (int i = 0; i < commitmentCount; i++) {
            String id = "c-" + (i + 1);
            LocalDate start =
                    YearMonth.from(signed).plusMonths(1 + random.nextInt(6)).atDay(1);
            LocalDate end =
                    YearMonth.from(start).plusMonths(11 + random.nextInt(85)).atEndOfMonth();
            long cents = amountCents(1_000_000L, 5_000_000_000L);
            commitments.add(new Commitment(id, new CommitmentTerms(cents, start, end, signed)));
            s.add(
                    new CommitmentRecordedEvent(
                            dealId, id, money(cents), currency, start, end, "GPU cluster capacity " + i, signed),
                    null,
                    null);
        }

        double o = random.nextDouble();
        int optionCount = o < 0.35 ? 0 : o < 0.8 ? 1 : 2;
        List<OptionGrantedEvent> options = new ArrayList<>();
        for (int i = 0; i < optionCount; i++) {
            LocalDate from = signed.plusDays(random.nextInt(181));
            LocalDate expires = from.plusDays(180 + random.nextInt(541));
            long max = amountCents(500_000L, 3_000_000_000L);
            OptionGrantedEvent grant =
                    new OptionGrantedEvent(dealId, "opt-" + (i + 1), money(max), currency, from, expires, signed);
            options.add(grant);
            s.add(grant, null, null);
        }
        for (OptionGrantedEvent option : options) {
            if (random.nextDouble() >= 0.5) {
                continue;
            }
            long window =
                    option.expiresOn().toEpochDay() - option.exercisableFrom().toEpochDay();
            LocalDate on = option.exercisableFrom().plusDays(random.nextLong(window + 1));
            long maxCents = option.maxAmount().movePointRight(2).longValueExact();
            long cents = Math.max(1, (long) (maxCents * (0.3 + 0.7 * random.nextDouble())));
            String id = "c-" + (commitments.size() + 1);
            LocalDate start = YearMonth.from(on).plusMonths(1).atDay(1);
            LocalDate end =
                    YearMonth.from(start).plusMonths(11 + random.nextInt(73)).atEndOfMonth();
            commitments.add(new Commitment(id, new CommitmentTerms(cents, start, end, on)));
            s.add(
                    new OptionExercisedEvent(
                            dealId,
                            option.optionId(),
                            id,
                            money(cents),
                            money(maxCents - cents),
                            currency,
                            start,
                            end,
                            "exercised capacity",
                            on),
                    null,
                    null);
        }

        int amendmentCount = random.nextInt(7); // 0..6, mean 3
        for (int i = 0; i < amendmentCount; i++) {
            Commitment target = commitments.get(random.nextInt(commitments.size()));
            amend(s, dealId, currency, target, "a-" + (i + 1));
        }

        if (random.nextDouble() < 0.08) {
            terminate(s, dealId, commitments.get(random.nextInt(commitments.size())));
        }
        return events;
    }

    private void amend(DealStream s, String dealId, String currency, Commitment target, String amendmentId) {
        CommitmentTerms t = target.terms;
        long span = t.termEnd().toEpochDay() - 60 - t.effectiveDate().toEpochDay();
        if (span <= 0) {
            return;
        }
        LocalDate effective = t.effectiveDate().plusDays(random.nextLong(span));
        boolean increase = random.nextDouble() < 0.75;
        long delta = (long)
                (t.amountMinor() * (increase ? 0.01 + 0.19 * random.nextDouble() : -0.01 - 0.09 * random.nextDouble()));
        LocalDate newTermEnd = random.nextDouble() < 0.1
                ? YearMonth.from(t.termEnd()).plusMonths(1 + random.nextInt(24)).atEndOfMonth()
                : null;
        if (delta == 0 && newTermEnd == null) {
            delta = 100;
        }
        long order = s.nextSequence();
        AmendmentFact candidate = new AmendmentFact(amendmentId, effective, order, delta, newTermEnd);
        if (target.timeline().withAmendment(candidate).firstRefusal().isPresent()) {
            // Fall back to an increase without a term change, which only the dates could still refuse.
            candidate = new AmendmentFact(amendmentId, effective, order, Math.abs(delta) + 100, null);
            if (target.timeline().withAmendment(candidate).firstRefusal().isPresent()) {
                return;
            }
        }
        target.amendments.add(candidate);
        s.add(
                new CommitmentAmendedEvent(
                        dealId,
                        target.id,
                        amendmentId,
                        money(candidate.amountDeltaMinor()),
                        currency,
                        candidate.newTermEnd(),
                        "generated correction",
                        effective),
                "generated correction",
                null);
    }

    /** As Deal.handle(TerminateCommitmentCommand): not before the commitment, not after its term, voiding no amendment. */
    private void terminate(DealStream s, String dealId, Commitment target) {
        LocalDate earliest = target.terms.effectiveDate();
        for (AmendmentFact a : target.amendments) {
            if (!a.effectiveDate().isBefore(earliest)) {
                earliest = a.effectiveDate().plusDays(1);
            }
        }
        CommitmentTimeline timeline = target.timeline();
        LocalDate latest = timeline.termEndAsOf(earliest);
        long span = latest.toEpochDay() - earliest.toEpochDay();
        if (span < 0) {
            return;
        }
        LocalDate on = earliest.plusDays(random.nextLong(span + 1));
        if (on.isAfter(timeline.termEndAsOf(on))) {
            return;
        }
        target.terminatedOn = on;
        s.add(
                new CommitmentTerminatedEvent(dealId, target.id, "generated termination", on),
                "generated termination",
                null);
    }

    private long amountCents(long minUnits, long maxUnits) {
        // Log-uniform between the bounds, in whole currency units, then cents.
        double lo = Math.log(minUnits);
        double hi = Math.log(maxUnits);
        return (long) Math.exp(lo + (hi - lo) * random.nextDouble()) * 100;
    }

    private static BigDecimal money(long cents) {
        return BigDecimal.valueOf(cents, 2);
    }

    /** Appends one deal's events with consecutive sequence numbers. */
    private static final class DealStream {
        private final String dealId;
        private final List<Event> events;

        DealStream(String dealId, List<Event> events) {
            this.dealId = dealId;
            this.events = events;
        }

        long nextSequence() {
            return events.size();
        }

        void add(LedgerEvent payload, String reason, String sourceReference) {
            events.add(new Event(dealId, "Deal", events.size(), payload, reason, sourceReference));
        }
    }
}
