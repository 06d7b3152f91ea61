package dev.dealledger.axon.security;

/**
 * A token bucket: holds at most {@code burst} tokens, refills at {@code perSecond} tokens a second, and a request takes
 * one. Time comes from the caller (nanoseconds on a monotonic clock), so tests need no sleeping.
 */
final class TokenBucket {

    private static final double NANOS_PER_SECOND = 1_000_000_000d;

    private final double perSecond;
    private final double burst;
    private double tokens;
    private long refilledAtNanos;

    TokenBucket(double perSecond, double burst, long nowNanos) {
        if (!(perSecond > 0) || !(burst >= 1)) {
            throw new IllegalArgumentException("a token bucket needs a positive rate and a burst of at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.refilledAtNanos = nowNanos;
    }

    /**
     * Takes a token if there is one and answers 0; otherwise takes none and answers how many nanoseconds remain until
     * there is one.
     */
    synchronized long take(long nowNanos) {
        long elapsed = nowNanos - refilledAtNanos;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perSecond / NANOS_PER_SECOND);
            refilledAtNanos = nowNanos;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        return (long) Math.ceil((1 - tokens) * NANOS_PER_SECOND / perSecond);
    }
}
