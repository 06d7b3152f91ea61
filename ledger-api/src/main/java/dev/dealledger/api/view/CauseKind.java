package dev.dealledger.api.view;

/** The kinds of cause a restatement names (docs/domain.md, "Restatement causes"); the wire form is {@link #wire()}. */
public enum CauseKind {
    /** A deal recorded under the counterparty: it moves the deal count. */
    DEAL("deal"),
    COMMITMENT("commitment"),
    OPTION("option"),
    EXERCISE("exercise"),
    /** An amendment effective on or after the day it was recorded. */
    AMENDMENT("amendment"),
    /** An amendment effective before the day (UTC) it was recorded. */
    BACKDATED_AMENDMENT("backdated-amendment"),
    TERMINATION("termination"),
    /** Another counterparty's fact that moved this one's concentration by moving the market's remaining. */
    MARKET("market"),
    /** An exchange-rate fact that moved a figure converted into the reporting currency. */
    FX_RATE("fx-rate");

    private final String wire;

    CauseKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
