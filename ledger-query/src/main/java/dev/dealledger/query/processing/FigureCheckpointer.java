package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.query.readmodel.FigureCheckpoints;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Builds a figure checkpoint (docs/adr/0007) behind the projection, once {@code ledger.read.checkpoint.every-points}
 * points have been recorded since the last one. Pooled segments project out of order, so a checkpoint's instant C is
 * chosen below every fact not yet projected: the projection covers every position up to P, and C is just before the
 * recorded instant of the first event after P. Since recorded instants increase with position (docs/adr/0004), every
 * fact recorded by C is then projected, and a checkpoint never changes once written.
 */
@Startup
@ApplicationScoped
public class FigureCheckpointer {

    private static final Logger LOG = Logger.getLogger(FigureCheckpointer.class);

    @Inject
    ActiveDataSource dataSource;

    @Inject
    ProjectionProgress progress;

    @Inject
    ReadModelRebuild rebuild;

    /**
     * Points recorded since the last checkpoint that make the next one worth writing; 0 writes none. A read sums the
     * points recorded since the newest checkpoint before its knownAt, so this bounds a current read.
     */
    @ConfigProperty(name = "ledger.read.checkpoint.every-points", defaultValue = "20000")
    long everyPoints;

    /**
     * The spacing of the checkpoints kept for good, in points, which bounds a read at a past knownAt, and the interval
     * while the projection catches up (a rebuild), when writing one every {@code every-points} would slow it. A
     * checkpoint closer than this to the kept one before it is removed once a newer one is written.
     */
    @ConfigProperty(name = "ledger.read.checkpoint.keep-every-points", defaultValue = "200000")
    long keepEveryPoints;

    /** How far behind the head, in events, the projection is catching up rather than following. */
    @ConfigProperty(name = "ledger.read.checkpoint.catching-up-events", defaultValue = "20000")
    long catchingUpEvents;

    @ConfigProperty(name = "ledger.read.checkpoint.check-interval", defaultValue = "5s")
    java.time.Duration checkInterval;

    private ScheduledExecutorService executor;

    private boolean vacuumSkipLogged;

    @PostConstruct
    void start() {
        if (everyPoints <= 0) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ledger-figure-checkpoints"));
        long millis = checkInterval.toMillis();
        executor.scheduleWithFixedDelay(this::checkQuietly, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }

    private void checkQuietly() {
        try {
            check();
        } catch (Exception e) {
            if (executor.isShutdown()) {
                return; // the service is stopping, and its connection pool with it
            }
            // The next check tries again; reads meanwhile sum from the last checkpoint or from the points.
            LOG.warnf(e, "could not write a figure checkpoint");
        }
    }

    /**
     * Writes the next checkpoint if enough points were recorded since the last; answers its instant, or null. Never
     * while a rebuild starts: it empties the tables, and a checkpoint written from half of them would stay wrong. A
     * rebuild under way is no reason to wait: what it has projected so far is as good as what it replaced.
     */
    public synchronized Instant check() throws Exception {
        return rebuild.apartFromAStart(this::checkNow);
    }

    private Instant checkNow() throws SQLException {
        try (Connection c = dataSource.connection()) {
            c.setAutoCommit(false);
            try {
                if (dataSource.isPostgres()) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
                    }
                }
                // Read in the snapshot that the checkpoint is written from: tokens commit with the rows they cover,
                // so a rebuild another replica starts meanwhile cannot leave this one reading half of its tables.
                OptionalLong covered = progress.lowestStoredPosition(c);
                if (covered.isEmpty()) {
                    c.rollback();
                    return null;
                }
                Instant at = cut(c, covered.getAsLong());
                Instant latest = FigureCheckpoints.latest(c);
                boolean catchingUp = progress.headPosition() - covered.getAsLong() > catchingUpEvents;
                if (at == null
                        || (latest != null && !at.isAfter(latest))
                        || FigureCheckpoints.pointsRecordedBetween(c, latest, at)
                                < (catchingUp ? Math.max(everyPoints, keepEveryPoints) : everyPoints)) {
                    c.rollback();
                    return null;
                }
                long rows = FigureCheckpoints.build(c, at);
                Instant removed = FigureCheckpoints.thin(c, keepEveryPoints);
                c.commit();
                LOG.infof(
                        "figure checkpoint at %s: %d rows%s", at, rows, removed == null ? "" : "; removed " + removed);
                if (dataSource.isPostgres()) {
                    vacuumCoveredTables(c);
                }
                return at;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /**
     * Marks the pages written since the last vacuum all-visible in the two tables whose reads are meant to come from a
     * covering index alone: the points, for a read inside a month (migration "mid_month_points"), and the commitment
     * facts, for a counterparty's schedule and disclosures (migration "commitment_facts_of_a_counterparty_in_order").
     * Autovacuum does the same, but on its own schedule: an insert-only table waits until a fifth of it is new, which on
     * a large ledger is hundreds of thousands of facts read row by row from the table meanwhile. VACUUM reads only the
     * pages not yet marked, and must run outside a transaction; statistics are left to autovacuum, since sampling the
     * whole table after every checkpoint would cost more than the vacuum. Where the service's role does not own the tables, PostgreSQL skips them with
     * a warning and autovacuum is left to do it (deploy/README.md, "Keep autovacuum on").
     */
    private void vacuumCoveredTables(Connection c) {
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("VACUUM read_model.rm_figure_point, read_model.rm_commitment_fact");
            SQLWarning skipped = s.getWarnings();
            if (skipped != null && !vacuumSkipLogged) {
                vacuumSkipLogged = true;
                LOG.warnf(
                        "vacuum after a figure checkpoint: %s (logged once; autovacuum must do it)",
                        skipped.getMessage());
            }
        } catch (SQLException e) {
            // The checkpoint is written; reads are only slower until the next vacuum, this one's or autovacuum's.
            LOG.warnf(e, "could not vacuum the figure points and commitment facts");
        }
    }

    /**
     * The newest instant every fact recorded by is projected: just before the first event past {@code covered}, or,
     * when the projection has passed the head, the newest point's instant.
     */
    private static Instant cut(Connection c, long covered) throws SQLException {
        // The first event past the covered position has the earliest instant of all of them: the log is ordered by
        // position and instant alike (docs/adr/0004), so one indexed row answers without scanning the rest.
        try (PreparedStatement ps = c.prepareStatement("SELECT time_stamp FROM " + EventStoreSchema.EVENT_TABLE
                + " WHERE global_index > ? ORDER BY global_index LIMIT 1")) {
            ps.setLong(1, covered);
            try (ResultSet rs = ps.executeQuery()) {
                String next = rs.next() ? rs.getString(1) : null;
                Instant upTo =
                        next == null ? Instant.now() : Instant.parse(next).minus(1, ChronoUnit.MICROS);
                return FigureCheckpoints.newestPointBy(c, upTo);
            }
        }
    }
}
