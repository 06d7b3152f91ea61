package dev.dealledger.model.schedule;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * One version of a commitment (its facts as known at one instant), with committed and elapsed as functions of asOf, in
 * the form that docs/adr/0007 proposes to sum by knowledge position. The form is a short list of points. Each point
 * counts from its date on: a step once, plus a slope for every month end after its base month. A version's form is
 * the groundwork for maintained figures: a fact's own step is then the difference of two forms. No read uses it yet.
 *
 * <p>It rests on two facts about the rules:
 *
 * <ul>
 *   <li>Elapsed is the running sum of each installment as the schedule in force on its own due date has it
 *       ({@code ElapsedAsOneSequenceTest}).
 *   <li>Equal consecutive installments sum to a ramp, which two slope points describe.
 * </ul>
 *
 * A commitment counts only from its own effective date, as the reads select its facts; what fell due before then
 * counts as one step on that date.
 */
public final class StepForm {

    /**
     * From {@code from} on: {@code committedStep} and {@code elapsedStep} once, and {@code elapsedSlope} for every month
     * end after the month with index {@code slopeBaseMonth} ({@link #monthIndex}).
     */
    public record Point(LocalDate from, long committedStep, long elapsedStep, long elapsedSlope, long slopeBaseMonth) {}

    /** Committed and elapsed on one asOf, in minor units. */
    public record Value(BigInteger committedMinor, BigInteger elapsedMinor) {}

    private final List<Point> points;

    private StepForm(List<Point> points) {
        this.points = List.copyOf(points);
    }

    public List<Point> points() {
        return points;
    }

    /** A month as a number, so that a slope counts month ends by subtraction. */
    public static long monthIndex(YearMonth month) {
        return month.getYear() * 12L + month.getMonthValue() - 1;
    }

    /** The form of {@code timeline}, a commitment effective on its terms' effective date. */
    public static StepForm of(CommitmentTimeline timeline) {
        LocalDate effective = timeline.terms().effectiveDate();
        List<Point> points = new ArrayList<>();
        committed(timeline, effective, points);
        elapsed(timeline, effective, points);
        return new StepForm(points);
    }

    /** Committed changes only where the schedule in force does: on an amendment's or the termination's date. */
    private static void committed(CommitmentTimeline timeline, LocalDate effective, List<Point> points) {
        TreeSet<LocalDate> changes = new TreeSet<>();
        changes.add(effective);
        timeline.amendments().forEach(a -> changes.add(max(a.effectiveDate(), effective)));
        if (timeline.terminatedOn() != null) {
            changes.add(max(timeline.terminatedOn(), effective));
        }
        long before = 0;
        for (LocalDate date : changes) {
            long committed = timeline.scheduleAsOf(date).totalMinor();
            if (committed != before) {
                points.add(new Point(date, Math.subtractExact(committed, before), 0, 0, 0));
                before = committed;
            }
        }
    }

    /**
     * Elapsed as runs of equal installments, each installment as the schedule in force on its own due date has it: a
     * run of one is a step on its due date, a longer run a ramp (a slope up from its first due date, the same slope down
     * from the due date after its last).
     */
    private static void elapsed(CommitmentTimeline timeline, LocalDate effective, List<Point> points) {
        YearMonth first = YearMonth.from(timeline.terms().termStart());
        YearMonth last = YearMonth.from(timeline.terms().termEnd());
        for (AmendmentFact a : timeline.amendments()) {
            if (a.newTermEnd() != null && YearMonth.from(a.newTermEnd()).isAfter(last)) {
                last = YearMonth.from(a.newTermEnd());
            }
        }
        long beforeEffective = 0;
        YearMonth runStart = null;
        long runAmount = 0;
        InForce inForce = new InForce(timeline);
        for (YearMonth m = first; !m.isAfter(last.plusMonths(1)); m = m.plusMonths(1)) {
            LocalDate due = m.atEndOfMonth();
            long amount = m.isAfter(last) ? 0 : inForce.installmentDue(due);
            if (!due.isAfter(effective)) {
                beforeEffective = Math.addExact(beforeEffective, amount);
                continue;
            }
            if (runStart != null && amount == runAmount) {
                continue;
            }
            if (runStart != null) {
                closeRun(points, runStart, m, runAmount);
            }
            runStart = amount == 0 ? null : m;
            runAmount = amount;
        }
        if (beforeEffective != 0) {
            points.add(new Point(effective, 0, beforeEffective, 0, 0));
        }
    }

    /** The run of {@code amount} a month from {@code start} up to, not including, {@code end}. */
    private static void closeRun(List<Point> points, YearMonth start, YearMonth end, long amount) {
        if (end.equals(start.plusMonths(1))) {
            points.add(new Point(start.atEndOfMonth(), 0, amount, 0, 0));
            return;
        }
        points.add(new Point(start.atEndOfMonth(), 0, 0, amount, monthIndex(start) - 1));
        points.add(new Point(end.atEndOfMonth(), 0, 0, Math.negateExact(amount), monthIndex(end) - 1));
    }

    /**
     * The installments due on each date as the schedule in force on that date has them, for dates read in ascending
     * order. The schedule in force changes only on an amendment's or the termination's effective date, so it is
     * derived once per change, not once per month: a long term with many amendments stays linear.
     */
    private static final class InForce {
        private final CommitmentTimeline timeline;
        private final TreeSet<LocalDate> changes = new TreeSet<>();
        /**
         * By epoch day, not by date: month ends differ in their days by little, and {@code LocalDate}'s hash puts
         * every month end of a term in a few buckets, which turned the map into trees (measured: about 3 % of a
         * rebuild's CPU in the tree bins).
         */
        private Map<Long, Long> due;

        private LocalDate nextChange;

        InForce(CommitmentTimeline timeline) {
            this.timeline = timeline;
            timeline.amendments().forEach(a -> changes.add(a.effectiveDate()));
            if (timeline.terminatedOn() != null) {
                changes.add(timeline.terminatedOn());
            }
        }

        long installmentDue(LocalDate date) {
            if (due == null || (nextChange != null && !date.isBefore(nextChange))) {
                due = new HashMap<>();
                for (InstallmentSchedule.Installment i :
                        timeline.scheduleAsOf(date).installments()) {
                    due.merge(i.dueOn().toEpochDay(), i.amountMinor(), Math::addExact);
                }
                nextChange = changes.higher(date);
            }
            return due.getOrDefault(date.toEpochDay(), 0L);
        }
    }

    /** Committed and elapsed on {@code asOf}: every point from on or before it, each slope times its month ends. */
    public Value at(LocalDate asOf) {
        long month = monthIndex(InstallmentSchedule.lastMonthDueBy(asOf));
        BigInteger committed = BigInteger.ZERO;
        BigInteger elapsed = BigInteger.ZERO;
        for (Point p : points) {
            if (p.from().isAfter(asOf)) {
                continue;
            }
            committed = committed.add(BigInteger.valueOf(p.committedStep()));
            elapsed = elapsed.add(BigInteger.valueOf(p.elapsedStep()))
                    .add(BigInteger.valueOf(p.elapsedSlope()).multiply(BigInteger.valueOf(month - p.slopeBaseMonth())));
        }
        return new Value(committed, elapsed);
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
