package dev.dealledger.axon;

import dev.dealledger.verify.Checkpoint;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The head of the one ordered log (docs/adr/0004): the only place where positions and recorded instants are assigned.
 *
 * <p>A transaction that appends first takes the row lock of {@code event_store.log_head} and holds it until it commits
 * or rolls back. While it holds it, it is the only appender of the whole ledger, across every replica, so:
 *
 * <ul>
 *   <li>positions are {@code MAX(global_index) + 1, + 2, ...}: a rollback gives its positions back and the next holder
 *       takes the same ones, so the committed log has no holes;
 *   <li>the transaction's recorded instant is the database clock, but strictly after the instant of every transaction
 *       that held the lock before; all its facts share it, because they become visible together;
 *   <li>commits happen in position order: the next holder waits for this commit, and PostgreSQL makes a commit visible
 *       before it releases the transaction's locks. So the visible log is always a prefix, and "known at K" is the
 *       prefix of facts whose instant is at most K.
 * </ul>
 */
@ApplicationScoped
public class OrderedLog {

    public static final String HEAD_TABLE = EventStoreSchema.SCHEMA + ".log_head";

    /** Instants are kept to the microsecond: the stored format writes six fraction digits. */
    private static final ChronoUnit GRANULARITY = ChronoUnit.MICROS;

    @Inject
    ActiveDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    /** Signs the log before each appending transaction commits; set by the service that appends. */
    private volatile LogSealer sealer;

    /** Used where the database has no clock of its own worth asking (embedded H2 runs in this JVM). */
    private final Clock clock = Clock.systemUTC();

    /** What one transaction holds of the log while it appends. Not shared between threads. */
    public static final class Held {
        private final long headBefore;
        private final Instant recordedAt;
        private long nextPosition;
        private final Map<String, Appended> appended = new HashMap<>();
        private final Map<String, Chained> chainHeads = new HashMap<>();
        private final List<Runnable> onCommit = new ArrayList<>();
        private final List<Hashed> hashed = new ArrayList<>();
        private boolean checkpointRequested;
        private Checkpoint checkpoint;
        private LogSealer sealer;
        private int sealedCount;
        private int appendedCount;

        Held(long headBefore, Instant recordedAt) {
            this.headBefore = headBefore;
            this.recordedAt = recordedAt;
            this.nextPosition = headBefore + 1;
        }

        /** The highest committed position when this transaction took the log. */
        public long headBefore() {
            return headBefore;
        }

        /** The recorded instant of every fact this transaction appends. */
        public Instant recordedAt() {
            return recordedAt;
        }

        long takePosition() {
            return nextPosition++;
        }

        void appended(String aggregateId, long sequenceNumber, long position) {
            appended.put(aggregateId, new Appended(sequenceNumber, position, recordedAt));
            appendedCount++;
        }

        /** How many events this transaction has appended so far. */
        public int appendedCount() {
            return appendedCount;
        }

        /**
         * The hash of the event with {@code sequenceNumber} that this transaction appended to the aggregate, or null if
         * it appended none with that number.
         */
        public String chainHash(String aggregateId, long sequenceNumber) {
            Chained head = chainHeads.get(aggregateId);
            return head != null && head.sequenceNumber() == sequenceNumber ? head.hash() : null;
        }

        /** Notes the hash of the event this transaction just appended to the aggregate. */
        public void chained(String aggregateId, long sequenceNumber, String hash) {
            chainHeads.put(aggregateId, new Chained(sequenceNumber, hash));
        }

        private record Chained(long sequenceNumber, String hash) {}

        /** Notes the hash of the event this transaction placed at {@code position}, for the log's checkpoint. */
        public void hashed(long position, String hash) {
            hashed.add(new Hashed(position, hash));
        }

        List<Hashed> hashed() {
            return hashed;
        }

        /** Asks for a checkpoint at commit even if this transaction appends nothing (a checkpoint on demand). */
        public void requestCheckpoint() {
            checkpointRequested = true;
        }

        /** The checkpoint this transaction stored before it committed, or null if it stored none. */
        public Checkpoint checkpoint() {
            return checkpoint;
        }

        /**
         * Signs a checkpoint of what this transaction appended so far, now, and answers it (or the last one, if nothing
         * was appended since). Before the commit, whatever was appended after it is sealed as well. Null when the
         * transaction appended nothing and asked for no checkpoint, or when the log is not sealed at all.
         */
        public Checkpoint seal() {
            boolean pending = hashed.size() > sealedCount || (checkpointRequested && checkpoint == null);
            if (sealer == null || !pending) {
                return checkpoint;
            }
            checkpoint = sealer.seal(this, checkpoint, sealedCount);
            sealedCount = hashed.size();
            return checkpoint;
        }

        /** Runs {@code action} on this thread once the transaction has committed; never if it rolls back. */
        public void onCommit(Runnable action) {
            onCommit.add(action);
        }

        /** The newest event this transaction appended to the aggregate, or null if it appended none. */
        public Appended lastAppendedTo(String aggregateId) {
            return appended.get(aggregateId);
        }
    }

    /** An event of the holding transaction: its position and its hash. */
    public record Hashed(long position, String hash) {}

