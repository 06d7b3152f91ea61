package dev.dealledger.verify;

/**
 * The chain over the whole log: the log hash at position p covers the log hash at p - 1 and the hash of the event at
 * p. So the log hash at a position pins every event up to it, in its order, across all aggregates; a signed checkpoint
 * of it pins the log up to there.
 */
public final class LogChain {

    public static final String GENESIS = "0".repeat(64);

    private LogChain() {}

    public static String next(String previousLogHash, long position, String eventHash) {
        return Encoding.of("dealledger-log/1")
                .text(previousLogHash)
                .number(position)
                .text(eventHash)
                .sha256();
    }
}
