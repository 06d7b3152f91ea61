package dev.dealledger.model.steps;

import java.time.LocalDate;

/**
 * One point of a figure's step function over asOf (docs/adr/0007): from {@code from} on, each field counts once, and
 * {@code elapsedSlope} counts once more for every month end after the month with index {@code slopeBaseMonth}
 * ({@link dev.dealledger.model.schedule.StepForm#monthIndex}). A fact's own step is a short list of these; the figures
 * of any set of facts at any asOf are the sum of their points dated on or before it ({@link FigureSums}).
 */
public record FigurePoint(
        LocalDate from,
        long committed,
        long elapsed,
        long elapsedSlope,
        long slopeBaseMonth,
        long potential,
        long deals,
        long commitments,
        long amendments,
        long optionsOpen,
        long optionsExercised) {

    static FigurePoint counts(
            LocalDate from, long deals, long commitments, long amendments, long open, long exercised) {
        return new FigurePoint(from, 0, 0, 0, 0, 0, deals, commitments, amendments, open, exercised);
    }

    /** True when the point adds nothing to any figure. */
    public boolean isZero() {
        return committed == 0
                && elapsed == 0
                && elapsedSlope == 0
                && potential == 0
                && deals == 0
                && commitments == 0
                && amendments == 0
                && optionsOpen == 0
                && optionsExercised == 0;
    }

    FigurePoint negated() {
        return new FigurePoint(
                from,
                Math.negateExact(committed),
                Math.negateExact(elapsed),
                Math.negateExact(elapsedSlope),
                slopeBaseMonth,
                Math.negateExact(potential),
                -deals,
                -commitments,
                -amendments,
                -optionsOpen,
                -optionsExercised);
    }

    /** The sum of two points of the same date and slope base; throws on a sum that does not fit. */
    FigurePoint plus(FigurePoint o) {
        if (!from.equals(o.from) || slopeBaseMonth != o.slopeBaseMonth) {
            throw new IllegalArgumentException("only points of one date and slope base add up: " + this + ", " + o);
        }
        return new FigurePoint(
                from,
                Math.addExact(committed, o.committed),
                Math.addExact(elapsed, o.elapsed),
                Math.addExact(elapsedSlope, o.elapsedSlope),
                slopeBaseMonth,
                Math.addExact(potential, o.potential),
                deals + o.deals,
                commitments + o.commitments,
                amendments + o.amendments,
                optionsOpen + o.optionsOpen,
                optionsExercised + o.optionsExercised);
    }
}
