package dev.dealledger.query.read;

/**
 * 422: a restatement whose window holds more facts than one read may walk ({@code ledger.read.restatement.max-facts}).
 * The walk holds every fact of the window in memory, and an unbounded one ran the service out of its heap: refused
 * whole, before the window's facts are loaded, so the caller can narrow (from, to].
 */
public class RestatementTooLarge extends RuntimeException {

    public RestatementTooLarge(long facts, long limit) {
        super(String.format(
                java.util.Locale.ROOT,
                "the window (from, to] holds %,d commitment facts in this counterparty's currencies, more than the %,d one"
                        + " restatement may walk; narrow the window and compare in steps",
                facts,
                limit));
    }
}
