package dev.dealledger.query.derive;

import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accumulated numbers of one {@link Key}, in minor units. Mutable while a read is being derived. The sums are
 * {@link BigInteger}: each fact fits a {@code long}, but the ledger accepts any number of them, and no sum it forms may
 * overflow (docs/domain.md, "Limits").
 */
public final class Totals {
    BigInteger committedMinor = BigInteger.ZERO;
    BigInteger elapsedMinor = BigInteger.ZERO;
    BigInteger remainingMinor = BigInteger.ZERO;
    BigInteger potentialMinor = BigInteger.ZERO;
    long deals;
    long commitments;
    long optionsOpen;
    long optionsExercised;
    long amendments;
    final Map<Integer, BigInteger> remainingByYearMinor = new TreeMap<>();

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) what one commitment contributes. */
    void add(LedgerFigures.CommitmentContribution c, int sign) {
        BigInteger s = BigInteger.valueOf(sign);
        commitments += sign;
        amendments += sign * c.amendments();
        committedMinor =
                committedMinor.add(s.multiply(BigInteger.valueOf(c.figures().committedMinor())));
        elapsedMinor =
                elapsedMinor.add(s.multiply(BigInteger.valueOf(c.figures().elapsedMinor())));
        remainingMinor =
                remainingMinor.add(s.multiply(BigInteger.valueOf(c.figures().remainingMinor())));
        c.figures()
                .remainingByYear()
                .forEach((year, minor) ->
                        remainingByYearMinor.merge(year, s.multiply(BigInteger.valueOf(minor)), BigInteger::add));
    }

    /** Adds ({@code sign} 1) or takes away ({@code sign} -1) what one option contributes. */
    void add(LedgerFigures.OptionContribution o, int sign) {
        potentialMinor = potentialMinor.add(BigInteger.valueOf(sign).multiply(BigInteger.valueOf(o.potentialMinor())));
        if (o.open()) {
            optionsOpen += sign;
        }
        if (o.exercise() != null) {
            optionsExercised += sign;
        }
    }

    /** A copy to move on from without changing this one. */
    Totals copy() {
        Totals t = new Totals();
        t.committedMinor = committedMinor;
        t.elapsedMinor = elapsedMinor;
        t.remainingMinor = remainingMinor;
        t.potentialMinor = potentialMinor;
        t.deals = deals;
        t.commitments = commitments;
        t.optionsOpen = optionsOpen;
        t.optionsExercised = optionsExercised;
        t.amendments = amendments;
        t.remainingByYearMinor.putAll(remainingByYearMinor);
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

    public Map<Integer, BigInteger> remainingByYearMinor() {
        return remainingByYearMinor;
    }
}
