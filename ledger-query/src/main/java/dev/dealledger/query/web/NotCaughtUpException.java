package dev.dealledger.query.web;

import java.time.Instant;

/**
 * 503: the read models have not reached the position the client asked to see, or every fact recorded by the instant
 * it asked about, within the bounded wait.
 */
public class NotCaughtUpException extends RuntimeException {
    public NotCaughtUpException(long position) {
        super("the read models have not yet reached position " + position + "; retry shortly");
    }

    public NotCaughtUpException(Instant knownAt) {
        super("the read models do not yet hold every fact recorded by " + knownAt + "; retry shortly");
    }
}
