package dev.dealledger.testkit.history;

import dev.dealledger.api.Direction;
import dev.dealledger.testkit.oracle.ReferenceCommitment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Amendment;
import dev.dealledger.testkit.oracle.ReferenceCommitment.Terms;
import dev.dealledger.testkit.oracle.ReferenceTimeline;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.random.RandomGenerator;

/**
 * The one generator of random valid ledger histories, for the tests and the benchmark: counterparties and their
 * agreements first, then deals whose streams interleave in recorded order as concurrent work would. Each deal records
 * commitments and options, exercises some options inside their window, amends commitments (backdated ones included)
 * and terminates some. Every amendment is kept only if the {@link Rules} (by default {@link ReferenceCommitment}, the
 * oracle of the schedule rules) find no rule it breaks in the history with it, and every termination keeps the Deal
 * aggregate's rules, so the facts would all have been accepted and project into consistent read models.
 *
 * <p>How large a history is and what its ids are called is its {@link Shape}; how its facts are distributed is its
 * {@link Mix}: {@link Mix#LARGE_DEALS} for the benchmark's realistic proportions, {@link Mix#EDGE_CASES} for tests that
 * want odd amounts, short and mid-month terms and refusals close at hand. Everything is drawn from the one
 * {@link RandomGenerator} given, in a fixed order, so a seed gives the same history again.
 */
public final class RandomLedger implements Iterator<RandomLedger.Recorded> {

    /** One fact and its place in its stream: the aggregate sequence number it is recorded at. */
    public record Recorded(Fact fact, long sequence) {}

    /**
     * The schedule rules a generated history keeps, asked of one commitment that is not terminated: by default
     * {@link #ORACLE}, the testkit's brute force. A caller that holds the production rules may pass them instead (the
     * benchmark does: they are the Deal aggregate's own, and fast enough for a million events).
     */
    public interface Rules {

        /** Whether the commitment with these amendments (in recorded order) breaks no amendment rule. */
        boolean keep(Terms terms, List<Amendment> amendments);

        /** The term end the amendments effective on or before {@code asOf} leave in force. */
        LocalDate termEndAsOf(Terms terms, List<Amendment> amendments, LocalDate asOf);

        Rules ORACLE = new Rules() {
            @Override
            public boolean keep(Terms terms, List<Amendment> amendments) {
                return ReferenceCommitment.firstBreach(terms, amendments, null).isEmpty();
            }

            @Override
            public LocalDate termEndAsOf(Terms terms, List<Amendment> amendments, LocalDate asOf) {
                return new ReferenceTimeline(terms, amendments, null).termEndAsOf(asOf);
            }
        };
    }

    /**
     * The size of a history and its names. {@code prefix} starts every id, so that several histories can share one
     * ledger; {@code name} starts every counterparty's legal name. The history ends with the deal that takes it to
     * {@code targetFacts} or past it; {@code concurrentDeals} deals are being recorded at any time.
     */
    public record Shape(
            String prefix,
            String name,
            int counterparties,
            int agreementsPerCounterparty,
            long targetFacts,
            int concurrentDeals) {}

    /** Whole numbers from {@code min} to {@code max}, both included. A range of one number draws nothing. */
    public record Range(int min, int max) {
        int draw(RandomGenerator random) {
            return min == max ? min : min + random.nextInt(max - min + 1);
        }
    }

    /** A fraction from {@code min} to {@code min + spread}, uniformly. */
    public record Share(double min, double spread) {
        double draw(RandomGenerator random) {
            return min + spread * random.nextDouble();
        }
    }

    /** Whole units from {@code minUnits} to {@code maxUnits}, log-uniformly (every decade as likely), in minor units. */
    public record Amounts(long minUnits, long maxUnits, long minorPerUnit) {
        long draw(RandomGenerator random) {
            double lo = Math.log(minUnits);
            double hi = Math.log(maxUnits);
            return (long) Math.exp(lo + (hi - lo) * random.nextDouble()) * minorPerUnit;
        }
    }

    /**
     * A term: it starts {@code startMonths} after the month its commitment holds from and lasts {@code months} more
     * months, or, for a {@code shortShare} of terms, {@code shortMonths}.
     */
    public record TermShape(Range startMonths, Range months, double shortShare, Range shortMonths) {}

