package dev.dealledger.command.web;

/**
 * The documented limits of what a write accepts. Anything outside them is a 4xx problem and records nothing.
 * README and the OpenAPI documents quote these values.
 */
public final class InputRules {

    /** Ids: a letter or digit, then letters, digits, '.', '_' or '-'; at most 64 characters. No path characters. */
    public static final String ID = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    /** A positive amount as a plain decimal string: up to 15 integer digits and up to 4 decimals, no exponent. */
    public static final String AMOUNT = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$";

    /**
     * An exchange rate as a plain decimal string: up to 15 integer digits and up to 12 decimals, no sign or exponent.
     * Twelve places carry any published reference rate (they use 4 to 6) and the inverse of one exactly enough to
     * convert the largest amount the ledger holds to the minor unit.
     */
    public static final String RATE = "^(0|[1-9][0-9]{0,14})(\\.[0-9]{1,12})?$";

    /** A currency code in a path: three upper-case letters (whether it is an ISO 4217 currency is a rule). */
    public static final String CURRENCY = "^[A-Z]{3}$";

    /** A date in a path, {@code YYYY-MM-DD}; whether it exists on the calendar is checked when it is read. */
    public static final String DATE = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$";

    /** A signed amount change, same shape as {@link #AMOUNT} with an optional sign. */
    public static final String SIGNED_AMOUNT = "^[+-]?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$";

    /** ISO 17442 Legal Entity Identifier: 18 upper-case letters or digits and two check digits. */
    public static final String LEI = "^[A-Z0-9]{18}[0-9]{2}$";

    /**
     * The SHA-256 of a source document: exactly 64 lower-case hex characters. Upper case is refused, not folded, so
     * that the stored value is byte for byte what the writer computed, and two writers anchoring the same document
     * always store the same text.
     */
    public static final String SHA256 = "^[0-9a-f]{64}$";

    /**
     * Free text: any characters but control (Cc, e.g. NUL, line breaks, U+0085), format (Cf, e.g. the bidi override
     * U+202E, zero-width characters) and line or paragraph separators (U+2028, U+2029). None of them shows as itself:
     * they would let a legal name read differently on screen than in the history, or smuggle lines into logs.
     */
    public static final String TEXT = "^[^\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]*$";

    public static final String TEXT_MESSAGE = "must not contain control, format or line-separator characters";

    public static final int MAX_TEXT = 200;
    public static final int MAX_REASON = 1000;

    private InputRules() {}
}
