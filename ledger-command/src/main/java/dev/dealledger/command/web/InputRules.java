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

    /** A signed amount change, same shape as {@link #AMOUNT} with an optional sign. */
    public static final String SIGNED_AMOUNT = "^[+-]?(0|[1-9][0-9]{0,14})(\\.[0-9]{1,4})?$";

    /** ISO 17442 Legal Entity Identifier: 18 upper-case letters or digits and two check digits. */
    public static final String LEI = "^[A-Z0-9]{18}[0-9]{2}$";

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
