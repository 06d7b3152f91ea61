package dev.dealledger.model.schedule;

import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

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
        return first.until(last, ChronoUnit.MONTHS) + 1;
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
        if (cutoff.isBefore(first)) {
            return 0;
        }
        if (!cutoff.isBefore(last)) {
            return amountMinor;
        }
        return baseMinor() * (first.until(cutoff, ChronoUnit.MONTHS) + 1);
    }

    /** Sum of the installments of months in [from, to], both inclusive. */
    long sumBetween(YearMonth from, YearMonth to) {
        if (to.isBefore(from)) {
            return 0;
        }
        return sumThrough(to) - sumThrough(from.minusMonths(1));
    }
}
