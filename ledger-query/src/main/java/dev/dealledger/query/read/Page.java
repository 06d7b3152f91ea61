package dev.dealledger.query.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A page's place in a paged answer, and the (asOf, knownAt) and scope of the answer's first page. A cursor pins all
 * three, so every page of one answer reads the same point on both time axes, even where the client left them to their
 * defaults (today, the newest settled instant) and the ledger moved on between pages, and the same rows.
 *
 * @param asOf null where the answer has no asOf (a deal's history)
 * @param scope what else selects the answer's rows (the deal, the filters); a cursor is refused under another
 * @param after the sort key of the previous page's last row; null on the first page
 */
public record Page(LocalDate asOf, Instant knownAt, String scope, String after) {

    /** v3 added the scope; a v2 cursor (without it) is refused like any other this service did not issue. */
    private static final String CURSOR_VERSION = "v3";

    private static final String SEPARATOR = "\u0000";

    /** The cursor of the page that follows the row whose sort key is {@code lastKey}. */
    public String next(String lastKey) {
        String value = String.join(
                SEPARATOR, CURSOR_VERSION, asOf == null ? "" : asOf.toString(), knownAt.toString(), scope, lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The page a cursor names, at the cursor's (asOf, knownAt); a cursor this service did not issue, or issued for
     * another {@code scope}, is refused.
     */
    public static Page fromCursor(String cursor, String scope) {
        String[] parts = decode(cursor).split(SEPARATOR, -1);
        if (parts.length != 5 || !CURSOR_VERSION.equals(parts[0])) {
            throw notIssued();
        }
        if (!parts[3].equals(scope)) {
            throw new MalformedRead(
                    "cursor", "the cursor belongs to another query; send it with the filters of its first page");
        }
        try {
            return new Page(
                    parts[1].isEmpty() ? null : LocalDate.parse(parts[1]), Instant.parse(parts[2]), scope, parts[4]);
        } catch (DateTimeParseException e) {
            throw notIssued();
        }
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw notIssued();
        }
    }

    private static MalformedRead notIssued() {
        return new MalformedRead("cursor", "cursor is not one this service issued");
    }
}
