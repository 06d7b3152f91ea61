package dev.dealledger.query.derive;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.CauseKind;
import dev.dealledger.model.figures.Concentration;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

    /** The facts recorded at one position: an exercise is an option row and a commitment row at the same position. */
    public record Step(
            long position,
            Instant recordedAt,
            List<CommitmentFactEntity> commitmentFacts,
            List<OptionFactEntity> optionFacts,
            DealEntity deal) {}

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
    private final Map<String, BigInteger> marketRemaining = new HashMap<>();
    private final Map<String, List<CommitmentFactEntity>> commitmentFacts = new HashMap<>();
    private final Map<String, List<OptionFactEntity>> optionFacts = new HashMap<>();
    private final LedgerFigures marketsBefore;
    private final Map<CounterpartyMarket, Map<String, String>> before;

    /**
     * @param before the totals at (asOf, from), complete
     * @param knownCommitments the facts known at {@code from} of every commitment a step touches, by {@link
     *     #commitmentKey}, effective by asOf
     * @param knownOptions the same for options, by {@link #optionKey}
     */
    public RestatementWalk(
            String counterpartyId,
            LocalDate asOf,
            LedgerFigures before,
            Map<String, List<CommitmentFactEntity>> knownCommitments,
            Map<String, List<OptionFactEntity>> knownOptions) {
        this.counterpartyId = counterpartyId;
        this.asOf = asOf;
        before.totals().forEach((key, totals) -> {
            if (key.counterpartyId().equals(counterpartyId)) {
                rows.put(key, totals.copy());
            }
        });
        knownCommitments.forEach((k, facts) -> commitmentFacts.put(k, new ArrayList<>(facts)));
        knownOptions.forEach((k, facts) -> optionFacts.put(k, new ArrayList<>(facts)));
        this.marketsBefore = before;
        this.before = snapshot();
    }

    public static String commitmentKey(CommitmentFactEntity f) {
        return f.dealId + "\u0000" + f.commitmentId;
    }

    public static String optionKey(OptionFactEntity f) {
        return f.dealId + "\u0000" + f.optionId;
    }

    private static String market(String currency, Direction direction) {
        return currency + "/" + direction;
    }

    /** Applies the steps in ascending position and answers what changed and why. */
    public Outcome walk(List<Step> steps) {
        Map<CounterpartyMarket, Map<String, List<Long>>> causes = new TreeMap<>();
        Map<CounterpartyMarket, Map<String, Map<CauseKind, BigDecimal>>> bridges = new TreeMap<>();
        Map<Long, CauseKind> kinds = new LinkedHashMap<>();
        Map<Long, Map<CounterpartyMarket, Map<String, BigDecimal>>> stepEffects = new HashMap<>();
        Map<CounterpartyMarket, Map<String, String>> previous = snapshot();
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
                for (String field : FIELDS) {
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
            for (String field : FIELDS) {
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
        Map<String, List<CommitmentFactEntity>> byCommitment = new LinkedHashMap<>();
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
            marketRemaining.put(
                    market(any.currency, any.direction),
                    marketRemaining(any.currency, any.direction).add(moved));
            if (any.counterpartyId.equals(counterpartyId)) {
                CounterpartyMarket key = new CounterpartyMarket(any.counterpartyId, any.currency, any.direction);
                FigureTotals t = row(key);
                if (old != null) {
                    t.addCommitment(old.figures(), old.amendments(), -1);
                }
                if (now != null) {
                    t.addCommitment(now.figures(), now.amendments(), 1);
                }
            }
        });
        Map<String, List<OptionFactEntity>> byOption = new LinkedHashMap<>();
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
    private BigInteger marketRemaining(String currency, Direction direction) {
        return marketRemaining.computeIfAbsent(
                market(currency, direction), m -> marketsBefore.remainingOfMarket(currency, direction));
    }

    private static BigInteger remaining(LedgerFigures.CommitmentContribution c) {
        return c == null ? BigInteger.ZERO : BigInteger.valueOf(c.figures().remainingMinor());
    }

    /** This counterparty's rows as the API prints them: the values compared between two steps. */
    private Map<CounterpartyMarket, Map<String, String>> snapshot() {
        Map<CounterpartyMarket, Map<String, String>> out = new TreeMap<>();
        rows.forEach((key, t) -> {
            BigInteger market = marketRemaining(key.currency(), key.direction());
            out.put(key, fields(key.currency(), t, Concentration.share(t.remainingMinor(), market)));
        });
        return out;
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
    private static Map<String, String> zeros(String currency) {
        return fields(currency, new FigureTotals(), BigDecimal.ZERO.setScale(6));
    }

    private static String money(BigInteger minor, String currency) {
        return new BigDecimal(minor, Currencies.minorDigits(Currencies.parse(currency))).toPlainString();
    }

    /** The kind of cause a step is, seen from this counterparty. */
    private CauseKind kindOf(Step step) {
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
