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
