package dev.dealledger.query.read;

/**
 * 422: a restatement whose window holds more facts than one read may walk ({@code ledger.read.restatement.max-facts}):
 * positions recorded in (from, to] whose figure points move anything in the counterparty's markets by asOf. The walk
 * holds each of them in memory, and an unbounded one ran the service out of its heap: refused whole, as soon as the
 * window's points show more, so the caller can narrow (from, to].
 */
public class RestatementTooLarge extends RuntimeException {

    public RestatementTooLarge(long limit) {
        super(String.format(
                java.util.Locale.ROOT,
                "the window (from, to] holds more than %,d facts that move this counterparty's markets, more than one"
                        + " restatement may walk; narrow the window and compare in steps",
                limit));
    }
}
