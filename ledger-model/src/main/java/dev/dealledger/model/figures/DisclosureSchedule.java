package dev.dealledger.model.figures;

import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.money.MinorSums;
import dev.dealledger.model.schedule.InstallmentSchedule;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The two disclosure shapes of docs/domain.md ("Financial reporting") of the installments that remain at one asOf, in
 * minor units of one currency:
 *
 * <ul>
 *   <li>by fiscal year: the fiscal year that contains the day after asOf and the four after it, then "thereafter". A
 *       fiscal year ends on {@code fiscalYearEnd} and is named by the calendar year it ends in; an end of 02-29 is the
 *       last day of February in every year;
 *   <li>by time band from asOf: within one year, one to three years, three to five years, after five years, each
 *       closed at its far end (an installment due exactly one year after asOf is within one year).
 * </ul>
 *
 * <p>Both shapes hold every added installment once, so each sums to {@link #totalMinor()}, which a caller checks
 * against the remaining figure. Sums are exact ({@link MinorSums}), like {@link FigureTotals}: no number of facts
 * overflows them.
 */
public final class DisclosureSchedule {

    /** How many named fiscal years precede "thereafter". */
    public static final int FISCAL_YEARS = 5;

    private final LocalDate asOf;
    private final MonthDay fiscalYearEnd;
    private final int firstFiscalYear;
    private final LocalDate[] bandEnds;
    /**
     * The last month due by asOf, by each named fiscal year's end and by each band's end: every schedule added is asked
     * about these same months ({@link #addRemaining}).
     */
    private final YearMonth asOfMonth;

    private final YearMonth[] fiscalYearEndMonths = new YearMonth[FISCAL_YEARS];
    private final YearMonth[] bandEndMonths;
    private final MinorSums byFiscalYear = new MinorSums(FISCAL_YEARS + 1);
    private final MinorSums byBand = new MinorSums(Band.values().length);

    /** The four bands, nearest first. */
    public enum Band {
        WITHIN_ONE_YEAR,
        ONE_TO_THREE_YEARS,
        THREE_TO_FIVE_YEARS,
        AFTER_FIVE_YEARS
    }

    /** One named fiscal year and what falls due in it. */
    public record FiscalYear(int fiscalYear, BigInteger amountMinor) {}

    public DisclosureSchedule(LocalDate asOf, MonthDay fiscalYearEnd) {
        this.asOf = asOf;
        this.fiscalYearEnd = fiscalYearEnd;
        this.firstFiscalYear = fiscalYearOf(asOf.plusDays(1), fiscalYearEnd);
        this.bandEnds = new LocalDate[] {asOf.plusYears(1), asOf.plusYears(3), asOf.plusYears(5)};
        this.asOfMonth = InstallmentSchedule.lastMonthDueBy(asOf);
        for (int i = 0; i < FISCAL_YEARS; i++) {
            fiscalYearEndMonths[i] = InstallmentSchedule.lastMonthDueBy(fiscalYearEnd(firstFiscalYear + i));
        }
        this.bandEndMonths = new YearMonth[bandEnds.length];
        for (int i = 0; i < bandEnds.length; i++) {
            bandEndMonths[i] = InstallmentSchedule.lastMonthDueBy(bandEnds[i]);
        }
    }

    /** The fiscal year, named by the calendar year it ends in, that contains {@code date}. */
    public static int fiscalYearOf(LocalDate date, MonthDay fiscalYearEnd) {
        LocalDate end = fiscalYearEnd.atYear(date.getYear());
        return date.isAfter(end) ? date.getYear() + 1 : date.getYear();
    }

    /**
     * Adds one installment; it must remain at asOf, that is fall due after it. The definition of each bucket, one
     * installment at a time; reads add whole schedules ({@link #addRemaining}), which tests hold equal to this.
     */
    public void add(LocalDate dueOn, long amountMinor) {
        if (!dueOn.isAfter(asOf)) {
            throw new IllegalArgumentException("an installment due on " + dueOn + " does not remain at " + asOf
                    + "; only later ones are disclosed");
        }
        int year = Math.min(fiscalYearOf(dueOn, fiscalYearEnd) - firstFiscalYear, FISCAL_YEARS);
        byFiscalYear.add(year, amountMinor);
        int band = 0;
        while (band < bandEnds.length && dueOn.isAfter(bandEnds[band])) {
            band++;
        }
        byBand.add(band, amountMinor);
    }

    /**
     * Adds every installment of {@code schedule} that remains at asOf, bucket by bucket rather than installment by
     * installment: each bucket ends on a date (a fiscal year end, a band end), so what a bucket holds is what falls due
     * by its end less what falls due by the previous one. A commitment's schedule is a few tranches, so this costs a few
     * sums per bucket where adding its installments one by one cost a date comparison and two {@link BigInteger}
     * additions per installment; the disclosure of a large counterparty adds tens of thousands of schedules.
     */
    public void addRemaining(InstallmentSchedule schedule) {
        long dueByAsOf = schedule.dueThroughMinor(asOfMonth);
        long before = dueByAsOf;
        for (int i = 0; i < FISCAL_YEARS; i++) {
            long dueByEnd = schedule.dueThroughMinor(fiscalYearEndMonths[i]);
            byFiscalYear.add(i, dueByEnd - before);
            before = dueByEnd;
        }
        long total = schedule.totalMinor();
        byFiscalYear.add(FISCAL_YEARS, total - before);
        before = dueByAsOf;
        for (int band = 0; band < bandEndMonths.length; band++) {
            long dueByEnd = schedule.dueThroughMinor(bandEndMonths[band]);
            byBand.add(band, dueByEnd - before);
            before = dueByEnd;
        }
        byBand.add(bandEndMonths.length, total - before);
    }

    /** The last day of the fiscal year named {@code fiscalYear}: the year end in that calendar year. */
    private LocalDate fiscalYearEnd(int fiscalYear) {
        return fiscalYearEnd.atYear(fiscalYear);
    }

    /** Adds everything another schedule of the same asOf and fiscal year end holds. */
    public void addAll(DisclosureSchedule other) {
        if (!other.asOf.equals(asOf) || !other.fiscalYearEnd.equals(fiscalYearEnd)) {
            throw new IllegalArgumentException("schedules of different dates or fiscal years do not add up");
        }
        byFiscalYear.addAll(other.byFiscalYear);
        byBand.addAll(other.byBand);
    }

    /** The five named fiscal years, the first being the one that contains the day after asOf. */
    public List<FiscalYear> fiscalYears() {
        List<FiscalYear> years = new ArrayList<>(FISCAL_YEARS);
        for (int i = 0; i < FISCAL_YEARS; i++) {
            years.add(new FiscalYear(firstFiscalYear + i, byFiscalYear.get(i)));
        }
        return years;
    }

    /** What falls due after the fifth named fiscal year. */
    public BigInteger thereafterMinor() {
        return byFiscalYear.get(FISCAL_YEARS);
    }

    public BigInteger bandMinor(Band band) {
        return byBand.get(band.ordinal());
    }

    /** Everything added: the sum of either shape. */
    public BigInteger totalMinor() {
        BigInteger total = BigInteger.ZERO;
        for (Band band : Band.values()) {
            total = total.add(byBand.get(band.ordinal()));
        }
        return total;
    }

    public LocalDate asOf() {
        return asOf;
    }

    public MonthDay fiscalYearEnd() {
        return fiscalYearEnd;
    }

    /** A disclosure in a reporting currency: one row for every currency converted into it. */
    public record Converted(
            Currency currency,
            List<FiscalYear> fiscalYears,
            BigInteger thereafterMinor,
            Map<Band, BigInteger> bands,
            BigInteger totalMinor) {}

    /**
     * The disclosures of several currencies, of one asOf and fiscal year end, as one in {@code to}. The whole converted
     * total is rounded half-even once (docs/domain.md, "Reporting currency"); each shape's buckets are then allotted
     * that total by the largest remainder of their unrounded converted amounts, so that each shape still adds up to
     * the total to the minor unit, and no bucket is more than one minor unit from its unrounded amount. Rounding each
     * bucket on its own would let the shapes miss the total.
     *
     * @param parts each currency's disclosure with the rate that converts it into {@code to}
     */
    public static Converted inReportingCurrency(Map<DisclosureSchedule, ConversionRate> parts, Currency to) {
        DisclosureSchedule first = parts.keySet().iterator().next();
        BigDecimal[] years = new BigDecimal[FISCAL_YEARS + 1];
        BigDecimal[] bands = new BigDecimal[Band.values().length];
        Arrays.fill(years, BigDecimal.ZERO);
        Arrays.fill(bands, BigDecimal.ZERO);
        parts.forEach((schedule, rate) -> {
            if (!schedule.asOf.equals(first.asOf) || !schedule.fiscalYearEnd.equals(first.fiscalYearEnd)) {
                throw new IllegalArgumentException("schedules of different dates or fiscal years do not add up");
            }
            if (!rate.to().equals(to)) {
                throw new IllegalArgumentException("a rate into " + rate.to() + " does not convert into " + to);
            }
            for (int i = 0; i < years.length; i++) {
                years[i] = years[i].add(rate.unroundedMinor(schedule.byFiscalYear.get(i)));
            }
            for (int i = 0; i < bands.length; i++) {
                bands[i] = bands[i].add(rate.unroundedMinor(schedule.byBand.get(i)));
            }
        });
        BigInteger total = Arrays.stream(bands)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();
        BigInteger[] yearMinor = allotted(years, total);
        BigInteger[] bandMinor = allotted(bands, total);
        List<FiscalYear> fiscalYears = new ArrayList<>(FISCAL_YEARS);
        for (int i = 0; i < FISCAL_YEARS; i++) {
            fiscalYears.add(new FiscalYear(first.firstFiscalYear + i, yearMinor[i]));
        }
        Map<Band, BigInteger> byBand = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            byBand.put(band, bandMinor[band.ordinal()]);
        }
        return new Converted(to, fiscalYears, yearMinor[FISCAL_YEARS], byBand, total);
    }

    /** Whole minor units summing to {@code total}: each part floored, the rest one each to the largest remainders. */
    static BigInteger[] allotted(BigDecimal[] parts, BigInteger total) {
        BigInteger[] whole = new BigInteger[parts.length];
        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < parts.length; i++) {
            whole[i] = parts[i].setScale(0, RoundingMode.FLOOR).toBigIntegerExact();
            sum = sum.add(whole[i]);
        }
        Integer[] byRemainder = new Integer[parts.length];
        for (int i = 0; i < parts.length; i++) {
            byRemainder[i] = i;
        }
        // Largest remainder first; ties to the nearer bucket, so the answer never depends on a sort's stability.
        Arrays.sort(byRemainder, (a, b) -> {
            int c = parts[b].subtract(new BigDecimal(whole[b])).compareTo(parts[a].subtract(new BigDecimal(whole[a])));
            return c != 0 ? c : Integer.compare(a, b);
        });
        int left = total.subtract(sum).intValueExact();
        if (left < 0 || left > parts.length) {
            throw new IllegalStateException("a total of " + total + " cannot be allotted to parts summing to " + sum);
        }
        for (int k = 0; k < left; k++) {
            whole[byRemainder[k]] = whole[byRemainder[k]].add(BigInteger.ONE);
        }
        return whole;
    }
}
