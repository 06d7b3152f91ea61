package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import dev.dealledger.model.figures.Concentration;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.figures.OptionStanding;
import dev.dealledger.model.schedule.AmendmentFact;
import dev.dealledger.model.schedule.CommitmentTerms;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.query.readmodel.CommitmentFact;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Derives every number of docs/domain.md from the facts visible at one (asOf, knownAt). The caller has already selected
 * the rows with {@code effectiveDate <= asOf and recordedAt <= knownAt}; the per-commitment arithmetic is
 * {@link CommitmentTimeline}'s, shared with the write side.
 *
 * <p>Two ways in: {@link #derive} keeps every commitment's and option's figures (one deal's view); and {@link #summed}
 * takes totals already summed from the facts' own steps (the ledger-wide figures, docs/adr/0007). Concentration is
 * formed here for both. What remains by year and by disclosure bucket is {@link RemainingObligations}, folded from a
 * stream of facts with one commitment's held at a time.
 */
public final class LedgerFigures {

    private final LocalDate asOf;
    private final Map<CounterpartyMarket, FigureTotals> totals = new TreeMap<>();
    private final Map<CommitmentKey, CommitmentFigures> commitments = new LinkedHashMap<>();
    private final Map<OptionKey, OptionFigures> options = new LinkedHashMap<>();
    private volatile Map<Market, BigInteger> remainingPerMarket;

    private final boolean keepDetails;

    private LedgerFigures(LocalDate asOf, boolean keepDetails) {
        this.asOf = asOf;
        this.keepDetails = keepDetails;
    }

    /** The numbers of one commitment at asOf. */
    public record CommitmentFigures(
            CommitmentFactEntity recorded,
            CommitmentTimeline timeline,
            CommitmentTimeline.Figures figures,
            LocalDate termEnd,
            long amendments) {}

    /** The state of one option at asOf. */
    public record OptionFigures(OptionFactEntity granted, OptionFactEntity exercise, long potentialMinor) {
        public boolean expired(LocalDate asOf) {
            return exercise == null && granted.expiresOn.isBefore(asOf);
        }
    }

    public static LedgerFigures derive(
            LocalDate asOf,
            List<DealEntity> deals,
            List<CommitmentFactEntity> commitmentFacts,
            List<OptionFactEntity> optionFacts) {
        LedgerFigures figures = new LedgerFigures(asOf, true);
        for (DealEntity deal : deals) {
            figures.totals(deal.counterpartyId, deal.currency, deal.direction).addDeals(1);
        }
        figures.addCommitments(commitmentFacts);
        figures.addOptions(optionFacts);
        return figures;
    }

    /** The figures of every key summed already (from figure points, docs/adr/0007), without remaining by year. */
    public static LedgerFigures summed(LocalDate asOf, Map<CounterpartyMarket, FigureTotals> totals) {
        LedgerFigures figures = new LedgerFigures(asOf, false);
        figures.totals.putAll(totals);
        return figures;
    }

    /**
     * Hands each visible commitment's market and timeline to {@code sink}, from facts arriving in (deal, commitment,
     * position) order, one commitment's facts held at a time; for reads that need a commitment's schedule rather than its
     * totals ({@link RemainingObligations}).
     */
    public static void forEachTimeline(
            Stream<? extends CommitmentFact> factsByCommitment,
            BiConsumer<CounterpartyMarket, CommitmentTimeline> sink) {
        consecutiveGroups(factsByCommitment, LedgerFigures::commitmentKey, group -> {
            CommitmentFact recorded = recording(group);
            if (recorded == null) {
                throw withoutRecording(group);
            }
            sink.accept(
                    new CounterpartyMarket(recorded.counterpartyId(), recorded.currency(), recorded.direction()),
                    timelineOf(group));
        });
    }

    /** Hands each run of consecutive elements with the same key to {@code sink}, one run at a time. */
    private static <T, K> void consecutiveGroups(Stream<T> elements, Function<T, K> key, Consumer<List<T>> sink) {
        List<T> group = new ArrayList<>();
        K current = null;
        for (Iterator<T> it = elements.iterator(); it.hasNext(); ) {
            T element = it.next();
            K k = key.apply(element);
            if (!group.isEmpty() && !k.equals(current)) {
                sink.accept(group);
                group.clear();
            }
            current = k;
            group.add(element);
        }
        if (!group.isEmpty()) {
            sink.accept(group);
        }
    }

    private FigureTotals totals(String counterpartyId, String currency, Direction direction) {
        return totals.computeIfAbsent(
                new CounterpartyMarket(counterpartyId, currency, direction), k -> new FigureTotals());
    }

    private void addCommitments(List<CommitmentFactEntity> facts) {
        Map<CommitmentKey, List<CommitmentFactEntity>> byCommitment = new LinkedHashMap<>();
        for (CommitmentFactEntity f : facts) {
            byCommitment
                    .computeIfAbsent(commitmentKey(f), k -> new ArrayList<>())
                    .add(f);
        }
        byCommitment.values().forEach(this::addCommitment);
    }

    private void addCommitment(List<CommitmentFactEntity> group) {
        CommitmentContribution c = commitmentContribution(group, asOf);
        if (c == null) {
            throw withoutRecording(group);
        }
        if (keepDetails) {
            commitments.put(
                    commitmentKey(c.recorded()),
                    new CommitmentFigures(
                            c.recorded(),
                            c.timeline(),
                            c.figures(),
                            c.timeline().termEndAsOf(asOf),
                            c.amendments()));
        }
        totals.computeIfAbsent(c.key(), k -> new FigureTotals()).addCommitment(c.figures(), c.amendments(), 1);
    }

    /**
     * Every later fact of a commitment is effective and recorded no earlier than the commitment itself, so a visible
     * group always holds its recording; one without it means the read model is inconsistent.
     */
    private static IllegalStateException withoutRecording(List<? extends CommitmentFact> group) {
        return new IllegalStateException("facts of commitment " + commitmentKey(group.get(0))
                + " are visible without the commitment's own recording: " + group.size() + " facts");
    }

    /** What one commitment adds to its key's totals at one asOf. */
    record CommitmentContribution(
            CounterpartyMarket key,
            CommitmentFactEntity recorded,
            CommitmentTimeline timeline,
            CommitmentTimeline.Figures figures,
            long amendments) {}

    /**
     * The contribution of one commitment from its facts visible at (asOf, some knownAt); null when its recording is not
     * among them (then nothing of it is visible: every later fact of a commitment is effective and recorded after it).
     */
    static CommitmentContribution commitmentContribution(List<CommitmentFactEntity> group, LocalDate asOf) {
        CommitmentFactEntity recorded = recording(group);
        if (recorded == null) {
            return null;
        }
        CommitmentTimeline timeline = timelineOf(group);
        return new CommitmentContribution(
                new CounterpartyMarket(recorded.counterpartyId, recorded.currency, recorded.direction),
                recorded,
                timeline,
                timeline.figuresAsOf(asOf),
                timeline.amendmentsEffectiveBy(asOf));
    }

    private static <F extends CommitmentFact> F recording(List<F> group) {
        for (F f : group) {
            if (f.kind() == CommitmentFactEntity.Kind.RECORDED) {
                return f;
            }
        }
        return null;
    }

    /**
     * The timeline of one commitment from some of its facts, in position order; null when its recording is not among
     * them. The one way the reads and the projection's figure points (docs/adr/0007) turn rows into the model.
     */
    public static CommitmentTimeline timelineOf(List<? extends CommitmentFact> group) {
        CommitmentFact recorded = null;
        List<AmendmentFact> amendments = new ArrayList<>();
        LocalDate terminatedOn = null;
        for (CommitmentFact f : group) {
            switch (f.kind()) {
                case RECORDED -> recorded = f;
                case AMENDED ->
                    amendments.add(new AmendmentFact(
                            f.amendmentId(), f.effectiveDate(), f.position(), f.amountMinor(), f.termEnd()));
                case TERMINATED -> terminatedOn = f.effectiveDate();
            }
        }
        if (recorded == null) {
            return null;
        }
        return CommitmentTimeline.of(
                new CommitmentTerms(
                        recorded.amountMinor(), recorded.termStart(), recorded.termEnd(), recorded.effectiveDate()),
                amendments,
                terminatedOn);
    }

    /** What one option adds to its key's totals at one asOf. */
    record OptionContribution(
            CounterpartyMarket key, OptionFactEntity granted, OptionFactEntity exercise, OptionStanding standing) {}

    /** The contribution of one option from its facts visible at (asOf, some knownAt); null without its grant. */
    static OptionContribution optionContribution(List<OptionFactEntity> group, LocalDate asOf) {
        OptionFactEntity granted = null;
        OptionFactEntity exercise = null;
        for (OptionFactEntity f : group) {
            if (f.kind == OptionFactEntity.Kind.GRANTED) {
                granted = f;
            } else {
                exercise = f;
            }
        }
        if (granted == null) {
            return null;
        }
        return new OptionContribution(
                new CounterpartyMarket(granted.counterpartyId, granted.currency, granted.direction),
                granted,
                exercise,
                OptionStanding.asOf(granted.amountMinor, granted.expiresOn, exercise != null, asOf));
    }

    private void addOptions(List<OptionFactEntity> facts) {
        Map<OptionKey, List<OptionFactEntity>> byOption = new LinkedHashMap<>();
        for (OptionFactEntity f : facts) {
            byOption.computeIfAbsent(optionKey(f), k -> new ArrayList<>()).add(f);
        }
        byOption.values().forEach(this::addOption);
    }

    public static CommitmentKey commitmentKey(CommitmentFact f) {
        return new CommitmentKey(f.dealId(), f.commitmentId());
    }

    public static OptionKey optionKey(OptionFactEntity f) {
        return new OptionKey(f.dealId, f.optionId);
    }

    /** One option's facts: its grant and, if any, its exercise. */
    private void addOption(List<OptionFactEntity> group) {
        OptionContribution o = optionContribution(group, asOf);
        if (o == null) {
            return;
        }
        if (keepDetails) {
            options.put(
                    optionKey(o.granted()),
                    new OptionFigures(o.granted(), o.exercise(), o.standing().potentialMinor()));
        }
        totals.computeIfAbsent(o.key(), k -> new FigureTotals()).addOption(o.standing(), 1);
    }

    public Map<CounterpartyMarket, FigureTotals> totals() {
        return totals;
    }

    public Map<CommitmentKey, CommitmentFigures> commitments() {
        return commitments;
    }

    public Map<OptionKey, OptionFigures> options() {
        return options;
    }

    /**
     * Ends the folding: derives the per-market sums that {@link #concentration} divides by. After this the figures
     * are only read, so one instance can answer several reads at once ({@link FiguresCache}).
     */
    public LedgerFigures complete() {
        if (remainingPerMarket == null) {
            Map<Market, BigInteger> markets = new HashMap<>();
            totals.forEach((k, t) -> markets.merge(k.market(), t.remainingMinor(), BigInteger::add));
            remainingPerMarket = markets;
        }
        return this;
    }

    /** The remaining of every counterparty in one currency and direction. */
    public BigInteger remainingOfMarket(Market market) {
        return complete().remainingPerMarket.getOrDefault(market, BigInteger.ZERO);
    }

    /**
     * This key's remaining as a share of the remaining of every counterparty in the same currency and direction,
     * rounded half-even to 6 places; 0 when nothing remains in that currency and direction.
     */
    public BigDecimal concentration(CounterpartyMarket key) {
        BigInteger all = remainingOfMarket(key.market());
        FigureTotals mine = totals.get(key);
        return Concentration.share(mine == null ? BigInteger.ZERO : mine.remainingMinor(), all);
    }
}
