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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A restatement's changes and their exact causes (docs/domain.md, "Restatement causes"). Starts from the totals known
 * at {@code from} and applies the facts recorded in (from, to] one position at a time, in recorded order, each with its
 * own effect at asOf. A fact is a cause of a total exactly when its own step moved that total; steps that move nothing
 * are no cause. Because the steps run from the totals at {@code from} to the totals at {@code to}, the effects of each
 * total's causes add up to its change, which gives the bridge by kind.
 *
 * <p>A fact's own step is what the projection stored as its figure points (docs/adr/0007): what the fact changed given
 * everything recorded before it, per (counterparty, currency, direction). So a step is read, summed at asOf, never
 * derived again, and the walk's cost is that of the points recorded in its window, not of the commitments they touch.
 *
 * <p>Only facts that can move this counterparty's totals take part: its own, and any other counterparty's in the same
 * currency and direction, which move the market's remaining and so this counterparty's concentration. Each step
 * formats only the rows it can have moved: the keys it touched and this counterparty's rows in the markets whose
 * remaining it moved.
 *
 * <p>In a reporting currency ({@link Reporting}) each row also compares its figures converted at the rates in force at
 * asOf ({@link #REPORTING_FIELDS}). Then rate facts are steps too (kind {@code fx-rate}), and so are other
 * counterparties' facts in every currency of the row's direction, since converted concentration spans them. Between
 * the two ends, a currency whose rate is not yet known converts as zero: the rate fact that arrives carries the whole
 * converted amount as its effect, so the bridge still adds up. The reads at both ends have every rate they need; the
 * caller makes sure of that.
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
     * What the facts recorded at one position moved at asOf, per key: their own step, summed from their figure points
     * dated by asOf. An exercise is an option's and a commitment's step at one position, of one key. A rate fact stands
     * alone, with no move.
     */
    public record Step(long position, String counterpartyId, List<Move> moves, List<ExchangeRateBook.RateFact> rates) {}

    /** One key's figures as moved by one position's facts: signed, in minor units. */
    public record Move(CounterpartyMarket key, FigureTotals by) {}

    /**
     * The kind of each of this counterparty's own positions among those asked for. A cause of another counterparty is
     * {@link CauseKind#MARKET} and a rate fact {@link CauseKind#FX_RATE} without asking: only one's own facts tell an
     * amendment from a termination.
     */
    @FunctionalInterface
    public interface OwnKinds {
        Map<Long, CauseKind> of(List<Long> positions);
    }

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
     * The outcome: every changed field (in key and field order), the kind of each cause by position, and each cause's
     * own effect on every changed field it moved (a period's post-close adjustments list them); the two maps by
     * position are in no order.
     */
    public record Outcome(
            List<FieldChange> changes,
            Map<Long, CauseKind> causes,
            Map<CounterpartyMarket, Map<String, String>> after,
            Map<Long, List<Effect>> effects) {}

    private final String counterpartyId;
    private final LocalDate asOf;
    private final Reporting reporting;
    private final LedgerFigures marketsBefore;
    // The walk looks keys up once or more per step, tens of thousands of steps a window: hash maps here, sorted only
    // where an answer is printed.
    /** This counterparty's rows as the steps move them. */
    private final Map<CounterpartyMarket, FigureTotals> rows = new HashMap<>();
    /** Each market's remaining: as known at {@code from} until a step moves it. */
    private final Map<Market, BigInteger> marketRemaining = new HashMap<>();
    /** With a reporting currency: every row's remaining, of every counterparty, as the steps move it. */
    private final Map<CounterpartyMarket, BigInteger> rowRemaining = new HashMap<>();
    /** With a reporting currency: the sum per direction of every row's remaining, each converted on its own. */
    private Map<Direction, BigInteger> convertedRemaining = new EnumMap<>(Direction.class);
    /** With a reporting currency: the rate facts known so far. */
    private final List<ExchangeRateBook.RateFact> rates = new ArrayList<>();

    private ExchangeRateBook rateBook;
    /** The minor digits of each row's currency, and of the reporting currency (-1 without one). */
    private final Map<String, Integer> digits = new HashMap<>();

    private final int reportingDigits;
    /** This counterparty's rows at {@code from}, field by field ({@link #read}). */
    private final Map<CounterpartyMarket, Object[]> before = new HashMap<>();
    /** This counterparty's rows after the steps so far, field by field. */
    private final Map<CounterpartyMarket, Object[]> now = new HashMap<>();
    /** Per row and field (by index), each position whose own step moved it and by how much, in ascending position. */
    private final Map<CounterpartyMarket, Map<Integer, List<Moved>>> moversOf = new HashMap<>();
    /** The kind of every position that is not this counterparty's own: market or rate. */
    private final Map<Long, CauseKind> otherKinds = new HashMap<>();

    private long lastPosition = Long.MIN_VALUE;

    /** One position's own effect on one field, as a signed decimal in the field's own form. */
    private record Moved(long position, BigDecimal effect) {}

    /**
     * @param before the totals at (asOf, from), complete
     * @param reporting the reporting currency to compare converted figures in, or null for none
     */
    public RestatementWalk(String counterpartyId, LocalDate asOf, LedgerFigures before, Reporting reporting) {
        this.counterpartyId = counterpartyId;
        this.asOf = asOf;
        this.reporting = reporting;
        this.marketsBefore = before;
        this.reportingDigits = reporting == null ? -1 : Currencies.minorDigits(reporting.currency());
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
            convertedRemaining = convertedRemainingByDirection();
        }
        rows.keySet().forEach(key -> now.put(key, read(key)));
        this.before.putAll(now);
    }

    /** This counterparty's rows at {@code from}, as the walk starts from them and as the API prints them. */
    public Map<CounterpartyMarket, Map<String, String>> before() {
        return printed(before);
    }

    /** Applies one position's step; steps come in ascending position. */
    public void apply(Step step) {
        if (step.position() <= lastPosition) {
            throw new IllegalStateException(
                    "restatement steps out of order: " + step.position() + " after " + lastPosition);
        }
        lastPosition = step.position();
        // Rows whose own figures may have moved, read again in full; and rows of which only the shares may have moved,
        // because a market's remaining did: most steps are another counterparty's and touch only those.
        Set<CounterpartyMarket> touched = new HashSet<>(4);
        Set<CounterpartyMarket> shares = new HashSet<>(4);
        if (!step.rates().isEmpty()) {
            if (reporting == null) {
                throw new IllegalStateException("rate facts at position " + step.position()
                        + " handed to a restatement without a reporting currency");
            }
            rates.addAll(step.rates());
            rateBook = ExchangeRateBook.of(asOf, rates);
            convertedRemaining = convertedRemainingByDirection();
            touched.addAll(rows.keySet());
        }
        for (Move move : step.moves()) {
            CounterpartyMarket key = move.key();
            BigInteger moved = move.by().remainingMinor();
            if (key.counterpartyId().equals(counterpartyId)) {
                rows.computeIfAbsent(key, k -> new FigureTotals()).add(move.by());
                touched.add(key);
            }
            if (moved.signum() == 0) {
                continue;
            }
            marketRemaining.put(key.market(), marketRemaining(key.market()).add(moved));
            if (reporting != null) {
                BigInteger was = rowRemaining.getOrDefault(key, BigInteger.ZERO);
                BigInteger sum = was.add(moved);
                rowRemaining.put(key, sum);
                convertedRemaining.merge(
                        key.direction(),
                        converted(key.currency(), sum).subtract(converted(key.currency(), was)),
                        BigInteger::add);
            }
            // Concentration divides by the market's remaining, or, converted, by the remaining of every currency of
            // the direction: a row of this counterparty there may read differently now.
            for (CounterpartyMarket row : rows.keySet()) {
                if (row.direction() == key.direction()
                        && (reporting != null || row.currency().equals(key.currency()))) {
                    shares.add(row);
                }
            }
        }
        CauseKind kind = !step.rates().isEmpty()
                ? CauseKind.FX_RATE
                : step.counterpartyId().equals(counterpartyId) ? null : CauseKind.MARKET;
        for (CounterpartyMarket key : touched) {
            record(step.position(), kind, key, read(key));
        }
        for (CounterpartyMarket key : shares) {
            if (!touched.contains(key)) {
                record(step.position(), kind, key, reshared(key));
            }
        }
    }

    /** Notes each field of {@code key} that {@code reading} moves, as the step at {@code position}'s effect. */
    private void record(long position, CauseKind kind, CounterpartyMarket key, Object[] reading) {
        Object[] was = now.getOrDefault(key, zeros());
        for (int field = 0; field < reading.length; field++) {
            if (reading[field].equals(was[field])) {
                continue;
            }
            moversOf.computeIfAbsent(key, k -> new HashMap<>())
                    .computeIfAbsent(field, f -> new ArrayList<>())
                    .add(new Moved(position, difference(key, field, reading[field], was[field])));
            if (kind != null) {
                otherKinds.put(position, kind);
            }
        }
        now.put(key, reading);
    }

    /**
     * A row whose own figures and conversion are as the last reading left them, while a market's remaining moved: that
     * reading with its shares computed again, the same values {@link #read} would give.
     */
    private Object[] reshared(CounterpartyMarket key) {
        // Every row has a reading: from the start, or from the step that first moved it, which read it in full.
        Object[] v = now.get(key).clone();
        v[5] = Concentration.share((BigInteger) v[2], marketRemaining(key.market()));
        if (reporting != null) {
            v[16] = Concentration.share(
                    (BigInteger) v[13], convertedRemaining.getOrDefault(key.direction(), BigInteger.ZERO));
        }
        return v;
    }

    /**
     * What changed between the two ends and why: every field that differs, the kind of each of its causes (this
     * counterparty's own from {@code ownKinds}), and each cause's own effects.
     */
    public Outcome outcome(OwnKinds ownKinds) {
        record Changed(CounterpartyMarket key, int field, Object before, Object after, List<Moved> movers) {}
        List<Changed> changed = new ArrayList<>();
        TreeSet<CounterpartyMarket> keys = new TreeSet<>(before.keySet());
        keys.addAll(now.keySet());
        for (CounterpartyMarket key : keys) {
            Object[] b = before.getOrDefault(key, zeros());
            Object[] a = now.getOrDefault(key, zeros());
            for (int field = 0; field < a.length; field++) {
                if (a[field].equals(b[field])) {
                    continue;
                }
                List<Moved> movers = moversOf.getOrDefault(key, Map.of()).get(field);
                if (movers == null) {
                    throw new IllegalStateException("restatement of " + key + ": " + name(field) + " moved from "
                            + b[field] + " to " + a[field] + " but no step moved it");
                }
                changed.add(new Changed(key, field, b[field], a[field], movers));
            }
        }
        // A step that moved a total which ended where it started is no cause of any listed change.
        Set<Long> named = new HashSet<>();
        changed.forEach(c -> c.movers().forEach(m -> named.add(m.position())));
        List<Long> own =
                named.stream().filter(p -> !otherKinds.containsKey(p)).sorted().toList();
        Map<Long, CauseKind> kinds = new HashMap<>();
        if (!own.isEmpty()) {
            Map<Long, CauseKind> resolved = ownKinds.of(own);
            for (long p : own) {
                kinds.put(
                        p,
                        Objects.requireNonNull(
                                resolved.get(p),
                                () -> "no fact of " + counterpartyId + " at " + p
                                        + ", a position whose figure points moved its totals"));
            }
        }
        named.forEach(p -> kinds.putIfAbsent(p, otherKinds.get(p)));
        List<FieldChange> changes = new ArrayList<>();
        Map<Long, List<Effect>> effects = new HashMap<>();
        for (Changed c : changed) {
            String field = name(c.field());
            Map<CauseKind, BigDecimal> bridge = new EnumMap<>(CauseKind.class);
            List<Long> causes = new ArrayList<>(c.movers().size());
            for (Moved m : c.movers()) {
                causes.add(m.position());
                bridge.merge(kinds.get(m.position()), m.effect(), BigDecimal::add);
                effects.computeIfAbsent(m.position(), k -> new ArrayList<>())
                        .add(new Effect(c.key(), field, m.effect()));
            }
            Map<CauseKind, String> lines = new EnumMap<>(CauseKind.class);
            bridge.forEach((kind, effect) -> {
                if (effect.signum() != 0) {
                    lines.put(kind, effect.toPlainString());
                }
            });
            changes.add(new FieldChange(
                    c.key(),
                    field,
                    print(c.key(), c.field(), c.before()),
                    print(c.key(), c.field(), c.after()),
                    causes,
                    lines));
        }
        return new Outcome(changes, kinds, printed(now), effects);
    }

    /**
     * The kind of cause of one of this counterparty's own positions, from the event recorded there: an amendment is
     * backdated when it takes effect before the day it was recorded.
     */
    public static CauseKind ownKind(String eventType, LocalDate effectiveDate, Instant recordedAt) {
        return switch (eventType) {
            case "DealRecordedEvent" -> CauseKind.DEAL;
            case "CommitmentRecordedEvent" -> CauseKind.COMMITMENT;
            case "CommitmentAmendedEvent" ->
                effectiveDate.isBefore(LocalDate.ofInstant(recordedAt, ZoneOffset.UTC))
                        ? CauseKind.BACKDATED_AMENDMENT
                        : CauseKind.AMENDMENT;
            case "CommitmentTerminatedEvent" -> CauseKind.TERMINATION;
            case "OptionGrantedEvent" -> CauseKind.OPTION;
            case "OptionExercisedEvent" -> CauseKind.EXERCISE;
            default ->
                throw new IllegalStateException(
                        "a " + eventType + " moved a total, but no kind of restatement cause names it");
        };
    }

    /** The market's remaining after the steps so far: as known at {@code from} until a step moves it. */
    private BigInteger marketRemaining(Market market) {
        return marketRemaining.computeIfAbsent(market, marketsBefore::remainingOfMarket);
    }

    /**
     * One of this counterparty's rows after the steps so far, field by field in the order of {@link #FIELDS} and then
     * {@link #REPORTING_FIELDS}: money in minor units, concentration as its 6-place share, counts. Compared as numbers,
     * printed only where they differ.
     */
    private Object[] read(CounterpartyMarket key) {
        FigureTotals t = rows.get(key);
        Object[] v = new Object[width()];
        v[0] = t.committedMinor();
        v[1] = t.elapsedMinor();
        v[2] = t.remainingMinor();
        v[3] = t.potentialMinor();
        v[4] = t.exposureMinor();
        v[5] = Concentration.share(t.remainingMinor(), marketRemaining(key.market()));
        v[6] = t.deals();
        v[7] = t.commitments();
        v[8] = t.optionsOpen();
        v[9] = t.optionsExercised();
        v[10] = t.amendments();
        if (reporting != null) {
            ReportingFigures converted = conversion(key.currency())
                    .map(rate -> ReportingFigures.convert(t, rate))
                    .orElseGet(this::zeroFigures);
            v[11] = converted.committedMinor();
            v[12] = converted.elapsedMinor();
            v[13] = converted.remainingMinor();
            v[14] = converted.potentialMinor();
            v[15] = converted.exposureMinor();
            v[16] = Concentration.share(
                    converted.remainingMinor(), convertedRemaining.getOrDefault(key.direction(), BigInteger.ZERO));
        }
        return v;
    }

    private int width() {
        return FIELDS.size() + (reporting == null ? 0 : REPORTING_FIELDS.size());
    }

    /** A row the counterparty did not have on one side reads as zeros there. */
    private Object[] zeros() {
        Object[] v = new Object[width()];
        for (int field = 0; field < v.length; field++) {
            v[field] = isCount(field) ? (Object) 0L : isShare(field) ? BigDecimal.ZERO.setScale(6) : BigInteger.ZERO;
        }
        return v;
    }

    private static String name(int field) {
        return field < FIELDS.size() ? FIELDS.get(field) : REPORTING_FIELDS.get(field - FIELDS.size());
    }

    private static boolean isCount(int field) {
        return field >= 6 && field <= 10;
    }

    private static boolean isShare(int field) {
        return field == 5 || field == 16;
    }

    /** The digits a money field is printed with: its row's currency's, or the reporting currency's. */
    private int digitsOf(CounterpartyMarket key, int field) {
        return field > 10
                ? reportingDigits
                : digits.computeIfAbsent(key.currency(), c -> Currencies.minorDigits(Currencies.parse(c)));
    }

    /** {@code after - before} of one field, as a signed decimal in the field's printed form. */
    private BigDecimal difference(CounterpartyMarket key, int field, Object after, Object before) {
        if (isCount(field)) {
            return BigDecimal.valueOf((Long) after - (Long) before);
        }
        if (isShare(field)) {
            return ((BigDecimal) after).subtract((BigDecimal) before);
        }
        return new BigDecimal(((BigInteger) after).subtract((BigInteger) before), digitsOf(key, field));
    }

    /** One field as the API prints it. */
    private String print(CounterpartyMarket key, int field, Object value) {
        if (isCount(field)) {
            return Long.toString((Long) value);
        }
        if (isShare(field)) {
            return ((BigDecimal) value).toPlainString();
        }
        return new BigDecimal((BigInteger) value, digitsOf(key, field)).toPlainString();
    }

    private Map<CounterpartyMarket, Map<String, String>> printed(Map<CounterpartyMarket, Object[]> readings) {
        Map<CounterpartyMarket, Map<String, String>> out = new TreeMap<>();
        readings.forEach((key, v) -> {
            Map<String, String> f = new LinkedHashMap<>();
            for (int field = 0; field < v.length; field++) {
                f.put(name(field), print(key, field, v[field]));
            }
            out.put(key, f);
        });
        return out;
    }

    /** A remaining converted at the rates in force after the steps so far; zero without a rate yet. */
    private BigInteger converted(String currency, BigInteger remaining) {
        return conversion(currency).map(rate -> rate.convertMinor(remaining)).orElse(BigInteger.ZERO);
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
        int digits = Currencies.minorDigits(Currencies.parse(currency));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("committed", money(t.committedMinor(), digits));
        f.put("elapsed", money(t.elapsedMinor(), digits));
        f.put("remaining", money(t.remainingMinor(), digits));
        f.put("potential", money(t.potentialMinor(), digits));
        f.put("exposure", money(t.exposureMinor(), digits));
        f.put("concentration", concentration.toPlainString());
        f.put("deals", Long.toString(t.deals()));
        f.put("commitments", Long.toString(t.commitments()));
        f.put("optionsOpen", Long.toString(t.optionsOpen()));
        f.put("optionsExercised", Long.toString(t.optionsExercised()));
        f.put("amendments", Long.toString(t.amendments()));
        return f;
    }

    private static String money(BigInteger minor, int digits) {
        return new BigDecimal(minor, digits).toPlainString();
    }
}
