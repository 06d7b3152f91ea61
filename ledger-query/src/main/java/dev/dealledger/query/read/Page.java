package dev.dealledger.query.read;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * A page's place in a paged answer, and the (asOf, knownAt) of the answer's first page. A cursor pins both, so every
 * page of one answer reads the same point on both time axes, even where the client left them to their defaults (today,
 * now) and the clock moved on between pages.
 *
 * @param asOf null where the answer has no asOf (a deal's history)
 * @param after the sort key of the previous page's last row; null on the first page
 */
public record Page(LocalDate asOf, Instant knownAt, String after) {

    private static final String CURSOR_VERSION = "v2";
    private static final String SEPARATOR = "\u0000";

    /** The cursor of the page that follows the row whose sort key is {@code lastKey}. */
    public String next(String lastKey) {
        String value = String.join(
                SEPARATOR, CURSOR_VERSION, asOf == null ? "" : asOf.toString(), knownAt.toString(), lastKey);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The page a cursor names, at the cursor's (asOf, knownAt); a cursor this service did not issue is refused. */
    public static Page fromCursor(String cursor) {
        String[] parts = decode(cursor).split(SEPARATOR, -1);
        if (parts.length != 4 || !CURSOR_VERSION.equals(parts[0])) {
            throw notIssued();
        }
        try {
            return new Page(parts[1].isEmpty() ? null : LocalDate.parse(parts[1]), Instant.parse(parts[2]), parts[3]);
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
