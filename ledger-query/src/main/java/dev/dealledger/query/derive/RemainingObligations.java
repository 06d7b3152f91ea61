package dev.dealledger.query.derive;

import dev.dealledger.model.figures.DisclosureSchedule;
import dev.dealledger.model.money.MinorSums;
import dev.dealledger.model.schedule.InstallmentSchedule;
import dev.dealledger.query.readmodel.CommitmentFact;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What remains at asOf of each key's visible commitments (docs/domain.md, "Remaining by year" and "Financial
 * reporting"): by calendar year, a counterparty's schedule; and, when a fiscal year end is given, as a disclosure by
 * fiscal year and by time band. Both shapes come from each commitment's schedule in force at asOf, derived once per
 * commitment in one pass over the facts: the console's counterparty view shows both, and on the largest counterparty of
 * the benchmark's ledger reading its facts once instead of once per shape was most of the view's time
 * (docs/benchmarks.md).
 */
public final class RemainingObligations {

    private final LocalDate asOf;
    private final boolean byYear;
    private final MonthDay fiscalYearEnd;
    private final Map<CounterpartyMarket, Remaining> byKey = new TreeMap<>();

    /**
     * What remains of one key's commitments. {@link #byYearMinor} is empty unless asked for ({@link #byYear},
     * {@link #both}), {@link #disclosure} null unless asked for ({@link #disclosed}, {@link #both}).
     */
    public static final class Remaining {
        /** By calendar year, numbered from asOf's year: every installment that remains falls due in it or later. */
        private final MinorSums byYear = new MinorSums(8);

        private final int firstYear;
        private final DisclosureSchedule disclosure;

        private Remaining(int firstYear, DisclosureSchedule disclosure) {
            this.firstYear = firstYear;
            this.disclosure = disclosure;
        }

        /** Each calendar year in which an installment remains, in year order. */
        public Map<Integer, BigInteger> byYearMinor() {
            Map<Integer, BigInteger> years = new TreeMap<>();
            for (int i = 0; i < byYear.buckets(); i++) {
                if (byYear.used(i)) {
                    years.put(firstYear + i, byYear.get(i));
                }
            }
            return Collections.unmodifiableMap(years);
        }

        public DisclosureSchedule disclosure() {
            return disclosure;
        }
    }

    private RemainingObligations(LocalDate asOf, boolean byYear, MonthDay fiscalYearEnd) {
        this.asOf = asOf;
        this.byYear = byYear;
        this.fiscalYearEnd = fiscalYearEnd;
    }

    /** The remaining by calendar year alone: a counterparty's schedule. */
    public static RemainingObligations byYear(LocalDate asOf) {
        return new RemainingObligations(asOf, true, null);
    }

    /** The disclosures alone, under the fiscal calendar that ends each year on {@code fiscalYearEnd}. */
    public static RemainingObligations disclosed(LocalDate asOf, MonthDay fiscalYearEnd) {
        return new RemainingObligations(asOf, false, fiscalYearEnd);
    }

    /** Both shapes, from one pass: the console's counterparty view. */
    public static RemainingObligations both(LocalDate asOf, MonthDay fiscalYearEnd) {
        return new RemainingObligations(asOf, true, fiscalYearEnd);
    }

    /**
     * Adds commitment facts visible at (asOf, some knownAt), arriving in (deal, commitment, position) order, one
     * commitment's facts held at a time.
     */
    public RemainingObligations fold(Stream<? extends CommitmentFact> factsByCommitment) {
        LedgerFigures.forEachTimeline(factsByCommitment, (key, timeline) -> {
            InstallmentSchedule schedule = timeline.scheduleAsOf(asOf);
            Remaining remaining = byKey.computeIfAbsent(
                    key,
                    k -> new Remaining(
                            asOf.getYear(),
                            fiscalYearEnd == null ? null : new DisclosureSchedule(asOf, fiscalYearEnd)));
            if (byYear) {
                MinorSums years = remaining.byYear;
                int firstYear = remaining.firstYear;
                schedule.forEachYearDueAfter(asOf, (year, minor) -> years.add(year - firstYear, minor));
            }
            if (remaining.disclosure() != null) {
                remaining.disclosure().addRemaining(schedule);
            }
        });
        return this;
    }

    /** Every key with at least one visible commitment, in key order. */
    public Map<CounterpartyMarket, Remaining> byKey() {
        return Collections.unmodifiableMap(byKey);
    }
}
