package dev.dealledger.testkit.oracle;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An independent, deliberately naive model of docs/domain.md's "How the numbers are derived" for a whole ledger, for
 * expected values in tests. It recomputes everything from the facts visible at one (asOf, knownAt): each commitment by
 * the brute-force {@link ReferenceTimeline} (the same oracle ledger-model's own tests check the schedule against),
 * then the sums, shares and conversions here. It shares no code with the service (not even {@code CommitmentTimeline}),
 * so a test comparing the two compares two derivations of the same rules.
 */
public final class LedgerModel {

    /** A counterparty as registered. */
    public record Counterparty(String counterpartyId, String legalName, Instant recordedAt) {}

    /** A deal (order form); effective from its signing date. */
    public record Deal(
            String dealId,
            String counterpartyId,
            Direction direction,
            String currency,
            LocalDate effectiveDate,
            Instant recordedAt) {}

    /** A commitment, recorded directly or by exercising {@code fromOptionId}. */
    public record Commitment(
            String dealId,
            String commitmentId,
            long amountMinor,
            LocalDate termStart,
            LocalDate termEnd,
            LocalDate effectiveDate,
            Instant recordedAt,
            String fromOptionId) {}

    /** An amendment; {@code recordedOrder} is the order in which the ledger recorded it. */
    public record Amendment(
            String dealId,
            String commitmentId,
            String amendmentId,
            long deltaMinor,
            LocalDate newTermEnd,
            LocalDate effectiveDate,
            Instant recordedAt,
            long recordedOrder) {}

    /** A termination. */
    public record Termination(String dealId, String commitmentId, LocalDate effectiveDate, Instant recordedAt) {}

    /** An option grant. */
    public record Option(
            String dealId,
            String optionId,
            long maxMinor,
            LocalDate exercisableFrom,
            LocalDate expiresOn,
            LocalDate effectiveDate,
            Instant recordedAt) {}

    /** An option exercise. */
    public record Exercise(String dealId, String optionId, LocalDate effectiveDate, Instant recordedAt) {}

    /** The derived state of one commitment at one (asOf, knownAt), in minor units. */
    public record CommitmentState(
            Commitment commitment,
            long committedMinor,
            long elapsedMinor,
            long remainingMinor,
            Map<Integer, Long> remainingByYear,
            LocalDate termEnd,
            long amendments,
            LocalDate terminatedOn) {}

    /** An exchange rate fact: 1 {@code base} = {@code rate} {@code quote} from {@code rateDate}. */
    public record FxRate(String base, String quote, LocalDate rateDate, BigDecimal rate, Instant recordedAt) {}

    /** Totals are kept per counterparty, currency and direction. */
    public record RowKey(String counterpartyId, String currency, Direction direction) {
        Market market() {
            return new Market(currency, direction);
        }
    }

    /** A market: one currency in one direction, across counterparties (concentration's denominator). */
    record Market(String currency, Direction direction) {}

    private static final Comparator<RowKey> KEY_ORDER = Comparator.comparing(RowKey::counterpartyId)
            .thenComparing(RowKey::currency)
            .thenComparing(RowKey::direction);

    private final List<Counterparty> counterparties = new ArrayList<>();
    private final List<Deal> deals = new ArrayList<>();
    private final List<Commitment> commitments = new ArrayList<>();
    private final List<Amendment> amendments = new ArrayList<>();
    private final List<Termination> terminations = new ArrayList<>();
    private final List<Option> options = new ArrayList<>();
    private final List<Exercise> exercises = new ArrayList<>();
    private long recordedOrder;

    private final List<FxRate> fxRates = new ArrayList<>();

    public void add(FxRate r) {
        fxRates.add(r);
    }

    /**
     * Remaining of every key in {@code reporting} at (asOf, knownAt), the naive way: the latest-dated rate on or
     * before asOf recorded by knownAt (the later recorded for one date), the pair as asked first, else its inverse;
     * multiplied or divided exactly, rounded half-even once. Empty for a key whose currency has no rate.
     */
    public Map<RowKey, Optional<String>> reportingRemaining(String reporting, LocalDate asOf, Instant knownAt) {
        Map<RowKey, Optional<String>> converted = new LinkedHashMap<>();
        int digits = minorDigits(reporting);
        sums(asOf, knownAt).forEach((k, s) -> {
            BigDecimal amount = BigDecimal.valueOf(s.remaining, minorDigits(k.currency()));
            if (k.currency().equals(reporting)) {
                converted.put(k, Optional.of(amount.setScale(digits).toPlainString()));
                return;
            }
            Optional<FxRate> direct = rateInForce(k.currency(), reporting, asOf, knownAt);
            Optional<FxRate> inverse = rateInForce(reporting, k.currency(), asOf, knownAt);
            Optional<String> value = direct.map(r -> amount.multiply(r.rate())
                            .setScale(digits, RoundingMode.HALF_EVEN)
                            .toPlainString())
                    .or(() -> inverse.map(r -> amount.divide(r.rate(), digits, RoundingMode.HALF_EVEN)
                            .toPlainString()));
            converted.put(k, value);
        });
        return converted;
    }

    /**
     * The total of a disclosure in {@code reporting}, the naive way: the remaining of every currency of the direction
     * with a visible commitment, summed per currency, each multiplied or divided exactly (a division to 34 digits),
     * added, and rounded half-even once. Empty when one of those currencies has no rate either way round.
     */
    public Optional<String> reportingDisclosureTotal(
            String reporting, Direction direction, LocalDate asOf, Instant knownAt) {
        Map<String, BigDecimal> byCurrency = new TreeMap<>();
        sums(asOf, knownAt).forEach((k, s) -> {
            if (k.direction() == direction && s.commitments > 0) {
                byCurrency.merge(
                        k.currency(), BigDecimal.valueOf(s.remaining, minorDigits(k.currency())), BigDecimal::add);
            }
        });
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<String, BigDecimal> e : byCurrency.entrySet()) {
            String currency = e.getKey();
            if (currency.equals(reporting)) {
                total = total.add(e.getValue());
                continue;
            }
            Optional<FxRate> direct = rateInForce(currency, reporting, asOf, knownAt);
            Optional<FxRate> inverse = rateInForce(reporting, currency, asOf, knownAt);
            if (direct.isPresent()) {
                total = total.add(e.getValue().multiply(direct.get().rate()));
            } else if (inverse.isPresent()) {
                total = total.add(e.getValue().divide(inverse.get().rate(), java.math.MathContext.DECIMAL128));
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(
                total.setScale(minorDigits(reporting), RoundingMode.HALF_EVEN).toPlainString());
    }

    private Optional<FxRate> rateInForce(String base, String quote, LocalDate asOf, Instant knownAt) {
        FxRate best = null;
        for (FxRate r : fxRates) {
            if (!r.base().equals(base)
                    || !r.quote().equals(quote)
                    || r.rateDate().isAfter(asOf)
                    || r.recordedAt().isAfter(knownAt)) {
                continue;
            }
            if (best == null
                    || r.rateDate().isAfter(best.rateDate())
                    || (r.rateDate().equals(best.rateDate()) && r.recordedAt().isAfter(best.recordedAt()))) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    public void add(Counterparty c) {
        counterparties.add(c);
    }

    public void add(Deal d) {
        deals.add(d);
    }

    public void add(Commitment c) {
        commitments.add(c);
    }

    public void addAmendment(
            String dealId,
            String commitmentId,
            String amendmentId,
            long deltaMinor,
            LocalDate newTermEnd,
            LocalDate effectiveDate,
            Instant recordedAt) {
        amendments.add(new Amendment(
                dealId, commitmentId, amendmentId, deltaMinor, newTermEnd, effectiveDate, recordedAt, recordedOrder++));
    }

    public void add(Termination t) {
        terminations.add(t);
    }

    public void add(Option o) {
        options.add(o);
    }

    public void add(Exercise e) {
        exercises.add(e);
    }

    public Deal deal(String dealId) {
        return deals.stream()
                .filter(d -> d.dealId().equals(dealId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no deal " + dealId + " in the model"));
    }

    public List<Deal> deals() {
        return List.copyOf(deals);
    }

    public List<Commitment> commitments() {
        return List.copyOf(commitments);
    }

    /** How many facts of each kind the model holds, for test diagnostics. */
    public Map<String, Integer> summary() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("counterparties", counterparties.size());
        counts.put("deals", deals.size());
        counts.put("commitments", commitments.size());
        counts.put("options", options.size());
        counts.put("exercises", exercises.size());
        counts.put("amendments", amendments.size());
        counts.put("backdatedAmendments", backdatedAmendments());
        counts.put("terminations", terminations.size());
        return counts;
    }

    /** Amendments recorded after another amendment of the same commitment that is effective later. */
    private int backdatedAmendments() {
        int n = 0;
        for (Amendment a : amendments) {
            boolean landsBefore = amendments.stream()
                    .anyMatch(b -> b.dealId().equals(a.dealId())
                            && b.commitmentId().equals(a.commitmentId())
                            && b.recordedOrder() < a.recordedOrder()
                            && b.effectiveDate().isAfter(a.effectiveDate()));
            if (landsBefore) {
                n++;
            }
        }
        return n;
    }

    public List<Counterparty> counterparties() {
        return List.copyOf(counterparties);
    }

    private static boolean visible(LocalDate effective, Instant recorded, LocalDate asOf, Instant knownAt) {
        return !effective.isAfter(asOf) && !recorded.isAfter(knownAt);
    }

    // ---- One commitment ------------------------------------------------------------------------------------------

    /** Empty when the commitment is not visible at (asOf, knownAt). */
    public Optional<CommitmentState> commitment(String dealId, String commitmentId, LocalDate asOf, Instant knownAt) {
        Commitment c = commitments.stream()
                .filter(x -> x.dealId().equals(dealId) && x.commitmentId().equals(commitmentId))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no commitment " + dealId + "/" + commitmentId));
        if (!visible(c.effectiveDate(), c.recordedAt(), asOf, knownAt)) {
            return Optional.empty();
        }
        // Only the visible amendments reach the oracle: one effective later or not yet known has no say at this point.
        List<ReferenceCommitment.Amendment> applying = amendments.stream()
                .filter(a -> a.dealId().equals(dealId) && a.commitmentId().equals(commitmentId))
                .filter(a -> visible(a.effectiveDate(), a.recordedAt(), asOf, knownAt))
                .map(a -> new ReferenceCommitment.Amendment(
                        a.amendmentId(), a.effectiveDate(), a.recordedOrder(), a.deltaMinor(), a.newTermEnd()))
                .toList();
        LocalDate terminatedOn = terminations.stream()
                .filter(t -> t.dealId().equals(dealId) && t.commitmentId().equals(commitmentId))
                .filter(t -> visible(t.effectiveDate(), t.recordedAt(), asOf, knownAt))
                .map(Termination::effectiveDate)
                .findFirst()
                .orElse(null);
        ReferenceTimeline timeline = new ReferenceTimeline(
                new ReferenceCommitment.Terms(c.amountMinor(), c.termStart(), c.termEnd(), c.effectiveDate()),
                applying,
                terminatedOn);
        ReferenceTimeline.Figures f = timeline.figuresAsOf(asOf);
        return Optional.of(new CommitmentState(
                c,
                f.committedMinor(),
                f.elapsedMinor(),
                f.remainingMinor(),
                f.remainingByYear(),
                timeline.termEndAsOf(asOf),
                applying.size(),
                terminatedOn));
    }

    // ---- One option ----------------------------------------------------------------------------------------------

    /** Whether the option's exercise is visible at (asOf, knownAt). */
    public boolean exercised(String dealId, String optionId, LocalDate asOf, Instant knownAt) {
        return exercises.stream()
                .anyMatch(x -> x.dealId().equals(dealId)
                        && x.optionId().equals(optionId)
                        && visible(x.effectiveDate(), x.recordedAt(), asOf, knownAt));
    }

    /** The option's potential: its maximum from its effective date until exercised or expired (expiresOn < asOf). */
    public long potentialMinor(Option o, LocalDate asOf, Instant knownAt) {
        if (!visible(o.effectiveDate(), o.recordedAt(), asOf, knownAt)) {
            return 0;
        }
        if (exercised(o.dealId(), o.optionId(), asOf, knownAt) || o.expiresOn().isBefore(asOf)) {
            return 0;
        }
        return o.maxMinor();
    }

    public Option option(String dealId, String optionId) {
        return options.stream()
                .filter(o -> o.dealId().equals(dealId) && o.optionId().equals(optionId))
                .findFirst()
                .orElseThrow();
    }

    public List<Option> optionsOf(String dealId) {
        return options.stream().filter(o -> o.dealId().equals(dealId)).toList();
    }

    // ---- Totals --------------------------------------------------------------------------------------------------

    /** Raw sums of one key, in minor units. */
    public static final class Sums {
        long committed;
        long elapsed;
        long remaining;
        long potential;
        long deals;
        long commitments;
        long optionsOpen;
        long optionsExercised;
        long amendments;
        final Map<Integer, Long> remainingByYear = new TreeMap<>();

        public long remaining() {
            return remaining;
        }

        public Map<Integer, Long> remainingByYear() {
            return remainingByYear;
        }
    }

    /** The sums of every key with a visible deal, commitment or option at (asOf, knownAt). */
    public Map<RowKey, Sums> sums(LocalDate asOf, Instant knownAt) {
        Map<RowKey, Sums> sums = new TreeMap<>(KEY_ORDER);
        for (Deal d : deals) {
            if (visible(d.effectiveDate(), d.recordedAt(), asOf, knownAt)) {
                sums.computeIfAbsent(keyOf(d), k -> new Sums()).deals++;
            }
        }
        for (Commitment c : commitments) {
            Optional<CommitmentState> state = commitment(c.dealId(), c.commitmentId(), asOf, knownAt);
            if (state.isEmpty()) {
                continue;
            }
            CommitmentState s = state.get();
            Sums t = sums.computeIfAbsent(keyOf(deal(c.dealId())), k -> new Sums());
            t.commitments++;
            t.committed += s.committedMinor();
            t.elapsed += s.elapsedMinor();
            t.remaining += s.remainingMinor();
            t.amendments += s.amendments();
            s.remainingByYear().forEach((year, minor) -> t.remainingByYear.merge(year, minor, Long::sum));
        }
        for (Option o : options) {
            if (!visible(o.effectiveDate(), o.recordedAt(), asOf, knownAt)) {
                continue;
            }
            Sums t = sums.computeIfAbsent(keyOf(deal(o.dealId())), k -> new Sums());
            long potential = potentialMinor(o, asOf, knownAt);
            t.potential += potential;
            if (potential > 0) {
                t.optionsOpen++;
            }
            if (exercised(o.dealId(), o.optionId(), asOf, knownAt)) {
                t.optionsExercised++;
            }
        }
        return sums;
    }

    /** The expected totals rows of every key at (asOf, knownAt), in the API's shape, ordered by key. */
    public Map<RowKey, TotalsRowView> totals(LocalDate asOf, Instant knownAt) {
        Map<RowKey, Sums> sums = sums(asOf, knownAt);
        Map<Market, Long> remainingPerMarket = new HashMap<>();
        sums.forEach((k, s) -> remainingPerMarket.merge(k.market(), s.remaining, Long::sum));
        Map<RowKey, TotalsRowView> rows = new LinkedHashMap<>();
        sums.forEach((k, s) -> {
            long market = remainingPerMarket.get(k.market());
            rows.put(k, row(k, s, market));
        });
        return rows;
    }

    /** The expected totals rows of one counterparty. */
    public List<TotalsRowView> totalsOf(String counterpartyId, LocalDate asOf, Instant knownAt) {
        List<TotalsRowView> rows = new ArrayList<>();
        totals(asOf, knownAt).forEach((k, row) -> {
            if (k.counterpartyId().equals(counterpartyId)) {
                rows.add(row);
            }
        });
        return rows;
    }

    private static TotalsRowView row(RowKey k, Sums s, long marketRemaining) {
        String c = k.currency();
        return new TotalsRowView(
                c,
                k.direction(),
                money(s.committed, c),
                money(s.elapsed, c),
                money(s.remaining, c),
                money(s.potential, c),
                money(s.remaining + s.potential, c),
                share(s.remaining, marketRemaining),
                s.deals,
                s.commitments,
                s.optionsOpen,
                s.optionsExercised,
                s.amendments);
    }

    /** The expected schedule rows of one counterparty: remaining by year, per market in key order. */
    public List<ScheduleView.Row> scheduleOf(String counterpartyId, LocalDate asOf, Instant knownAt) {
        List<ScheduleView.Row> rows = new ArrayList<>();
        sums(asOf, knownAt).forEach((k, s) -> {
            if (k.counterpartyId().equals(counterpartyId)) {
                s.remainingByYear.forEach((year, minor) ->
                        rows.add(new ScheduleView.Row(k.currency(), k.direction(), year, money(minor, k.currency()))));
            }
        });
        return rows;
    }

    /**
     * The expected figures of one deal's commitments and options at (asOf, knownAt), as "id: figures" lines in id
     * order, in the deal view's terms.
     */
    public List<String> dealFiguresOf(String dealId, LocalDate asOf, Instant knownAt) {
        String c = deal(dealId).currency();
        List<String> lines = new ArrayList<>();
        commitments.stream()
                .filter(x -> x.dealId().equals(dealId))
                .map(x -> commitment(dealId, x.commitmentId(), asOf, knownAt))
                .flatMap(Optional::stream)
                .forEach(s -> lines.add(commitmentLine(
                        s.commitment().commitmentId(),
                        money(s.committedMinor(), c),
                        money(s.elapsedMinor(), c),
                        money(s.remainingMinor(), c),
                        s.termEnd(),
                        s.amendments(),
                        s.terminatedOn())));
        options.stream()
                .filter(o -> o.dealId().equals(dealId) && visible(o.effectiveDate(), o.recordedAt(), asOf, knownAt))
                .forEach(o -> lines.add(optionLine(o.optionId(), money(potentialMinor(o, asOf, knownAt), c))));
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    /** One commitment's figures as {@link #dealFiguresOf} prints them. */
    public static String commitmentLine(
            String id,
            String committed,
            String elapsed,
            String remaining,
            LocalDate termEnd,
            long amendments,
            LocalDate terminatedOn) {
        return "commitment " + id + ": committed " + committed + ", elapsed " + elapsed + ", remaining " + remaining
                + ", term end " + termEnd + ", amendments " + amendments + ", terminated " + terminatedOn;
    }

    /** One option's figures as {@link #dealFiguresOf} prints them. */
    public static String optionLine(String id, String potential) {
        return "option " + id + ": potential " + potential;
    }

    /** A share between 0 and 1, half-even to 6 places; a market with nothing remaining gives every member 0. */
    public static String share(long part, long whole) {
        if (whole == 0) {
            return new BigDecimal("0.000000").toPlainString();
        }
        return BigDecimal.valueOf(part)
                .divide(BigDecimal.valueOf(whole), 6, RoundingMode.HALF_EVEN)
                .toPlainString();
    }

    public String legalNameAt(String counterpartyId, Instant knownAt) {
        return counterparties.stream()
                .filter(c -> c.counterpartyId().equals(counterpartyId)
                        && !c.recordedAt().isAfter(knownAt))
                .map(Counterparty::legalName)
                .findFirst()
                .orElse(null);
    }

    private RowKey keyOf(Deal d) {
        return new RowKey(d.counterpartyId(), d.currency(), d.direction());
    }

    // ---- Money ---------------------------------------------------------------------------------------------------

    public static int minorDigits(String currency) {
        return Currency.getInstance(currency).getDefaultFractionDigits();
    }

    public static long minor(String amount, String currency) {
        return new BigDecimal(amount).movePointRight(minorDigits(currency)).longValueExact();
    }

    public static String money(long minor, String currency) {
        return BigDecimal.valueOf(minor, minorDigits(currency)).toPlainString();
    }
}
