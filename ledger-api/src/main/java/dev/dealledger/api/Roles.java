package dev.dealledger.api;

/** The roles a bearer token carries in its {@code groups} claim. Defined once, here. */
public final class Roles {

    /** Records facts: every command endpoint. */
    public static final String WRITER = "ledger-writer";

    /** Reads everything: totals, exposure, schedules, deals, history, restatements and verification. */
    public static final String AUDITOR = "ledger-auditor";

    /** Operates the ledger: rebuilds and projection status. */
    public static final String ADMIN = "ledger-admin";

    /** Closes reporting periods: records the figures as reported at a period end (docs/domain.md, "Period close"). */
    public static final String CONTROLLER = "ledger-controller";

    private Roles() {}
}
