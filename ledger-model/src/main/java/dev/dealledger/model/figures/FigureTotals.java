package dev.dealledger.model.figures;

import dev.dealledger.model.schedule.CommitmentTimeline;
import java.math.BigInteger;

/**
 * The figures of docs/domain.md summed over a set of commitments and options (in practice one counterparty in one
 * currency and direction), in minor units. Mutable while a read is being derived. The sums are {@link BigInteger}: each
 * fact fits a {@code long}, but the ledger accepts any number of them, and no sum it forms may overflow (docs/domain.md,
 * "Limits").
 */
public final class FigureTotals {
    private BigInteger committedMinor = BigInteger.ZERO;
    private BigInteger elapsedMinor = BigInteger.ZERO;
    private BigInteger remainingMinor = BigInteger.ZERO;
    private BigInteger potentialMinor = BigInteger.ZERO;
    private long deals;
    private long commitments;
    private long optionsOpen;
    private long optionsExercised;
    private long amendments;

    /**
     * Totals summed elsewhere (from each fact's own step, docs/adr/0007). Remaining is committed less elapsed, as for
     * each commitment. What remains by year is not a total of this kind: a read sums it from each commitment's schedule
     * in force (the query service's {@code RemainingObligations}).
     */
    public static FigureTotals of(
            BigInteger committedMinor,
            BigInteger elapsedMinor,
            BigInteger potentialMinor,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments) {
        FigureTotals t = new FigureTotals();
        t.committedMinor = committedMinor;
        t.elapsedMinor = elapsedMinor;
        t.remainingMinor = committedMinor.subtract(elapsedMinor);
        t.potentialMinor = potentialMinor;
        t.deals = deals;
        t.commitments = commitments;
        t.optionsOpen = optionsOpen;
        t.optionsExercised = optionsExercised;
        t.amendments = amendments;
        return t;
    }

    /** Counts {@code count} more deals (negative to take them away). */
    public void addDeals(long count) {
        deals += count;
    }

    /**
     * Adds ({@code sign} 1) or takes away ({@code sign} -1) what one commitment contributes at one asOf: its figures,
     * and the number of its amendments effective by then.
     */
    public void addCommitment(CommitmentTimeline.Figures figures, long amendmentsEffective, int sign) {
        requireSign(sign);
        BigInteger s = BigInteger.valueOf(sign);
        commitments += sign;
        amendments += sign * amendmentsEffective;
        committedMinor = committedMinor.add(s.multiply(BigInteger.valueOf(figures.committedMinor())));
        elapsedMinor = elapsedMinor.add(s.multiply(BigInteger.valueOf(figures.elapsedMinor())));
        remainingMinor = remainingMinor.add(s.multiply(BigInteger.valueOf(figures.remainingMinor())));
    }

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) what one option contributes at one asOf. */
    public void addOption(OptionStanding option, int sign) {
        requireSign(sign);
        potentialMinor =
                potentialMinor.add(BigInteger.valueOf(sign).multiply(BigInteger.valueOf(option.potentialMinor())));
        if (option.open()) {
            optionsOpen += sign;
        }
        if (option.exercised()) {
            optionsExercised += sign;
        }
    }

    private static void requireSign(int sign) {
        if (sign != 1 && sign != -1) {
            throw new IllegalArgumentException("a contribution is added (1) or taken away (-1), not scaled by " + sign);
        }
    }

    /**
     * Adds totals formed elsewhere at the same asOf, such as one fact's own step read from its figure points: every
     * figure and count of a union is the sum of the parts', and a step may be negative.
     */
    public void add(FigureTotals o) {
        committedMinor = committedMinor.add(o.committedMinor);
        elapsedMinor = elapsedMinor.add(o.elapsedMinor);
        remainingMinor = remainingMinor.add(o.remainingMinor);
        potentialMinor = potentialMinor.add(o.potentialMinor);
        deals += o.deals;
        commitments += o.commitments;
        optionsOpen += o.optionsOpen;
        optionsExercised += o.optionsExercised;
        amendments += o.amendments;
    }

    /** A copy to move on from without changing this one. */
    public FigureTotals copy() {
        FigureTotals t = new FigureTotals();
        t.committedMinor = committedMinor;
        t.elapsedMinor = elapsedMinor;
        t.remainingMinor = remainingMinor;
        t.potentialMinor = potentialMinor;
        t.deals = deals;
        t.commitments = commitments;
        t.optionsOpen = optionsOpen;
        t.optionsExercised = optionsExercised;
        t.amendments = amendments;
        return t;
    }

    public BigInteger committedMinor() {
        return committedMinor;
    }

    public BigInteger elapsedMinor() {
        return elapsedMinor;
    }

    public BigInteger remainingMinor() {
        return remainingMinor;
    }

    public BigInteger potentialMinor() {
        return potentialMinor;
    }

    /** Exposure is what remains plus what open options could still add (docs/domain.md, "Exposure"). */
    public BigInteger exposureMinor() {
        return remainingMinor.add(potentialMinor);
    }

    public long deals() {
        return deals;
    }

    public long commitments() {
        return commitments;
    }

    public long optionsOpen() {
        return optionsOpen;
    }

    public long optionsExercised() {
        return optionsExercised;
    }

    public long amendments() {
        return amendments;
    }

    /** Remaining by calendar year of the installments' due dates; read only. */
}
