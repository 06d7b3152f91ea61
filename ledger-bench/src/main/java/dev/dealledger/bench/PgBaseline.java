package dev.dealledger.bench;

import dev.dealledger.axon.EventStoreSchema;
import java.io.ByteArrayOutputStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * W0: what PostgreSQL itself allows on this machine. Rows shaped like the event table (a copy of it, with the same
 * columns and indexes) and as large as the events W1 appends (a commitment's payload and metadata in the stored
 * format), inserted over plain JDBC: one row per commit with 1, 4 and 16 clients, 100 rows per commit, and COPY.
 * synchronous_commit stays as the server has it (on by default; the run prints it).
 */
public final class PgBaseline {

    static final String TABLE = "bench_w0.domain_event_entry";
    private static final String INSERT = "INSERT INTO " + TABLE
            + " (event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
            + " aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final List<EventStoreLoader.StoredEvent> samples;
    private final AtomicLong sequence = new AtomicLong();

    public PgBaseline(String jdbcUrl, String user, String password, List<EventStoreLoader.StoredEvent> samples) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.samples = samples;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }

    /** The table: a copy of the event table with its columns, identity, checks and indexes. */
    public void createTable() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_w0 CASCADE");
            s.execute("CREATE SCHEMA bench_w0");
            s.execute("CREATE TABLE " + TABLE + " (LIKE " + EventStoreSchema.EVENT_TABLE + " INCLUDING ALL)");
        }
    }

    public void dropTable() throws SQLException {
        try (Connection c = connect();
                Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_w0 CASCADE");
        }
    }

    /** One row per commit from {@code clients} connections for {@code duration}; latency per commit. */
    public Latency.Summary singleRowCommits(int clients, Duration duration) throws Exception {
        Latency latency = new Latency();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            String aggregate = "w0-" + UUID.randomUUID();
            futures.add(pool.submit(() -> {
                try (Connection c = connect();
                        PreparedStatement ps = c.prepareStatement(INSERT)) {
                    long seq = 0;
                    while (System.nanoTime() < deadline) {
                        long t0 = System.nanoTime();
                        bind(ps, aggregate, seq++);
                        ps.executeUpdate();
                        latency.record(System.nanoTime() - t0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        long elapsed = System.nanoTime() - start;
        pool.shutdown();
        return latency.summary(elapsed, 1);
    }

    /** {@code rowsPerCommit} rows per transaction as one JDBC batch, one client; latency per commit, rate in rows. */
    public Latency.Summary batchedCommits(int rowsPerCommit, Duration duration) throws SQLException {
        Latency latency = new Latency();
        String aggregate = "w0-" + UUID.randomUUID();
        long seq = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        try (Connection c = connect();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            c.setAutoCommit(false);
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                for (int i = 0; i < rowsPerCommit; i++) {
                    bind(ps, aggregate, seq++);
                    ps.addBatch();
                }
                ps.executeBatch();
                c.commit();
                latency.record(System.nanoTime() - t0);
            }
        }
        return latency.summary(System.nanoTime() - start, rowsPerCommit);
    }

    /** COPY in chunks of {@code rowsPerCopy}, one client; latency per COPY, rate in rows. */
    public Latency.Summary copy(int rowsPerCopy, Duration duration) throws Exception {
        Latency latency = new Latency();
        String aggregate = "w0-" + UUID.randomUUID();
        long seq = 0;
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 20);
        try (Connection c = connect()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            while (System.nanoTime() < deadline) {
                long t0 = System.nanoTime();
                CopyIn copy = pg.getCopyAPI()
                        .copyIn("COPY " + TABLE + " (event_identifier, meta_data, payload, payload_revision,"
                                + " payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                                + " FROM STDIN (FORMAT text)");
                for (int i = 0; i < rowsPerCopy; i++) {
                    EventStoreLoader.StoredEvent e = sample();
                    EventStoreLoader.text(buffer, UUID.randomUUID().toString());
                    buffer.write('\t');
                    EventStoreLoader.bytea(buffer, e.metaData());
                    buffer.write('\t');
                    EventStoreLoader.bytea(buffer, e.payload());
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, e.payloadRevision());
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, e.payloadType());
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, e.timeStamp());
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, aggregate);
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, Long.toString(seq++));
                    buffer.write('\t');
                    EventStoreLoader.text(buffer, "Deal");
                    buffer.write('\n');
                    if (buffer.size() > (1 << 20) - 8192) {
                        copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                        buffer.reset();
                    }
                }
                if (buffer.size() > 0) {
                    copy.writeToCopy(buffer.toByteArray(), 0, buffer.size());
                    buffer.reset();
                }
                copy.endCopy();
                latency.record(System.nanoTime() - t0);
            }
        }
        return latency.summary(System.nanoTime() - start, rowsPerCopy);
    }

    private EventStoreLoader.StoredEvent sample() {
        return samples.get((int) Math.floorMod(sequence.getAndIncrement(), (long) samples.size()));
    }

    private void bind(PreparedStatement ps, String aggregate, long seq) throws SQLException {
        EventStoreLoader.StoredEvent e = sample();
        ps.setString(1, UUID.randomUUID().toString());
        ps.setBytes(2, e.metaData());
        ps.setBytes(3, e.payload());
        ps.setString(4, e.payloadRevision());
        ps.setString(5, e.payloadType());
        ps.setString(6, e.timeStamp());
        ps.setString(7, aggregate);
        ps.setLong(8, seq);
        ps.setString(9, "Deal");
    }

    /** Stored-format commitment events, as W1 appends them, to give W0 rows the same size. */
    public static List<EventStoreLoader.StoredEvent> commitmentSamples(long seed, int count) throws Exception {
        HistoryGenerator generator = new HistoryGenerator(HistoryGenerator.Shape.forEvents(20_000), seed);
        EventStoreLoader loader = new EventStoreLoader(seed);
        List<EventStoreLoader.StoredEvent> samples = new ArrayList<>();
        Instant now = Instant.now();
        while (generator.hasNext() && samples.size() < count) {
            HistoryGenerator.Event e = generator.next();
            EventStoreLoader.StoredEvent stored = loader.stored(e, now, samples.size() + 1L);
            if (e.payload() instanceof dev.dealledger.api.event.CommitmentRecordedEvent) {
                samples.add(stored);
            }
        }
        return samples;
    }
}