    /** One appended event's place in the log. */
    public record Appended(long version, long position, Instant recordedAt) {}

    /**
     * Takes the log for the current JTA transaction, or answers what the transaction already holds. Blocks while
     * another transaction (of this or another process) holds it.
     */
    public Held hold() {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            throw new IllegalStateException("the log can only be held inside an active transaction, not in status "
                    + transactions.getTransactionStatus());
        }
        Held held = (Held) transactions.getResource(OrderedLog.class);
        if (held == null) {
            Held taken = take();
            transactions.putResource(OrderedLog.class, taken);
            taken.sealer = sealer;
            if (taken.sealer != null) {
                transactions.registerInterposedSynchronization(new Synchronization() {
                    @Override
                    public void beforeCompletion() {
                        if (transactions.getTransactionStatus() == Status.STATUS_ACTIVE) {
                            taken.seal();
                        }
                    }

                    @Override
                    public void afterCompletion(int status) {}
                });
            }
            AfterCommit.run(transactions, () -> taken.onCommit.forEach(Runnable::run));
            held = taken;
        }
        return held;
    }

    /**
     * Has every appending transaction sign a checkpoint of the log before it commits (docs/security.md). Without a
     * sealer, the log is appended to without checkpoints, which verification reports.
     */
    public void sealWith(LogSealer logSealer) {
        this.sealer = logSealer;
    }

    /** The last committed appending transaction: its instant and the highest position it (or any before it) wrote. */
    public record Settled(long position, Instant recordedAt) {}

    /**
     * What is known for certain right now, without taking the lock: every fact recorded at or before {@code
     * recordedAt} is committed at a position of at most {@code position}. Both come from one statement, so from one
     * snapshot: the head row's instant is the last committed appender's, its facts are in that snapshot with it, and
     * any later appender gets a strictly later instant.
     */
    public Settled settled() {
        String sql = "SELECT h.recorded_at, (SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE
                + ") FROM " + HEAD_TABLE + " h WHERE h.id = 1";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException(HEAD_TABLE + " has no row: the event store migration did not run");
            }
            return new Settled(
                    rs.getLong(2), rs.getObject(1, OffsetDateTime.class).toInstant());
        } catch (SQLException e) {
            throw new LogUnavailableException("could not read the head of the event log", e);
        }
    }

    /** What the current transaction holds, or null if it has not taken the log. */
    public Held heldOrNull() {
        if (transactions.getTransactionStatus() == Status.STATUS_NO_TRANSACTION) {
            return null;
        }
        return (Held) transactions.getResource(OrderedLog.class);
    }

    private Held take() {
        boolean postgres = dataSource.isPostgres();
        String lock = "SELECT recorded_at, " + (postgres ? "clock_timestamp()" : "NULL") + " FROM " + HEAD_TABLE
                + " WHERE id = 1 FOR UPDATE";
        try (Connection c = dataSource.connection()) {
            Instant previous;
            Instant now;
            try (PreparedStatement ps = c.prepareStatement(lock);
                    ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException(HEAD_TABLE + " has no row: the event store migration did not run");
                }
                previous = rs.getObject(1, OffsetDateTime.class).toInstant();
                OffsetDateTime databaseNow = postgres ? rs.getObject(2, OffsetDateTime.class) : null;
                now = databaseNow != null ? databaseNow.toInstant() : clock.instant();
            }
            long head;
            try (PreparedStatement ps = c.prepareStatement(
                            "SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE);
                    ResultSet rs = ps.executeQuery()) {
                rs.next();
                head = rs.getLong(1);
            }
            Instant recordedAt = next(previous, now);
            try (PreparedStatement ps =
                    c.prepareStatement("UPDATE " + HEAD_TABLE + " SET recorded_at = ? WHERE id = 1")) {
                ps.setObject(1, recordedAt.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
            return new Held(head, recordedAt);
        } catch (SQLException e) {
            throw new LogUnavailableException("could not take the head of the event log", e);
        }
    }

    /** The instant of the next transaction: the clock, but strictly after the previous holder's instant. */
    static Instant next(Instant previous, Instant now) {
        Objects.requireNonNull(previous, "previous instant");
        Instant candidate = now.truncatedTo(GRANULARITY);
        Instant floor = previous.truncatedTo(GRANULARITY).plus(1, GRANULARITY);
        return candidate.isBefore(floor) ? floor : candidate;
    }

    private static final DateTimeFormatter STORED =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    /**
     * The recorded instant as the event table stores it: UTC, always six fraction digits, so the stored text sorts as
     * the instants do and the hash chain covers exactly what a reader parses back.
     */
    public static String format(Instant recordedAt) {
        return STORED.format(recordedAt);
    }

    /** Assigns the next position to one event of the holding transaction and remembers it for the receipt. */
    long place(Held held, String aggregateId, long sequenceNumber) {
        long position = held.takePosition();
        held.appended(aggregateId, sequenceNumber, position);
        return position;
    }

    /** The database refused or lost the statement that takes the log; the cause says which. */
    public static final class LogUnavailableException extends RuntimeException {
        LogUnavailableException(String message, SQLException cause) {
            super(message, cause);
        }
    }
}