    /**
     * Who deals are with and when they are signed: counterparty k gets weight 1/(k+1)^{@code counterpartySkew} (0: all
     * alike), and with {@code firstDealEach} the first deals go to each counterparty in turn so that none has none.
     * The facts of a deal hold from its signing plus {@code effectiveAfterSigningDays}.
     */
    public record Deals(
            double counterpartySkew,
            boolean firstDealEach,
            LocalDate firstSigning,
            Range signingDays,
            Range effectiveAfterSigningDays,
            double payableShare,
            double usdShare) {}

    /** The commitments a deal records with it. */
    public record Commitments(Range perDeal, TermShape terms, Amounts amounts) {}

    /**
     * A deal's options: none below {@code zeroBelow} (a uniform draw), one below {@code oneBelow}, else two. An
     * {@code exercisedShare} of them are exercised on a day of their window, for an {@code exercised} share of the
     * maximum, into a commitment with {@code exercisedTerms} from the exercise date.
     */
    public record Options(
            double zeroBelow,
            double oneBelow,
            Range exercisableAfterDays,
            Range exercisableForDays,
            Amounts amounts,
            double exercisedShare,
            Share exercised,
            TermShape exercisedTerms) {}

    /**
     * A deal's amendments, each of one of its commitments, effective from the day the commitment holds to
     * {@code untilDaysBeforeTermEnd} before its original term end (a negative number: after it). Deltas are an
     * {@code increase} share of the original amount (at least 100 minor units) for an {@code increaseShare} of them,
     * else a {@code decrease}; a {@code newTermEndShare} sets a term end {@code newTermEndMonths} from the original
     * one, and a {@code termOnlyShare} of those changes only the term. A candidate the rules refuse is drawn again
     * up to {@code attempts} times, then falls back to an increase without a term change, which only its date can
     * still make refused.
     */
    public record Amendments(
            Range perDeal,
            int untilDaysBeforeTermEnd,
            int attempts,
            double increaseShare,
            Share increase,
            Share decrease,
            double newTermEndShare,
            Range newTermEndMonths,
            double termOnlyShare) {}

    /**
     * How the facts of a history are distributed. With {@code anyDay} terms start, end and are extended on any day of
     * their months, else on the first and the last. A {@code terminationShare} of deals terminate one commitment.
     */
    public record Mix(
            boolean anyDay,
            Deals deals,
            Commitments commitments,
            Options options,
            Amendments amendments,
            double terminationShare) {

        /**
         * A ledger of large compute deals, in the proportions docs/benchmarks.md describes: per deal 1 to 5
         * commitments of 1 to 8 years, 0 to 2 options of which half are exercised, 0 to 6 amendments (a quarter of
         * them decreases, a tenth change the term end, backdated ones included) and in 8 % of deals one termination;
         * counterparties Zipf-like in size; amounts from a million to billions.
         */
        public static final Mix LARGE_DEALS = new Mix(
                false,
                new Deals(0.8, false, LocalDate.of(2023, 1, 1), new Range(0, 1_299), new Range(0, 0), 0.6, 0.75),
                new Commitments(
                        new Range(1, 5),
                        new TermShape(new Range(1, 6), new Range(11, 95), 0, new Range(0, 0)),
                        new Amounts(1_000_000L, 5_000_000_000L, 100)),
                new Options(
                        0.35,
                        0.8,
                        new Range(0, 180),
                        new Range(180, 720),
                        new Amounts(500_000L, 3_000_000_000L, 100),
                        0.5,
                        new Share(0.3, 0.7),
                        new TermShape(new Range(1, 1), new Range(11, 83), 0, new Range(0, 0))),
                new Amendments(
                        new Range(0, 6),
                        60,
                        1,
                        0.75,
                        new Share(0.01, 0.19),
                        new Share(0.01, 0.09),
                        0.1,
                        new Range(1, 24),
                        0),
                0.08);

        private static final TermShape ODD_TERMS =
                new TermShape(new Range(-2, 13), new Range(0, 83), 0.5, new Range(0, 3));
        private static final Amounts ODD_AMOUNTS = new Amounts(1, 2_000_000_000_000L, 1);

        /**
         * Histories where the rules are close at hand: amounts from one minor unit up (rounding remainders and shares of
         * 0), half the terms shorter than four months, terms that start before their commitment holds and end on any
         * day, facts effective up to 200 days after their deal's signing, options exercisable before they are granted,
         * every other amendment changing the term end (shorter or longer, half of them only that), deltas from -45 % to
         * +55 %, dates up to a month past the term end (refused, then drawn again), and a termination in half the deals.
         * Every counterparty has a deal, in USD or EUR, payable or receivable.
         */
        public static final Mix EDGE_CASES = new Mix(
                true,
                new Deals(0, true, LocalDate.of(2024, 1, 1), new Range(0, 1_459), new Range(0, 199), 2 / 3.0, 0.5),
                new Commitments(new Range(1, 3), ODD_TERMS, ODD_AMOUNTS),
                new Options(
                        0.35,
                        0.8,
                        new Range(-30, 169),
                        new Range(0, 499),
                        ODD_AMOUNTS,
                        0.5,
                        new Share(0, 1),
                        ODD_TERMS),
                new Amendments(
                        new Range(0, 8),
                        -30,
                        3,
                        0.55,
                        new Share(0, 0.55),
                        new Share(0, 0.45),
                        0.5,
                        new Range(-12, 24),
                        0.5),
                0.5);
    }

