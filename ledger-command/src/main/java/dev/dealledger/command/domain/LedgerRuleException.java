package dev.dealledger.command.domain;

/**
 * A business refusal: the ledger will not record the fact. Each subclass names one rule; {@link #kind()} tells the web
 * layer which HTTP meaning it has, so that the domain itself knows nothing of HTTP.
 */
public abstract class LedgerRuleException extends RuntimeException {

    /** What sort of refusal this is. */
    public enum Kind {
        /** An id in the path names nothing the ledger knows. */
        NOT_FOUND,
        /** A business rule refuses the fact, given what is already recorded. */
        CONFLICT,
        /** The values are well-formed but not acceptable on their own. */
        INVALID
    }

    private final String type;
    private final String field;

    protected LedgerRuleException(String type, String field, String message) {
        super(message);
        this.type = type;
        this.field = field;
    }

    /** A stable slug that becomes the problem type, e.g. {@code option-already-exercised}. */
    public String type() {
        return type;
    }

    /** The request field at fault, or null when the refusal concerns the request as a whole. */
    public String field() {
        return field;
    }

    public abstract Kind kind();
}
