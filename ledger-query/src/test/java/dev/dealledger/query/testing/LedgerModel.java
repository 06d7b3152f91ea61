package dev.dealledger.query.testing;

import dev.dealledger.api.Direction;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An independent, deliberately naive model of docs/domain.md's "How the numbers are derived", for expected values in tests.
 * It lists every monthly installment of every commitment and recomputes everything from the facts visible at one
 * (asOf, knownAt). It shares no code with the service (not even {@code CommitmentTimeline}), so a test comparing the
 * two compares two derivations of the same rules.
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

    /** One monthly installment, due on the last day of its month. */
    public record Installment(YearMonth month, long amountMinor) {
        public LocalDate dueOn() {
            return month.atEndOfMonth();
        }
    }

    /** The derived state of one commitment at one (asOf, knownAt). */
    public record CommitmentState(
            Commitment commitment,
            List<Installment> installments,
            long committedMinor,
            long elapsedMinor,
            long remainingMinor,
            LocalDate termEnd,
            long amendments,
            LocalDate terminatedOn) {

        public Map<Integer, Long> remainingByYear(LocalDate asOf) {
            Map<Integer, Long> byYear = new TreeMap<>();
            for (Installment i : installments) {
                if (i.dueOn().isAfter(asOf)) {
                    byYear.merge(i.month().getYear(), i.amountMinor(), Long::sum);
                }
            }
            return byYear;
        }
    }

    /** An exchange rate fact: 1 {@code base} = {@code rate} {@code quote} from {@code rateDate}. */
    public record FxRate(String base, String quote, LocalDate rateDate, BigDecimal rate, Instant recordedAt) {}

    /** Totals are kept per counterparty, currency and direction. */
    public record Key(String counterpartyId, String currency, Direction direction) {}

    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::counterpartyId)
            .thenComparing(Key::currency)
            .thenComparing(Key::direction);

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
    public Map<Key, Optional<String>> reportingRemaining(String reporting, LocalDate asOf, Instant knownAt) {
        Map<Key, Optional<String>> converted = new LinkedHashMap<>();
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
        List<Amendment> applying = amendments.stream()
                .filter(a -> a.dealId().equals(dealId) && a.commitmentId().equals(commitmentId))
                .filter(a -> visible(a.effectiveDate(), a.recordedAt(), asOf, knownAt))
                // "Several amendments apply in order of effective date; ... same effective date ... recorded order."
                .sorted(Comparator.comparing(Amendment::effectiveDate).thenComparingLong(Amendment::recordedOrder))
                .toList();
        LocalDate termEnd = c.termEnd();
        List<Installment> schedule = straightLine(c.amountMinor(), months(c.termStart(), c.termEnd(), null));
        for (Amendment a : applying) {
            LocalDate e = a.effectiveDate();
            if (a.newTermEnd() != null) {
                termEnd = a.newTermEnd();
            }
            // "Installments due on or before E stay as they were."
            List<Installment> kept =
                    schedule.stream().filter(i -> !i.dueOn().isAfter(e)).toList();
            long committedAfter = sum(schedule) + a.deltaMinor();
            // "What is left is the committed amount after the amendment, minus those earlier installments."
            long left = committedAfter - sum(kept);
            if (left < 0) {
                throw new IllegalStateException("the model met an amendment below what has fallen due: " + a);
            }
            // "... spread evenly over the installments due after E, up to the (possibly new) term end."
            List<YearMonth> after = months(c.termStart(), termEnd, e);
            if (after.isEmpty() && left > 0) {
                throw new IllegalStateException("the model met an amendment with no month left: " + a);
            }
            List<Installment> next = new ArrayList<>(kept);
            next.addAll(straightLine(left, after));
            schedule = next;
        }
        LocalDate terminatedOn = terminations.stream()
                .filter(t -> t.dealId().equals(dealId) && t.commitmentId().equals(commitmentId))
                .filter(t -> visible(t.effectiveDate(), t.recordedAt(), asOf, knownAt))
                .map(Termination::effectiveDate)
                .findFirst()
                .orElse(null);
        if (terminatedOn != null) {
            // "Every installment due after T is removed."
            schedule = schedule.stream()
                    .filter(i -> !i.dueOn().isAfter(terminatedOn))
                    .toList();
        }
        long committed = sum(schedule);
        long elapsed = schedule.stream()
                .filter(i -> !i.dueOn().isAfter(asOf))
                .mapToLong(Installment::amountMinor)
                .sum();
        long remaining = Math.max(0, committed - elapsed);
        return Optional.of(new CommitmentState(
                c, List.copyOf(schedule), committed, elapsed, remaining, termEnd, applying.size(), terminatedOn));
    }

    /** The calendar months from the start month to the end month, keeping only those due after {@code dueAfter}. */
    static List<YearMonth> months(LocalDate termStart, LocalDate termEnd, LocalDate dueAfter) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(termStart); !m.isAfter(YearMonth.from(termEnd)); m = m.plusMonths(1)) {
            if (dueAfter == null || m.atEndOfMonth().isAfter(dueAfter)) {
                months.add(m);
            }
        }
        return months;
    }

    /** Each month gets the floor of the even share in minor units; the final month takes the remainder. */
    static List<Installment> straightLine(long amountMinor, List<YearMonth> months) {
        List<Installment> installments = new ArrayList<>();
        if (months.isEmpty()) {
            return installments;
        }
        long share = Math.floorDiv(amountMinor, months.size());
        for (int i = 0; i < months.size(); i++) {
            boolean last = i == months.size() - 1;
            installments.add(new Installment(months.get(i), last ? amountMinor - share * (months.size() - 1) : share));
        }
        return installments;
    }

    private static long sum(List<Installment> installments) {
        return installments.stream().mapToLong(Installment::amountMinor).sum();
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
    public Map<Key, Sums> sums(LocalDate asOf, Instant knownAt) {
        Map<Key, Sums> sums = new TreeMap<>(KEY_ORDER);
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
            s.remainingByYear(asOf).forEach((year, minor) -> t.remainingByYear.merge(year, minor, Long::sum));
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
    public Map<Key, TotalsRowView> totals(LocalDate asOf, Instant knownAt) {
        Map<Key, Sums> sums = sums(asOf, knownAt);
        Map<String, Long> remainingPerMarket = new TreeMap<>();
        sums.forEach((k, s) -> remainingPerMarket.merge(k.currency() + "/" + k.direction(), s.remaining, Long::sum));
        Map<Key, TotalsRowView> rows = new LinkedHashMap<>();
        sums.forEach((k, s) -> {
            long market = remainingPerMarket.get(k.currency() + "/" + k.direction());
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

    private static TotalsRowView row(Key k, Sums s, long marketRemaining) {
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

    private Key keyOf(Deal d) {
        return new Key(d.counterpartyId(), d.currency(), d.direction());
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