    private final Shape shape;
    private final Mix mix;
    private final Rules rules;
    private final RandomGenerator random;
    private final double[] counterpartyWeights;
    private final Deque<Recorded> preamble = new ArrayDeque<>();
    private final List<Deque<Recorded>> openDeals = new ArrayList<>();
    private long planned;
    private int dealsPlanned;

    /** A history that keeps the rules as the testkit's oracle reads them. */
    public RandomLedger(Shape shape, Mix mix, RandomGenerator random) {
        this(shape, mix, Rules.ORACLE, random);
    }

    public RandomLedger(Shape shape, Mix mix, Rules rules, RandomGenerator random) {
        this.shape = shape;
        this.mix = mix;
        this.rules = rules;
        this.random = random;
        this.counterpartyWeights =
                cumulativeWeights(shape.counterparties(), mix.deals().counterpartySkew());
        LocalDate registered = mix.deals().firstSigning();
        for (int c = 0; c < shape.counterparties(); c++) {
            String cp = counterpartyId(shape.prefix(), c);
            preamble.add(new Recorded(
                    new Fact.Counterparty(cp, shape.name() + " counterparty " + c + " (fictional)", registered), 0));
            for (int a = 0; a < shape.agreementsPerCounterparty(); a++) {
                LocalDate signed = registered.minusDays(30L * (a + 1));
                preamble.add(
                        new Recorded(new Fact.Agreement(agreementId(shape.prefix(), c, a), cp, "MSA " + a, signed), 0));
            }
        }
        planned = preamble.size();
    }

    public static String counterpartyId(String prefix, int c) {
        return String.format("%s-cp-%04d", prefix, c);
    }

    /** The id of the {@code n}-th deal planned (from 0), in the order deals are planned. */
    public static String dealId(String prefix, int n) {
        return String.format("%s-of-%07d", prefix, n);
    }

    public static String agreementId(String prefix, int c, int a) {
        return String.format("%s-msa-%04d-%d", prefix, c, a);
    }

