package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.CauseKind;
import dev.dealledger.model.figures.Concentration;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.figures.ReportingFigures;
import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.money.ExchangeRateBook;
import dev.dealledger.model.money.MissingExchangeRateException;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A restatement's changes and their exact causes (docs/domain.md, "Restatement causes"). Starts from the totals known
 * at {@code from} and applies the facts recorded in (from, to] one position at a time, in recorded order, each with its
 * own effect at asOf. A fact is a cause of a total exactly when its own step moved that total; steps that move nothing
 * are no cause. Because the steps run from the totals at {@code from} to the totals at {@code to}, the effects of each
 * total's causes add up to its change, which gives the bridge by kind.
 *
 * <p>Only facts that can move this counterparty's totals take part: its own deals, commitments, amendments,
 * terminations, options and exercises, and any other counterparty's commitment facts in the same currency and
 * direction, which move the market's remaining and so this counterparty's concentration.
 *
 * <p>In a reporting currency ({@link Reporting}) each row also compares its figures converted at the rates in force at
 * asOf ({@link #REPORTING_FIELDS}). Then rate facts are steps too (kind {@code fx-rate}), and so are other
 * counterparties' commitment facts in every currency of the row's direction, since converted concentration spans
 * them. Between the two ends, a currency whose rate is not yet known converts as zero: the rate fact that arrives
 * carries the whole converted amount as its effect, so the bridge still adds up. The reads at both ends have every
 * rate they need; the caller makes sure of that.
 */
public final class RestatementWalk {

    /** The fields of a totals row in API order, each compared between the two sides. */
    public static final List<String> FIELDS = List.of(
            "committed",
            "elapsed",
            "remaining",
            "potential",
            "exposure",
            "concentration",
            "deals",
            "commitments",
            "optionsOpen",
            "optionsExercised",
            "amendments");

    /** The converted fields of a row in a reporting currency, compared like {@link #FIELDS}. */
    public static final List<String> REPORTING_FIELDS = List.of(
            "reporting.committed",
            "reporting.elapsed",
            "reporting.remaining",
            "reporting.potential",
            "reporting.exposure",
            "reporting.concentration");

    /**
     * The facts recorded at one position: an exercise is an option row and a commitment row at the same position; a
     * rate fact stands alone.
     */
    public record Step(
            long position,
            Instant recordedAt,
            List<CommitmentFactEntity> commitmentFacts,
            List<OptionFactEntity> optionFacts,
            DealEntity deal,
            List<ExchangeRateBook.RateFact> rates) {}

    /** A walk that also compares converted figures: the reporting currency and the rate facts known at {@code from}. */
    public record Reporting(Currency currency, List<ExchangeRateBook.RateFact> knownAtFrom) {}

    /** One field of one row that differs, with its causes' positions and its bridge by kind. */
    public record FieldChange(
            CounterpartyMarket key,
            String field,
            String before,
            String after,
            List<Long> causes,
            Map<CauseKind, String> bridge) {}

    /** What one cause's own step did to one changed field: a signed decimal in the field's own form. */
    public record Effect(CounterpartyMarket key, String field, BigDecimal effect) {}

    /**
     * The outcome: every changed field, the kind of each cause by position, and each cause's own effect on every
     * changed field it moved (a period's post-close adjustments list them).
     */
    public record Outcome(
            List<FieldChange> changes,
            Map<Long, CauseKind> causes,
            Map<CounterpartyMarket, Map<String, String>> after,
            Map<Long, List<Effect>> effects) {}

    private final String counterpartyId;
    private final LocalDate asOf;
    private final Map<CounterpartyMarket, FigureTotals> rows = new TreeMap<>();
    private final Map<Market, BigInteger> marketRemaining = new HashMap<>();
    private final Map<CommitmentKey, List<CommitmentFactEntity>> commitmentFacts = new HashMap<>();
    private final Map<OptionKey, List<OptionFactEntity>> optionFacts = new HashMap<>();
    private final LedgerFigures marketsBefore;
    private final Reporting reporting;
    /** With a reporting currency: every row's remaining, of every counterparty, as the steps move it. */
    private final Map<CounterpartyMarket, BigInteger> rowRemaining = new HashMap<>();
    /** With a reporting currency: the rate facts known so far. */
    private final List<ExchangeRateBook.RateFact> rates = new ArrayList<>();

    private ExchangeRateBook rateBook;
    private final Map<CounterpartyMarket, Map<String, String>> before;

    /**
     * @param before the totals at (asOf, from), complete
     * @param knownCommitments the facts known at {@code from} of every commitment a step touches, by {@link
     *     #commitmentKey}, effective by asOf
     * @param knownOptions the same for options, by {@link #optionKey}
     * @param reporting the reporting currency to compare converted figures in, or null for none
     */
    public RestatementWalk(
            String counterpartyId,
            LocalDate asOf,
            LedgerFigures before,
            Map<CommitmentKey, List<CommitmentFactEntity>> knownCommitments,
            Map<OptionKey, List<OptionFactEntity>> knownOptions,
            Reporting reporting) {
        this.counterpartyId = counterpartyId;
        this.asOf = asOf;
        this.reporting = reporting;
        before.totals().forEach((key, totals) -> {
            if (key.counterpartyId().equals(counterpartyId)) {
                rows.put(key, totals.copy());
            }
            if (reporting != null) {
                rowRemaining.put(key, totals.remainingMinor());
            }
        });
        if (reporting != null) {
            rates.addAll(reporting.knownAtFrom());
            rateBook = ExchangeRateBook.of(asOf, rates);
        }
        knownCommitments.forEach((k, facts) -> commitmentFacts.put(k, new ArrayList<>(facts)));
        knownOptions.forEach((k, facts) -> optionFacts.put(k, new ArrayList<>(facts)));
        this.marketsBefore = before;
        this.before = snapshot();
    }

    public static CommitmentKey commitmentKey(CommitmentFactEntity f) {
        return LedgerFigures.commitmentKey(f);
    }

    public static OptionKey optionKey(OptionFactEntity f) {
        return LedgerFigures.optionKey(f);
    }

    /** This counterparty's rows at {@code from}, as the walk starts from them. */
    public Map<CounterpartyMarket, Map<String, String>> before() {
        return before;
    }

    /** Applies the steps in ascending position and answers what changed and why. */
    public Outcome walk(List<Step> steps) {
        Map<CounterpartyMarket, Map<String, List<Long>>> causes = new TreeMap<>();
        Map<CounterpartyMarket, Map<String, Map<CauseKind, BigDecimal>>> bridges = new TreeMap<>();
        Map<Long, CauseKind> kinds = new LinkedHashMap<>();
        Map<Long, Map<CounterpartyMarket, Map<String, BigDecimal>>> stepEffects = new HashMap<>();
        Map<CounterpartyMarket, Map<String, String>> previous = before;
        long lastPosition = Long.MIN_VALUE;
        for (Step step : steps) {
            if (step.position() <= lastPosition) {
                throw new IllegalStateException(
                        "restatement steps out of order: " + step.position() + " after " + lastPosition);
            }
            lastPosition = step.position();
            apply(step);
            Map<CounterpartyMarket, Map<String, String>> now = snapshot();
            CauseKind kind = kindOf(step);
            for (Map.Entry<CounterpartyMarket, Map<String, String>> row : now.entrySet()) {
                CounterpartyMarket key = row.getKey();
                Map<String, String> was = previous.getOrDefault(key, zeros(key.currency()));
                for (String field : row.getValue().keySet()) {
                    String a = row.getValue().get(field);
                    String b = was.get(field);
                    if (!Objects.equals(a, b)) {
                        causes.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .computeIfAbsent(field, f -> new ArrayList<>())
                                .add(step.position());
                        BigDecimal effect = new BigDecimal(a).subtract(new BigDecimal(b));
                        bridges.computeIfAbsent(key, k -> new LinkedHashMap<>())
                                .computeIfAbsent(field, f -> new EnumMap<>(CauseKind.class))
                                .merge(kind, effect, BigDecimal::add);
                        stepEffects
                                .computeIfAbsent(step.position(), p -> new HashMap<>())
                                .computeIfAbsent(key, k -> new HashMap<>())
                                .put(field, effect);
                        kinds.put(step.position(), kind);
                    }
                }
            }
            previous = now;
        }
        List<FieldChange> changes = new ArrayList<>();
        TreeSet<CounterpartyMarket> keys = new TreeSet<>(before.keySet());
        keys.addAll(previous.keySet());
        for (CounterpartyMarket key : keys) {
            Map<String, String> b = before.getOrDefault(key, zeros(key.currency()));
            Map<String, String> a = previous.getOrDefault(key, zeros(key.currency()));
            for (String field : a.keySet()) {
                if (Objects.equals(b.get(field), a.get(field))) {
                    continue;
                }
                List<Long> positions = causes.getOrDefault(key, Map.of()).get(field);
                Map<CauseKind, BigDecimal> bridge =
                        bridges.getOrDefault(key, Map.of()).get(field);
                if (positions == null || bridge == null) {
                    throw new IllegalStateException("restatement of " + key + ": " + field + " moved from "
                            + b.get(field) + " to " + a.get(field) + " but no step moved it");
                }
                Map<CauseKind, String> lines = new EnumMap<>(CauseKind.class);
                bridge.forEach((kind, effect) -> {
                    if (effect.signum() != 0) {
                        lines.put(kind, effect.toPlainString());
                    }
                });
                changes.add(new FieldChange(key, field, b.get(field), a.get(field), positions, lines));
            }
        }
        // A step that moved a total which ended where it started is no cause of any listed change.
        Map<Long, CauseKind> named = new TreeMap<>();
        changes.forEach(c -> c.causes().forEach(p -> named.put(p, kinds.get(p))));
        Map<Long, List<Effect>> effects = new TreeMap<>();
        changes.forEach(c -> c.causes()
                .forEach(p -> effects.computeIfAbsent(p, k -> new ArrayList<>())
                        .add(new Effect(
                                c.key(),
                                c.field(),
                                stepEffects.get(p).get(c.key()).get(c.field())))));
        return new Outcome(changes, named, previous, effects);
    }

    private void apply(Step step) {
        if (!step.rates().isEmpty()) {
            if (reporting == null) {
                throw new IllegalStateException("rate facts at position " + step.position()
                        + " handed to a restatement without a reporting currency");
            }
            rates.addAll(step.rates());
            rateBook = ExchangeRateBook.of(asOf, rates);
        }
        Map<CommitmentKey, List<CommitmentFactEntity>> byCommitment = new LinkedHashMap<>();
        step.commitmentFacts()
                .forEach(f -> byCommitment
                        .computeIfAbsent(commitmentKey(f), k -> new ArrayList<>())
                        .add(f));
        byCommitment.forEach((id, facts) -> {
            List<CommitmentFactEntity> known = commitmentFacts.computeIfAbsent(id, k -> new ArrayList<>());
            LedgerFigures.CommitmentContribution old = LedgerFigures.commitmentContribution(known, asOf);
            known.addAll(facts);
            LedgerFigures.CommitmentContribution now = LedgerFigures.commitmentContribution(known, asOf);
            CommitmentFactEntity any = facts.get(0);
            BigInteger moved = remaining(now).subtract(remaining(old));
            CounterpartyMarket key = new CounterpartyMarket(any.counterpartyId, any.currency, any.direction);
            marketRemaining.put(key.market(), marketRemaining(key.market()).add(moved));
            if (reporting != null) {
                rowRemaining.merge(key, moved, BigInteger::add);
            }
            if (any.counterpartyId.equals(counterpartyId)) {
                FigureTotals t = row(key);
                if (old != null) {
                    t.addCommitment(old.figures(), old.amendments(), -1);
                }
                if (now != null) {
                    t.addCommitment(now.figures(), now.amendments(), 1);
                }
            }
        });
        Map<OptionKey, List<OptionFactEntity>> byOption = new LinkedHashMap<>();
        step.optionFacts()
                .forEach(f -> byOption.computeIfAbsent(optionKey(f), k -> new ArrayList<>())
                        .add(f));
        byOption.forEach((id, facts) -> {
            OptionFactEntity any = facts.get(0);
            if (!any.counterpartyId.equals(counterpartyId)) {
                return; // options move no remaining, so another counterparty's option changes nothing here
            }
            List<OptionFactEntity> known = optionFacts.computeIfAbsent(id, k -> new ArrayList<>());
            LedgerFigures.OptionContribution old = LedgerFigures.optionContribution(known, asOf);
            known.addAll(facts);
            LedgerFigures.OptionContribution now = LedgerFigures.optionContribution(known, asOf);
            FigureTotals t = row(new CounterpartyMarket(any.counterpartyId, any.currency, any.direction));
            if (old != null) {
                t.addOption(old.standing(), -1);
            }
            if (now != null) {
                t.addOption(now.standing(), 1);
            }
        });
        if (step.deal() != null && step.deal().counterpartyId.equals(counterpartyId)) {
            row(new CounterpartyMarket(counterpartyId, step.deal().currency, step.deal().direction))
                    .addDeals(1);
        }
    }

    private FigureTotals row(CounterpartyMarket key) {
        return rows.computeIfAbsent(key, k -> new FigureTotals());
    }

    /** The market's remaining after the steps so far: as known at {@code from} until a step moves it. */
    private BigInteger marketRemaining(Market market) {
        return marketRemaining.computeIfAbsent(market, marketsBefore::remainingOfMarket);
    }

    private static BigInteger remaining(LedgerFigures.CommitmentContribution c) {
        return c == null ? BigInteger.ZERO : BigInteger.valueOf(c.figures().remainingMinor());
    }

    /** This counterparty's rows as the API prints them: the values compared between two steps. */
    private Map<CounterpartyMarket, Map<String, String>> snapshot() {
        Map<CounterpartyMarket, Map<String, String>> out = new TreeMap<>();
        Map<Direction, BigInteger> convertedRemaining = reporting == null ? Map.of() : convertedRemainingByDirection();
        rows.forEach((key, t) -> {
            BigInteger market = marketRemaining(key.market());
            Map<String, String> f = fields(key.currency(), t, Concentration.share(t.remainingMinor(), market));
            if (reporting != null) {
                ReportingFigures converted = conversion(key.currency())
                        .map(rate -> ReportingFigures.convert(t, rate))
                        .orElseGet(this::zeroFigures);
                putReporting(
                        f,
                        converted,
                        Concentration.share(
                                converted.remainingMinor(),
                                convertedRemaining.getOrDefault(key.direction(), BigInteger.ZERO)));
            }
            out.put(key, f);
        });
        return out;
    }

    /** The remaining of every row of the ledger, each converted on its own, summed per direction. */
    private Map<Direction, BigInteger> convertedRemainingByDirection() {
        Map<String, Optional<ConversionRate>> byCurrency = new HashMap<>();
        Map<Direction, BigInteger> sums = new EnumMap<>(Direction.class);
        rowRemaining.forEach((key, remaining) -> sums.merge(
                key.direction(),
                byCurrency
                        .computeIfAbsent(key.currency(), this::conversion)
                        .map(rate -> rate.convertMinor(remaining))
                        .orElse(BigInteger.ZERO),
                BigInteger::add));
        return sums;
    }

    /**
     * The conversion in force after the steps so far. Empty for a currency without a rate yet, which converts as zero
     * between the two ends (the class comment says why).
     */
    private Optional<ConversionRate> conversion(String currency) {
        try {
            return Optional.of(rateBook.conversion(Currencies.parse(currency), reporting.currency()));
        } catch (MissingExchangeRateException e) {
            return Optional.empty();
        }
    }

    private ReportingFigures zeroFigures() {
        return ReportingFigures.convert(new FigureTotals(), ConversionRate.identity(reporting.currency()));
    }

    /** Adds a row's converted figures under {@link #REPORTING_FIELDS}, as the API prints them. */
    public static void putReporting(Map<String, String> fields, ReportingFigures converted, BigDecimal concentration) {
        fields.put("reporting.committed", converted.plain(converted.committedMinor()));
        fields.put("reporting.elapsed", converted.plain(converted.elapsedMinor()));
        fields.put("reporting.remaining", converted.plain(converted.remainingMinor()));
        fields.put("reporting.potential", converted.plain(converted.potentialMinor()));
        fields.put("reporting.exposure", converted.plain(converted.exposureMinor()));
        fields.put("reporting.concentration", concentration.toPlainString());
    }

    /** The comparable fields of a totals row, in API order. */
    public static Map<String, String> fields(String currency, FigureTotals t, BigDecimal concentration) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("committed", money(t.committedMinor(), currency));
        f.put("elapsed", money(t.elapsedMinor(), currency));
        f.put("remaining", money(t.remainingMinor(), currency));
        f.put("potential", money(t.potentialMinor(), currency));
        f.put("exposure", money(t.exposureMinor(), currency));
        f.put("concentration", concentration.toPlainString());
        f.put("deals", Long.toString(t.deals()));
        f.put("commitments", Long.toString(t.commitments()));
        f.put("optionsOpen", Long.toString(t.optionsOpen()));
        f.put("optionsExercised", Long.toString(t.optionsExercised()));
        f.put("amendments", Long.toString(t.amendments()));
        return f;
    }

    /** A row the counterparty did not have on one side reads as zeros there. */
    private Map<String, String> zeros(String currency) {
        Map<String, String> f = fields(currency, new FigureTotals(), BigDecimal.ZERO.setScale(6));
        if (reporting != null) {
            putReporting(f, zeroFigures(), BigDecimal.ZERO.setScale(6));
        }
        return f;
    }

    private static String money(BigInteger minor, String currency) {
        return new BigDecimal(minor, Currencies.minorDigits(Currencies.parse(currency))).toPlainString();
    }

    /** The kind of cause a step is, seen from this counterparty. */
    private CauseKind kindOf(Step step) {
        if (!step.rates().isEmpty()) {
            return CauseKind.FX_RATE;
        }
        String owner = step.deal() != null
                ? step.deal().counterpartyId
                : !step.commitmentFacts().isEmpty()
                        ? step.commitmentFacts().get(0).counterpartyId
                        : step.optionFacts().get(0).counterpartyId;
        if (!owner.equals(counterpartyId)) {
            return CauseKind.MARKET;
        }
        if (step.deal() != null) {
            return CauseKind.DEAL;
        }
        for (CommitmentFactEntity f : step.commitmentFacts()) {
            switch (f.kind) {
                case RECORDED -> {
                    return f.fromOptionId != null ? CauseKind.EXERCISE : CauseKind.COMMITMENT;
                }
                case AMENDED -> {
                    LocalDate recordedOn = LocalDate.ofInstant(step.recordedAt(), ZoneOffset.UTC);
                    return f.effectiveDate.isBefore(recordedOn) ? CauseKind.BACKDATED_AMENDMENT : CauseKind.AMENDMENT;
                }
                case TERMINATED -> {
                    return CauseKind.TERMINATION;
                }
            }
        }
        return step.optionFacts().stream().anyMatch(f -> f.kind == OptionFactEntity.Kind.EXERCISED)
                ? CauseKind.EXERCISE
                : CauseKind.OPTION;
    }
}
