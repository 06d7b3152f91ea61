package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Spreads the projection's segments over the live query-service replicas, with Axon's own claiming doing the moving.
 *
 * <p>Every replica may claim every segment ({@code maxClaimedSegments} = segments), so a lone replica, or the survivor
 * of a crash, projects the whole stream once the dead replica's claims time out. The first replica to start therefore
 * claims everything. To share the work, each replica records a heartbeat in {@code read_model.processor_member}; when
 * it holds more than its share, {@code ceil(segments / live replicas)}, it releases the surplus through
 * {@link StreamingEventProcessor#releaseSegment(int, long, TimeUnit)}. A released segment is not reclaimed by the
 * releasing replica for a while, so the coordinator of a replica below its share claims it through the token store.
 * The claims themselves, and the guarantee that one segment has one owner, stay Axon's.
 */
@Startup
@ApplicationScoped
public class SegmentBalancer {

    private static final Logger LOG = Logger.getLogger(SegmentBalancer.class);

    /** Long enough for another replica's coordinator (which looks for unclaimed segments every 5 s) to claim it. */
    private static final Duration RELEASE_FOR = Duration.ofSeconds(15);

    @Inject
    QueryAxonConfiguration axon;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ActiveDataSource dataSource;

    @ConfigProperty(name = "ledger.processor.balance-interval", defaultValue = "PT2S")
    Duration interval;

    private final Clock clock = Clock.systemUTC();
    private ScheduledExecutorService scheduler;

    @PostConstruct
    void start() {
        if (!axon.autostart()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ledger-segment-balancer"));
        scheduler.scheduleWithFixedDelay(
                this::balanceQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        if (scheduler == null) {
            return;
        }
        scheduler.shutdownNow();
        try (Connection c = dataSource.connection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM read_model.processor_member WHERE node_id = ?")) {
            ps.setString(1, axon.nodeId());
            ps.executeUpdate();
        } catch (SQLException e) {
            LOG.debugf(e, "could not withdraw %s from the processor members", axon.nodeId());
        }
    }

    private void balanceQuietly() {
        try {
            balance();
        } catch (RuntimeException | SQLException e) {
            // The database may be briefly away; the next round tries again. Claims are unaffected.
            LOG.debugf(e, "segment balancing skipped this round");
        }
    }

    /** One round: heartbeat, count the live replicas, release what exceeds this replica's share. */
    void balance() throws SQLException {
        Instant now = clock.instant();
        int live = heartbeatAndCountLive(now);
        StreamingEventProcessor processor = axon.processor();
        if (!processor.isRunning() || processor.isError() || rebuild.inProgress()) {
            return;
        }
        List<Integer> mine =
                processor.processingStatus().keySet().stream().sorted().toList();
        int share = share(axon.segments(), live);
        for (int i = share; i < mine.size(); i++) {
            int segment = mine.get(i);
            LOG.infof(
                    "releasing segment %d: %d live replicas, share %d, holding %d", segment, live, share, mine.size());
            processor.releaseSegment(segment, RELEASE_FOR.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How many segments one of {@code live} replicas should hold at most. */
    static int share(int segments, int live) {
        return (segments + Math.max(1, live) - 1) / Math.max(1, live);
    }

    private int heartbeatAndCountLive(Instant now) throws SQLException {
        Timestamp at = Timestamp.from(now);
        try (Connection c = dataSource.connection()) {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE read_model.processor_member SET heartbeat_at = ? WHERE node_id = ?")) {
                update.setTimestamp(1, at);
                update.setString(2, axon.nodeId());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO read_model.processor_member (node_id, heartbeat_at) VALUES (?, ?)")) {
                        insert.setString(1, axon.nodeId());
                        insert.setTimestamp(2, at);
                        insert.executeUpdate();
                    }
                }
            }
            // A replica that missed three heartbeats is gone; forget it after a minute.
            try (PreparedStatement forget =
                    c.prepareStatement("DELETE FROM read_model.processor_member WHERE heartbeat_at < ?")) {
                forget.setTimestamp(1, Timestamp.from(now.minus(Duration.ofMinutes(1))));
                forget.executeUpdate();
            }
            try (PreparedStatement live =
                    c.prepareStatement("SELECT COUNT(*) FROM read_model.processor_member WHERE heartbeat_at >= ?")) {
                live.setTimestamp(1, Timestamp.from(now.minus(interval.multipliedBy(3))));
                try (ResultSet rs = live.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        }
    }
}
