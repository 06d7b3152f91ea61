package dev.dealledger.query.web;

import dev.dealledger.query.config.ProjectionProgress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Parses the read parameters every endpoint shares, and waits for X-Ledger-Min-Position. */
@ApplicationScoped
public class ReadParams {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;
    static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    @Inject
    ProjectionProgress progress;

    @ConfigProperty(name = "ledger.read.min-position-wait", defaultValue = "PT3S")
    Duration minPositionWait;

    Clock clock = Clock.systemUTC();

    public LocalDate asOf(String value) {
        if (value == null || value.isBlank()) {
            return LocalDate.now(clock.withZone(ZoneOffset.UTC));
        }
        return date("asOf", value);
    }

    public static LocalDate date(String field, String value) {
        try {
            LocalDate date = LocalDate.parse(value);
            if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
                throw new BadRequestException(field, field + " must lie between " + EARLIEST + " and " + LATEST);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, field + " must be a date like 2025-12-31");
        }
    }

    /** The knowledge instant; default now. Truncated to microseconds, the precision both databases keep. */
    public Instant knownAt(String value) {
        if (value == null || value.isBlank()) {
            return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        }
        return instant("knownAt", value);
    }

    public static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestException(field, field + " must be a UTC instant like 2026-01-15T00:00:00Z");
        }
    }

    /**
     * Parsed here rather than bound as an {@code Integer}: JAX-RS answers a query parameter it cannot convert with
     * 404, but a malformed limit is a malformed request (400).
     */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("limit", "limit must be an integer between 1 and " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadRequestException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /** Waits, up to the configured bound, until the read models cover the given position. */
    public void awaitPosition(String header) {
        if (header == null || header.isBlank()) {
            return;
        }
        long position;
        try {
            position = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestException("X-Ledger-Min-Position", "X-Ledger-Min-Position must be an integer");
        }
        if (position < 0) {
            throw new BadRequestException("X-Ledger-Min-Position", "X-Ledger-Min-Position must not be negative");
        }
        // A write is committed before it is acknowledged, so a position past the log's head names no write anyone was
        // told about: waiting for it would only hold a worker for the whole bound.
        long head = progress.headPosition();
        if (position > head) {
            throw new BadRequestException(
                    "X-Ledger-Min-Position",
                    "X-Ledger-Min-Position " + position + " is beyond the last recorded position, " + head);
        }
        long deadline = System.nanoTime() + minPositionWait.toNanos();
        while (!progress.covers(position)) {
            if (System.nanoTime() > deadline) {
                throw new NotCaughtUpException(position);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCaughtUpException(position);
            }
        }
    }

    /**
     * A page's place in a paged answer, and the (asOf, knownAt) of the answer's first page. A cursor pins both, so
     * every page of one answer reads the same point on both time axes, even where the client left them to their
     * defaults (today, now) and the clock moved on between pages.
     */
    public record Page(LocalDate asOf, Instant knownAt, String after) {

        /** The cursor of the page that follows the row whose sort key is {@code lastKey}. */
        public String next(String lastKey) {
            return encodeCursor(
                    CURSOR_VERSION + "\u0000" + (asOf == null ? "" : asOf) + "\u0000" + knownAt + "\u0000" + lastKey);
        }
    }

    private static final String CURSOR_VERSION = "v2";

    /**
     * The page to read: the first one at the given (or default) asOf and knownAt, or the one a cursor names at the
     * cursor's. A cursor sent with an asOf or knownAt other than its own is refused: its pages would disagree.
     *
     * @param asOfOptional whether asOf may be absent (the history's asOf is); otherwise it defaults to today
     */
    public Page page(String asOfValue, String knownAtValue, String cursor, boolean asOfOptional) {
        if (cursor == null || cursor.isBlank()) {
            LocalDate asOf = asOfOptional && (asOfValue == null || asOfValue.isBlank()) ? null : asOf(asOfValue);
            return new Page(asOf, knownAt(knownAtValue), null);
        }
        String[] parts = decodeCursor(cursor).split("\u0000", -1);
        if (parts.length != 4 || !CURSOR_VERSION.equals(parts[0])) {
            throw new BadRequestException("cursor", "cursor is not one this service issued");
        }
        LocalDate asOf;
        Instant knownAt;
        try {
            asOf = parts[1].isEmpty() ? null : LocalDate.parse(parts[1]);
            knownAt = Instant.parse(parts[2]);
        } catch (DateTimeParseException e) {
            throw new BadRequestException("cursor", "cursor is not one this service issued");
        }
        if (asOfValue != null
                && !asOfValue.isBlank()
                && !date("asOf", asOfValue).equals(asOf)) {
            throw new BadRequestException(
                    "asOf", "the cursor belongs to asOf " + asOf + "; send it without asOf, or with that one");
        }
        if (knownAtValue != null
                && !knownAtValue.isBlank()
                && !instant("knownAt", knownAtValue).equals(knownAt)) {
            throw new BadRequestException(
                    "knownAt",
                    "the cursor belongs to knownAt " + knownAt + "; send it without knownAt, or with that one");
        }
        return new Page(asOf, knownAt, parts[3]);
    }

    public static String encodeCursor(String value) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value.getBytes(StandardCharsets.UTF_8));
    }

    public static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("cursor", "cursor is not one this service issued");
        }
    }
}
