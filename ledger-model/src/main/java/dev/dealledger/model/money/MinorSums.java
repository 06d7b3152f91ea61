package dev.dealledger.model.money;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * Exact sums of minor units in numbered buckets, for folds that add many amounts into few buckets: each bucket adds in
 * a {@code long} while the sum fits, and carries into a {@link BigInteger} when one more would overflow, so no number of
 * maximal amounts breaks a sum (docs/domain.md, "Exact sums") and the common case allocates nothing. Buckets are
 * numbered from 0 and grow as they are used; one never added to reads zero and is not {@link #used}.
 */
public final class MinorSums {

    private long[] sums;
    private BigInteger[] carried;
    private boolean[] used;

    public MinorSums(int buckets) {
        sums = new long[buckets];
        carried = new BigInteger[buckets];
        used = new boolean[buckets];
    }

    public void add(int bucket, long minor) {
        fit(bucket);
        long before = sums[bucket];
        long after = before + minor;
        // Overflow when both addends share a sign that the result does not (Hacker's Delight, 2-13).
        if (((before ^ after) & (minor ^ after)) < 0) {
            carry(bucket, BigInteger.valueOf(before));
            after = minor;
        }
        sums[bucket] = after;
        used[bucket] = true;
    }

    public void add(int bucket, BigInteger minor) {
        fit(bucket);
        carry(bucket, minor);
        used[bucket] = true;
    }

    /** Adds every bucket of {@code other} into the bucket of the same number. */
    public void addAll(MinorSums other) {
        for (int i = 0; i < other.sums.length; i++) {
            if (other.used[i]) {
                add(i, other.get(i));
            }
        }
    }

    public BigInteger get(int bucket) {
        if (bucket >= sums.length) {
            return BigInteger.ZERO;
        }
        BigInteger sum = BigInteger.valueOf(sums[bucket]);
        return carried[bucket] == null ? sum : sum.add(carried[bucket]);
    }

    /** Whether anything, even zero, was added to {@code bucket}. */
    public boolean used(int bucket) {
        return bucket < used.length && used[bucket];
    }

    /** One more than the highest bucket that may be {@link #used}. */
    public int buckets() {
        return sums.length;
    }

    private void carry(int bucket, BigInteger minor) {
        carried[bucket] = carried[bucket] == null ? minor : carried[bucket].add(minor);
    }

    private void fit(int bucket) {
        if (bucket < 0) {
            throw new IllegalArgumentException("bucket " + bucket + " is negative");
        }
        if (bucket >= sums.length) {
            int size = Math.max(bucket + 1, sums.length * 2);
            sums = Arrays.copyOf(sums, size);
            carried = Arrays.copyOf(carried, size);
            used = Arrays.copyOf(used, size);
        }
    }
}
