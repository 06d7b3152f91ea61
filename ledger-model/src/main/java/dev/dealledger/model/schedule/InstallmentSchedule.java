package dev.dealledger.model.schedule;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * The monthly installments of one commitment: straight-line by calendar month over the term, each due on the last day
 * of its month, split in minor units with the remainder in the final month. Immutable; amendments and terminations
 * return a new schedule and never touch installments that have already fallen due.
 */
public final class InstallmentSchedule {

    /** The term's start month. Held apart from the tranches so that it stays known when every installment is removed. */
    private final YearMonth firstMonth;

    private final List<Tranche> tranches;

    private InstallmentSchedule(YearMonth firstMonth, List<Tranche> tranches) {
        this.firstMonth = firstMonth;
        this.tranches = List.copyOf(tranches);
    }

    public static InstallmentSchedule straightLine(long amountMinor, LocalDate termStart, LocalDate termEnd) {
        if (termEnd.isBefore(termStart)) {
            throw new IllegalArgumentException("term end " + termEnd + " is before term start " + termStart);
        }
        YearMonth first = YearMonth.from(termStart);
        return new InstallmentSchedule(first, List.of(new Tranche(first, YearMonth.from(termEnd), amountMinor)));
    }

    /** The last month whose installment is due on or before {@code date} (installments fall due at month end). */
    public static YearMonth lastMonthDueBy(LocalDate date) {
        YearMonth month = YearMonth.from(date);
        return date.equals(month.atEndOfMonth()) ? month : month.minusMonths(1);
    }

    public long totalMinor() {
        long total = 0;
        for (Tranche t : tranches) {
            total = Math.addExact(total, t.amountMinor());
        }
        return total;
    }

    public YearMonth firstMonth() {
        return firstMonth;
    }

    /** What has fallen due: the installments due on or before {@code date}. */
    public long dueOnOrBeforeMinor(LocalDate date) {
        return dueThroughMinor(lastMonthDueBy(date));
    }

    /**
     * The installments of the months up to and including {@code cutoff}: {@link #dueOnOrBeforeMinor} for a caller that
     * asks many schedules about the same dates and works out each date's month once ({@link #lastMonthDueBy}).
     */
    public long dueThroughMinor(YearMonth cutoff) {
        int month = Tranche.monthIndex(cutoff);
        long sum = 0;
        for (Tranche t : tranches) {
            sum = Math.addExact(sum, t.sumThrough(month));
        }
        return sum;
    }

    /**
     * Keeps the installments due on or before {@code effective} and spreads {@code newTotalMinor} minus those evenly
     * over the months after them, up to {@code newLastMonth}.
     *
     * @throws IllegalArgumentException if the new total is below what has fallen due, or if a positive rest has no
     *     month left to fall in. Callers check these rules first and refuse with a business error; this is the backstop.
     */
    public InstallmentSchedule respread(LocalDate effective, long newTotalMinor, YearMonth newLastMonth) {
        YearMonth cutoff = lastMonthDueBy(effective);
        List<Tranche> kept = keptThrough(cutoff);
        long fallenDue = kept.stream().mapToLong(Tranche::amountMinor).sum();
        long rest = newTotalMinor - fallenDue;
        if (rest < 0) {
            throw new IllegalArgumentException(
                    "new total " + newTotalMinor + " is below what has fallen due " + fallenDue);
        }
        YearMonth from = firstMonthAfter(cutoff);
        List<Tranche> next = new ArrayList<>(kept);
        if (!newLastMonth.isBefore(from)) {
            next.add(new Tranche(from, newLastMonth, rest));
        } else if (rest > 0) {
            throw new IllegalArgumentException("no installment month is left after " + effective + " for " + rest);
        }
        // May be empty: a termination before the first installment removes them all (docs/domain.md).
        return new InstallmentSchedule(firstMonth, next);
    }

