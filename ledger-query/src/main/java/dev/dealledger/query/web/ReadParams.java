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

    /**
     * The knowledge instant a read answers at, settled (docs/domain.md, "Settled knowledge", and what it leaves open):
     * the read models hold every fact recorded by it, so the answer does not change later.
     *
     * <ul>
     *   <li>Given, it is used as given, once settled ({@link #settled}).
     *   <li>Absent, with {@code X-Ledger-Min-Position}: the recorded instant of the fact at that position, the
     *       client's own write, once the read models hold every fact recorded by then.
     *   <li>Absent otherwise: the frontier, without waiting. It is not the clock's now: a write committing now may
     *       still take an instant before the clock's, and an answer echoed at that instant would change when it lands.
     *       On an empty ledger, the earliest instant a read takes, for the same reason.
     * </ul>
     */
    public Instant knownAt(String value, String minPositionHeader) {
        Long minPosition = minPosition(minPositionHeader);
        if (value != null && !value.isBlank()) {
            return settled("knownAt", instant("knownAt", value), minPosition);
        }
        if (minPosition != null) {
            return settledAt(minPosition);
        }
        ProjectionProgress.Frontier frontier = progress.frontier();
        return frontier.settled() != null ? frontier.settled() : EARLIEST_INSTANT;
    }

    /**
     * Waits, up to the configured bound, until knowledge at {@code knownAt} is settled in the read models, and the
     * position {@code minPosition} (when not null) is projected; answers {@code knownAt}. Settled here means the read
     * models hold every fact recorded by that instant, or hold the whole log as it stood when asked.
     *
     * <p>An instant the ledger has not reached yet, after both this service's clock and the newest recorded instant
     * (which the database's clock sets), may still be given to facts, so no answer at it can be final. One within the
     * bound ahead, as a client whose clock runs a little ahead sends, is waited for; one further ahead is refused.
     */
    public Instant settled(String field, Instant knownAt, Long minPosition) {
        long deadline = System.nanoTime() + minPositionWait.toNanos();
        ProjectionProgress.Frontier frontier = progress.frontier();
        while (true) {
            Instant now = now();
            boolean reached = !knownAt.isAfter(now) || (frontier.head() != null && !knownAt.isAfter(frontier.head()));
            if (!reached && Duration.between(now, knownAt).compareTo(minPositionWait) > 0) {
                throw new MalformedRead(
                        field,
                        field + " " + knownAt + " lies ahead of the ledger's clock (" + now
                                + "): what will be recorded by then is not known yet");
            }
            boolean settled = frontier.caughtUp()
                    || (frontier.settled() != null && !frontier.settled().isBefore(knownAt));
            if (reached && settled && (minPosition == null || frontier.covers(minPosition))) {
                return knownAt;
            }
            if (System.nanoTime() > deadline) {
                throw minPosition != null ? new NotCaughtUpException(minPosition) : new NotCaughtUpException(knownAt);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new NotCaughtUpException(knownAt);
            }
            frontier = progress.frontier();
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    /** The earliest and latest instants a read accepts, as a date does, to the microsecond both databases keep. */
    static final Instant EARLIEST_INSTANT =
            EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant();

    static final Instant LATEST_INSTANT =
            LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MICROS);

    /**
     * A UTC instant, to the microsecond. Recorded instants are whole microseconds (docs/adr/0004), and the databases
     * keep no more: a finer instant is floored, so that the database and this service compare the same value (the
     * PostgreSQL driver would round it to the nearest microsecond, up as often as down).
     */
    public static Instant instant(String field, String value) {
        Instant instant;
        try {
            instant = Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new MalformedRead(field, field + " must be a UTC instant like 2026-01-15T00:00:00Z");
        }
        return inRange(field, instant);
    }

    private static Instant inRange(String field, Instant instant) {
        if (instant.isBefore(EARLIEST_INSTANT) || instant.isAfter(LATEST_INSTANT)) {
            throw new MalformedRead(field, field + " must lie between " + EARLIEST_INSTANT + " and " + LATEST_INSTANT);
        }
        return instant.truncatedTo(ChronoUnit.MICROS);
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

    /**
     * X-Ledger-Min-Position, or null when absent. A write is committed before it is acknowledged, so a position past
     * the log's head names no write anyone was told about: waiting for it would only hold a worker for the whole bound.
     */
    public Long minPosition(String header) {
        if (header == null || header.isBlank()) {
            return null;
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
        long head = progress.headPosition();
        if (position > head) {
            throw new MalformedRead(
                    "X-Ledger-Min-Position",
                    "X-Ledger-Min-Position " + position + " is beyond the last recorded position, " + head);
        }
        return position;
    }

    /**
     * The recorded instant of the fact at {@code position}, once the read models hold it and every fact recorded by
     * then ({@link #settled}): a client's own write, or the log's head.
     */
    public Instant settledAt(long position) {
        Instant written = progress.recordedAt(position);
        return settled("X-Ledger-Min-Position", written == null ? EARLIEST_INSTANT : written, position);
    }

    /**
     * The page to read: the first one at the given (or default) asOf and knownAt, or the one a cursor names at the
     * cursor's. A cursor sent with an asOf or knownAt other than its own is refused: its pages would disagree.
     *
     * @param asOfOptional whether asOf may be absent (the history's asOf is); otherwise it defaults to today
     * @param scope what else selects the rows (the deal, the filters, as sent): a cursor serves only the same
     */
    public Page page(
            String asOfValue,
            String knownAtValue,
            String cursor,
            boolean asOfOptional,
            String minPositionHeader,
            String scope) {
        if (cursor == null || cursor.isBlank()) {
            LocalDate asOf = asOfOptional && (asOfValue == null || asOfValue.isBlank()) ? null : asOf(asOfValue);
            return new Page(asOf, knownAt(knownAtValue, minPositionHeader), scope, null);
        }
        Page pinned = Page.fromCursor(cursor, scope);
        LocalDate asOf = pinned.asOf();
        // A cursor is only as good as what it carries: one from another read, or edited, is checked as a query would
        // be, so that it is refused (400) rather than failing the read.
        if (asOf == null ? !asOfOptional : asOf.isBefore(EARLIEST) || asOf.isAfter(LATEST)) {
            throw new MalformedRead("cursor", "cursor is not one this read issued");
        }
        Instant knownAt = settled("cursor", inRange("cursor", pinned.knownAt()), minPosition(minPositionHeader));
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
