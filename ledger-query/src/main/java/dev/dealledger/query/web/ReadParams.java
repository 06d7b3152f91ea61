package dev.dealledger.query.web;

import dev.dealledger.model.money.Currencies;
import dev.dealledger.query.processing.ProjectionProgress;
import dev.dealledger.query.read.MalformedRead;
import dev.dealledger.query.read.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
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
                throw new MalformedRead(field, field + " must lie between " + EARLIEST + " and " + LATEST);
            }
            return date;
        } catch (DateTimeParseException e) {
            throw new MalformedRead(field, field + " must be a date like 2025-12-31");
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
            throw new MalformedRead(field, field + " must be a UTC instant like 2026-01-15T00:00:00Z");
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
            throw new MalformedRead("limit", "limit must be an integer between 1 and " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new MalformedRead("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }

    /**
     * The reporting currency of a read (null when absent): an ISO 4217 code with a minor unit. Whether a rate exists
     * for it is the read's question (422 {@code fx-rate-missing}), not the parameter's.
     */
    public static String reportingCurrency(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!Currencies.isValid(value)) {
            throw new MalformedRead(
                    "reportingCurrency", "reportingCurrency must be an ISO 4217 currency with a minor unit, like USD");
        }
        return value;
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
            throw new MalformedRead("X-Ledger-Min-Position", "X-Ledger-Min-Position must be an integer");
        }
        if (position < 0) {
            throw new MalformedRead("X-Ledger-Min-Position", "X-Ledger-Min-Position must not be negative");
        }
        // A write is committed before it is acknowledged, so a position past the log's head names no write anyone was
        // told about: waiting for it would only hold a worker for the whole bound.
        long head = progress.headPosition();
        if (position > head) {
            throw new MalformedRead(
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
        Page pinned = Page.fromCursor(cursor);
        LocalDate asOf = pinned.asOf();
        Instant knownAt = pinned.knownAt();
        if (asOfValue != null
                && !asOfValue.isBlank()
                && !date("asOf", asOfValue).equals(asOf)) {
            throw new MalformedRead(
                    "asOf", "the cursor belongs to asOf " + asOf + "; send it without asOf, or with that one");
        }
        if (knownAtValue != null
                && !knownAtValue.isBlank()
                && !instant("knownAt", knownAtValue).equals(knownAt)) {
            throw new MalformedRead(
                    "knownAt",
                    "the cursor belongs to knownAt " + knownAt + "; send it without knownAt, or with that one");
        }
        return pinned;
    }
}
