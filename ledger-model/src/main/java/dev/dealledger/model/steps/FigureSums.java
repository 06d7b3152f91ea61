package dev.dealledger.model.steps;

import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.schedule.InstallmentSchedule;
import dev.dealledger.model.schedule.StepForm;
import java.math.BigInteger;
import java.time.LocalDate;

/**
 * The sum of some {@link FigurePoint}s, all dated on or before the asOf it is read at ({@link #at}). Exact: the sums
 * are {@link BigInteger}, and a slope's months are counted at the end, as the sum of slopes times the month index less
 * the sum of slope times base month, so a store can sum its points' fields as they are.
 */
public final class FigureSums {
    private BigInteger committed = BigInteger.ZERO;
    private BigInteger elapsed = BigInteger.ZERO;
    private BigInteger elapsedSlope = BigInteger.ZERO;
    private BigInteger slopeTimesBase = BigInteger.ZERO;
    private BigInteger potential = BigInteger.ZERO;
    private long deals;
    private long commitments;
    private long amendments;
    private long optionsOpen;
    private long optionsExercised;

    /** Sums already formed elsewhere (a store's), field by field as {@link #add} would have formed them. */
    public static FigureSums of(
            BigInteger committed,
            BigInteger elapsed,
            BigInteger elapsedSlope,
            BigInteger slopeTimesBase,
            BigInteger potential,
            long deals,
            long commitments,
            long amendments,
            long optionsOpen,
            long optionsExercised) {
        FigureSums s = new FigureSums();
        s.committed = committed;
        s.elapsed = elapsed;
        s.elapsedSlope = elapsedSlope;
        s.slopeTimesBase = slopeTimesBase;
        s.potential = potential;
        s.deals = deals;
        s.commitments = commitments;
        s.amendments = amendments;
        s.optionsOpen = optionsOpen;
        s.optionsExercised = optionsExercised;
        return s;
    }

    public FigureSums add(FigurePoint p) {
        committed = committed.add(BigInteger.valueOf(p.committed()));
        elapsed = elapsed.add(BigInteger.valueOf(p.elapsed()));
        BigInteger slope = BigInteger.valueOf(p.elapsedSlope());
        elapsedSlope = elapsedSlope.add(slope);
        slopeTimesBase = slopeTimesBase.add(slope.multiply(BigInteger.valueOf(p.slopeBaseMonth())));
        potential = potential.add(BigInteger.valueOf(p.potential()));
        deals += p.deals();
        commitments += p.commitments();
        amendments += p.amendments();
        optionsOpen += p.optionsOpen();
        optionsExercised += p.optionsExercised();
        return this;
    }

    /** Adds sums formed elsewhere: the figures of two sets of points are those of their union. */
    public FigureSums add(FigureSums o) {
        committed = committed.add(o.committed);
        elapsed = elapsed.add(o.elapsed);
        elapsedSlope = elapsedSlope.add(o.elapsedSlope);
        slopeTimesBase = slopeTimesBase.add(o.slopeTimesBase);
        potential = potential.add(o.potential);
        deals += o.deals;
        commitments += o.commitments;
        amendments += o.amendments;
        optionsOpen += o.optionsOpen;
        optionsExercised += o.optionsExercised;
        return this;
    }

    /**
     * Takes away sums formed elsewhere, of points among this one's: the figures of the points that remain. A store can
     * so start from sums that hold more points than a read may see, and take away the ones it may not.
     */
    public FigureSums subtract(FigureSums o) {
        committed = committed.subtract(o.committed);
        elapsed = elapsed.subtract(o.elapsed);
        elapsedSlope = elapsedSlope.subtract(o.elapsedSlope);
        slopeTimesBase = slopeTimesBase.subtract(o.slopeTimesBase);
        potential = potential.subtract(o.potential);
        deals -= o.deals;
        commitments -= o.commitments;
        amendments -= o.amendments;
        optionsOpen -= o.optionsOpen;
        optionsExercised -= o.optionsExercised;
        return this;
    }

    /** The figures on {@code asOf}, of points all dated on or before it. */
    public FigureTotals at(LocalDate asOf) {
        BigInteger month = BigInteger.valueOf(StepForm.monthIndex(InstallmentSchedule.lastMonthDueBy(asOf)));
        BigInteger elapsedNow = elapsed.add(elapsedSlope.multiply(month)).subtract(slopeTimesBase);
        return FigureTotals.of(
                committed, elapsedNow, potential, deals, commitments, optionsOpen, optionsExercised, amendments);
    }
}