    /** Whether a positive rest after {@code effective} would still have a month to fall in, up to {@code lastMonth}. */
    public boolean hasMonthAfter(LocalDate effective, YearMonth lastMonth) {
        YearMonth cutoff = lastMonthDueBy(effective);
        YearMonth from = firstMonthAfter(cutoff);
        return !lastMonth.isBefore(from);
    }

    /** The first month that can still carry an installment once {@code cutoff} has fallen due. */
    private YearMonth firstMonthAfter(YearMonth cutoff) {
        return cutoff.plusMonths(1).isAfter(firstMonth) ? cutoff.plusMonths(1) : firstMonth;
    }

    /** Removes every installment due after {@code effective}. */
    public InstallmentSchedule truncateAfter(LocalDate effective) {
        return respread(effective, dueOnOrBeforeMinor(effective), lastMonthDueBy(effective));
    }

    private List<Tranche> keptThrough(YearMonth cutoff) {
        List<Tranche> kept = new ArrayList<>();
        for (Tranche t : tranches) {
            if (t.first().isAfter(cutoff)) {
                break;
            }
            YearMonth last = t.last().isAfter(cutoff) ? cutoff : t.last();
            kept.add(new Tranche(t.first(), last, t.sumThrough(last)));
        }
        return kept;
    }

    /** The installments due after {@code date}, summed per calendar year of their due date. */
    public Map<Integer, Long> dueAfterByYearMinor(LocalDate date) {
        Map<Integer, Long> byYear = new TreeMap<>();
        forEachYearDueAfter(date, (year, minor) -> byYear.merge(year, minor, Math::addExact));
        return byYear;
    }

    /** Receives what one tranche has due in one calendar year. */
    @FunctionalInterface
    public interface YearSink {
        void add(int year, long minor);
    }

    /**
     * Hands {@code sink} what falls due after {@code date} in each calendar year, tranche by tranche (a year may come
     * once per tranche): {@link #dueAfterByYearMinor} without a map per schedule, for a fold over many schedules.
     */
    public void forEachYearDueAfter(LocalDate date, YearSink sink) {
        int cutoff = Tranche.monthIndex(lastMonthDueBy(date));
        for (Tranche t : tranches) {
            int from = Math.max(Tranche.monthIndex(t.first()), cutoff + 1);
            int last = Tranche.monthIndex(t.last());
            for (int year = Math.floorDiv(from, 12); year <= Math.floorDiv(last, 12); year++) {
                int yearStart = Math.max(year * 12, from);
                int yearEnd = Math.min(year * 12 + 11, last);
                if (yearEnd >= yearStart) {
                    sink.add(year, t.sumThrough(yearEnd) - t.sumThrough(yearStart - 1));
                }
            }
        }
    }

    /**
     * Hands each installment due after {@code date} to {@code sink} (due date, amount), in due order: the reference,
     * installment by installment, that tests compare the sums above with.
     */
    public void forEachDueAfter(LocalDate date, ObjLongConsumer<LocalDate> sink) {
        YearMonth cutoff = lastMonthDueBy(date);
        for (Tranche t : tranches) {
            YearMonth from = t.first().isAfter(cutoff) ? t.first() : cutoff.plusMonths(1);
            for (YearMonth m = from; !m.isAfter(t.last()); m = m.plusMonths(1)) {
                sink.accept(m.atEndOfMonth(), t.installmentMinor(m));
            }
        }
    }

    /** Every installment, in due order. Meant for display and tests; the sums above never materialise this list. */
    public List<Installment> installments() {
        List<Installment> all = new ArrayList<>();
        for (Tranche t : tranches) {
            for (YearMonth m = t.first(); !m.isAfter(t.last()); m = m.plusMonths(1)) {
                all.add(new Installment(m.atEndOfMonth(), t.installmentMinor(m)));
            }
        }
        return all;
    }

    /** One monthly installment: due on the last day of its month. */
    public record Installment(LocalDate dueOn, long amountMinor) {}
}
