package dev.dealledger.query.derive;

import java.util.Map;
import java.util.TreeMap;

/** Accumulated numbers of one {@link Key}, in minor units. Mutable while a read is being derived. */
public final class Totals {
    long committedMinor;
    long elapsedMinor;
    long remainingMinor;
    long potentialMinor;
    long deals;
    long commitments;
    long optionsOpen;
    long optionsExercised;
    long amendments;
    final Map<Integer, Long> remainingByYearMinor = new TreeMap<>();

    public long committedMinor() {
        return committedMinor;
    }

    public long elapsedMinor() {
        return elapsedMinor;
    }

    public long remainingMinor() {
        return remainingMinor;
    }

    public long potentialMinor() {
        return potentialMinor;
    }

    public long exposureMinor() {
        return Math.addExact(remainingMinor, potentialMinor);
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

    public Map<Integer, Long> remainingByYearMinor() {
        return remainingByYearMinor;
    }
}
