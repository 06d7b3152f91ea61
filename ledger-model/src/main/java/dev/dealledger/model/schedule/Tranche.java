package dev.dealledger.model.schedule;

import java.time.YearMonth;

/**
 * A run of consecutive monthly installments that share one amount: each month gets the floor of the even share in
 * minor units and the last month takes the remainder (docs/domain.md). A kept prefix of k months of a tranche is itself a
 * tranche of k months of {@code base}, which is what makes amendments exact.
 */
record Tranche(YearMonth first, YearMonth last, long amountMinor) {

    Tranche {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("tranche ends before it starts: " + first + ".." + last);
        }
        if (amountMinor < 0) {
            throw new IllegalArgumentException("tranche amount is negative: " + amountMinor);
        }
    }

    long months() {
        return monthIndex(last) - monthIndex(first) + 1;
    }

    /** A month as one number, so that the sums below count months without building dates. */
    static int monthIndex(YearMonth month) {
        return month.getYear() * 12 + month.getMonthValue() - 1;
    }

    long baseMinor() {
        return amountMinor / months();
    }

    long installmentMinor(YearMonth month) {
        if (month.isBefore(first) || month.isAfter(last)) {
            return 0;
        }
        return month.equals(last) ? amountMinor - baseMinor() * (months() - 1) : baseMinor();
    }

    /** Sum of the installments of months up to and including {@code cutoff}. */
    long sumThrough(YearMonth cutoff) {
        return sumThrough(monthIndex(cutoff));
    }

    /** {@link #sumThrough(YearMonth)} of the month {@link #monthIndex} numbers {@code cutoff}. */
    long sumThrough(int cutoff) {
        int from = monthIndex(first);
        if (cutoff < from) {
            return 0;
        }
        int to = monthIndex(last);
        if (cutoff >= to) {
            return amountMinor;
        }
        return amountMinor / (to - from + 1) * (cutoff - from + 1);
    }
}
