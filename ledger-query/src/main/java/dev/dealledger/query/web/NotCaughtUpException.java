package dev.dealledger.query.web;

/** 503: the read models have not reached the position the client asked to see within the bounded wait. */
public class NotCaughtUpException extends RuntimeException {
    public NotCaughtUpException(long position) {
        super("the read models have not yet reached position " + position + "; retry shortly");
    }
}