    private static double[] cumulativeWeights(int n, double skew) {
        double[] cumulative = new double[n];
        double sum = 0;
        for (int k = 0; k < n; k++) {
            sum += 1 / Math.pow(k + 1, skew);
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

    /** The next fact in recorded order: the preamble, then one of the open deals' next fact, picked at random. */
    @Override
    public Recorded next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        if (!preamble.isEmpty()) {
            return preamble.poll();
        }
        int i = random.nextInt(openDeals.size());
        Deque<Recorded> deal = openDeals.get(i);
        Recorded r = deal.poll();
        if (deal.isEmpty()) {
            openDeals.set(i, openDeals.get(openDeals.size() - 1));
            openDeals.remove(openDeals.size() - 1);
        }
        return r;
    }

    private void topUp() {
        if (!preamble.isEmpty()) {
            return;
        }
        while (openDeals.size() < shape.concurrentDeals() && planned < shape.targetFacts()) {
            Deque<Recorded> deal = planDeal(dealsPlanned++);
            planned += deal.size();
            openDeals.add(deal);
        }
    }

    // ---- one deal ------------------------------------------------------------------------------------------------

    /** A commitment as the deal's plan knows it, to check the next amendment or termination against. */
    private static final class Planned {
        final String id;
        final Terms terms;
        final List<Amendment> amendments = new ArrayList<>();

        Planned(String id, Terms terms) {
            this.id = id;
            this.terms = terms;
        }

        List<Amendment> with(Amendment candidate) {
            List<Amendment> with = new ArrayList<>(amendments);
            with.add(candidate);
            return with;
        }
    }

    /** One deal's facts with consecutive sequence numbers, its record first. */
    private static final class DealStream {
        final Deque<Recorded> facts = new ArrayDeque<>();

        long nextSequence() {
            return facts.size();
        }

        void add(Fact fact) {
            facts.add(new Recorded(fact, facts.size()));
        }
    }

    private Deque<Recorded> planDeal(int n) {
        Deals d = mix.deals();
        String dealId = dealId(shape.prefix(), n);
        int c = d.firstDealEach() && n < shape.counterparties() ? n : pickCounterparty();
        String agreement = agreementId(shape.prefix(), c, random.nextInt(shape.agreementsPerCounterparty()));
        Direction direction = random.nextDouble() < d.payableShare() ? Direction.PAYABLE : Direction.RECEIVABLE;
        String currency = random.nextDouble() < d.usdShare() ? "USD" : "EUR";
        LocalDate signed = d.firstSigning().plusDays(d.signingDays().draw(random));
        DealStream s = new DealStream();
        List<Planned> commitments = new ArrayList<>();
        s.add(new Fact.Deal(
                dealId,
                agreement,
                counterpartyId(shape.prefix(), c),
                direction,
                currency,
                "Order form " + n,
                signed,
                "generated order form " + n));

        int commitmentCount = mix.commitments().perDeal().draw(random);
        for (int i = 0; i < commitmentCount; i++) {
            String id = "c-" + (i + 1);
            LocalDate effective = signed.plusDays(d.effectiveAfterSigningDays().draw(random));
            LocalDate[] term = term(mix.commitments().terms(), effective);
            long amount = mix.commitments().amounts().draw(random);
            commitments.add(new Planned(id, new Terms(amount, term[0], term[1], effective)));
            s.add(new Fact.Commitment(
                    dealId, id, amount, currency, term[0], term[1], "GPU cluster capacity " + i, effective));
        }

        Options o = mix.options();
        double u = random.nextDouble();
        int optionCount = u < o.zeroBelow() ? 0 : u < o.oneBelow() ? 1 : 2;
        List<Fact.Option> options = new ArrayList<>();
        for (int i = 0; i < optionCount; i++) {
            LocalDate effective = signed.plusDays(d.effectiveAfterSigningDays().draw(random));
            LocalDate from = effective.plusDays(o.exercisableAfterDays().draw(random));
            LocalDate expires = from.plusDays(o.exercisableForDays().draw(random));
            long max = o.amounts().draw(random);
            Fact.Option grant = new Fact.Option(dealId, "opt-" + (i + 1), max, currency, from, expires, effective);
            options.add(grant);
            s.add(grant);
        }
        for (Fact.Option option : options) {
            if (random.nextDouble() >= o.exercisedShare()) {
                continue;
            }
            // Only inside the window: from the later of exercisableFrom and the grant, to expiresOn, both included.
            LocalDate first = option.exercisableFrom().isAfter(option.effectiveDate())
                    ? option.exercisableFrom()
                    : option.effectiveDate();
            if (first.isAfter(option.expiresOn())) {
                continue;
            }
            long window = option.expiresOn().toEpochDay() - first.toEpochDay();
            LocalDate on = first.plusDays(random.nextLong(window + 1));
            long amount = Math.max(1, (long) (option.maxMinor() * o.exercised().draw(random)));
            String id = "c-" + (commitments.size() + 1);
            LocalDate[] term = term(o.exercisedTerms(), on);
            commitments.add(new Planned(id, new Terms(amount, term[0], term[1], on)));
            s.add(new Fact.Exercise(
                    dealId,
                    option.optionId(),
                    id,
                    amount,
                    option.maxMinor() - amount,
                    currency,
                    term[0],
                    term[1],
                    "exercised capacity",
                    on));
        }

        int amendmentCount = mix.amendments().perDeal().draw(random);
        for (int i = 0; i < amendmentCount; i++) {
            Planned target = commitments.get(random.nextInt(commitments.size()));
            amend(s, dealId, currency, target, "a-" + (i + 1));
        }

        if (random.nextDouble() < mix.terminationShare()) {
            terminate(s, dealId, commitments.get(random.nextInt(commitments.size())));
        }
        return s.facts;
    }

    /** A term from the month of {@code holdsFrom}; never ending before it starts. */
    private LocalDate[] term(TermShape shape, LocalDate holdsFrom) {
        YearMonth startMonth =
                YearMonth.from(holdsFrom).plusMonths(shape.startMonths().draw(random));
        LocalDate start = mix.anyDay() ? anyDayOf(startMonth) : startMonth.atDay(1);
        Range length = shape.shortShare() > 0 && random.nextDouble() < shape.shortShare()
                ? shape.shortMonths()
                : shape.months();
        YearMonth endMonth = startMonth.plusMonths(length.draw(random));
        LocalDate end = mix.anyDay() ? anyDayOf(endMonth) : endMonth.atEndOfMonth();
        return new LocalDate[] {start, end.isBefore(start) ? start : end};
    }

    private LocalDate anyDayOf(YearMonth month) {
        return month.atDay(1 + random.nextInt(month.lengthOfMonth()));
    }

    private void amend(DealStream s, String dealId, String currency, Planned target, String amendmentId) {
        Amendments m = mix.amendments();
        Terms t = target.terms;
        long span = t.termEnd().toEpochDay()
                - m.untilDaysBeforeTermEnd()
                - t.effectiveDate().toEpochDay();
        if (span <= 0) {
            return;
        }
        long order = s.nextSequence();
        Amendment candidate = null;
        for (int attempt = 0; attempt < m.attempts(); attempt++) {
            LocalDate effective = t.effectiveDate().plusDays(random.nextLong(span));
            boolean increase = random.nextDouble() < m.increaseShare();
            long delta = (long) (Math.max(100, t.amountMinor())
                    * (increase ? m.increase().draw(random) : -m.decrease().draw(random)));
            LocalDate newTermEnd = null;
            if (random.nextDouble() < m.newTermEndShare()) {
                YearMonth month = YearMonth.from(t.termEnd())
                        .plusMonths(m.newTermEndMonths().draw(random));
                newTermEnd = mix.anyDay() ? anyDayOf(month) : month.atEndOfMonth();
                if (m.termOnlyShare() > 0 && random.nextDouble() < m.termOnlyShare()) {
                    delta = 0;
                }
            }
            if (delta == 0 && newTermEnd == null) {
                delta = 100;
            }
            candidate = new Amendment(amendmentId, effective, order, delta, newTermEnd);
            if (rules.keep(t, target.with(candidate))) {
                record(s, dealId, currency, target, candidate);
                return;
            }
        }
        // Fall back to an increase without a term change, which only the dates could still refuse.
        candidate = new Amendment(
                amendmentId, candidate.effectiveDate(), order, Math.abs(candidate.amountDeltaMinor()) + 100, null);
        if (rules.keep(t, target.with(candidate))) {
            record(s, dealId, currency, target, candidate);
        }
    }

    private static void record(DealStream s, String dealId, String currency, Planned target, Amendment a) {
        target.amendments.add(a);
        s.add(new Fact.Amendment(
                dealId,
                target.id,
                a.amendmentId(),
                a.amountDeltaMinor(),
                currency,
                a.newTermEnd(),
                "generated correction",
                a.effectiveDate()));
    }

    /** As the Deal aggregate allows it: not before the commitment, not after its term, voiding no amendment. */
    private void terminate(DealStream s, String dealId, Planned target) {
        LocalDate earliest = target.terms.effectiveDate();
        for (Amendment a : target.amendments) {
            if (!a.effectiveDate().isBefore(earliest)) {
                earliest = a.effectiveDate().plusDays(1);
            }
        }
        LocalDate latest = rules.termEndAsOf(target.terms, target.amendments, earliest);
        long span = latest.toEpochDay() - earliest.toEpochDay();
        if (span < 0) {
            return;
        }
        LocalDate on = earliest.plusDays(random.nextLong(span + 1));
        if (on.isAfter(rules.termEndAsOf(target.terms, target.amendments, on))) {
            return;
        }
        s.add(new Fact.Termination(dealId, target.id, "generated termination", on));
    }
}
