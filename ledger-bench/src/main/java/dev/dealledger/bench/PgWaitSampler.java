package dev.dealledger.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/**
 * What the database's sessions of one benchmark database were doing, sampled from pg_stat_activity every 50 ms:
 * "CPU" for active sessions with no wait event, else the wait event (WALWrite, WalSync, transactionid, ClientRead...).
 * Only active sessions count, so the shares say what limits statements in flight.
 */
public final class PgWaitSampler implements AutoCloseable {

    private final Connection connection;
    private final String database;
    private final Map<String, Long> counts = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private long samples;

    public PgWaitSampler(Connection connection, String database) {
        this.connection = connection;
        this.database = database;
        this.thread = new Thread(this::sample, "bench-pg-waits");
        thread.setDaemon(true);
        thread.start();
    }

    private void sample() {
        String sql = "SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') FROM pg_stat_activity"
                + " WHERE datname = ? AND state = 'active' AND pid <> pg_backend_pid()";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, database);
            while (running.get()) {
                try (ResultSet rs = ps.executeQuery()) {
                    synchronized (counts) {
                        samples++;
                        while (rs.next()) {
                            counts.merge(rs.getString(1), 1L, Long::sum);
                        }
                    }
                }
                Thread.sleep(50);
            }
        } catch (Exception e) {
            // sampling is best effort
        }
    }

    /** The top wait events as average active sessions, e.g. "IO:WALSync 3.1, CPU 1.2, Lock:transactionid 0.4". */
    public String summary() {
        synchronized (counts) {
            if (samples == 0) {
                return "no samples";
            }
            long n = samples;
            return counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(6)
                    .map(e -> String.format(java.util.Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / (double) n))
                    .collect(Collectors.joining(", "));
        }
    }

    @Override
    public void close() throws Exception {
        running.set(false);
        thread.join(2_000);
        connection.close();
    }
}
