package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two query-service processes on one PostgreSQL database split the projection's segments through the shared token
 * store, both serve reads, and every event is projected exactly once. When one is killed (SIGKILL: no claim is
 * released), the other claims its segments within a bounded time and the totals stay exact.
 */
class QueryScaleOutIT {

    private static final String DATABASE = "ledger_test_e2e_query_scale_out";
    private static final int SEGMENTS = 4;
    private static final int DEALS = 8;
    private static String jdbcUrl;
    private static EventTable events;
    private static ServiceProcess command;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void startServices() throws Exception {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        first = PackagedServices.query(jdbcUrl).start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {second, first, command}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void two_replicas_split_the_segments_and_the_survivor_of_a_crash_takes_them_all() throws Exception {
        String cmd = command.baseUrl();
        assertThat(http.send("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty())
                        .status())
                .isEqualTo(200);
        assertThat(http.send("POST", cmd + "/api/v1/agreements", Facts.agreement())
                        .status())
                .isEqualTo(201);
        for (int d = 1; d <= DEALS; d++) {
            assertThat(http.send("POST", cmd + "/api/v1/deals", Facts.deal("of-" + d, "2025-09-30"))
                            .status())
                    .isEqualTo(201);
            assertThat(http.send(
                                    "POST",
                                    cmd + "/api/v1/deals/of-" + d + "/commitments",
                                    Facts.commitment("c-" + d, "1000000.00", "2025-10-01", "2030-12-31", "2025-09-30"))
                            .status())
                    .isEqualTo(201);
        }

        // A second replica joins: the first releases its surplus and the second claims it.
        second = PackagedServices.query(jdbcUrl).start();
        long joined = System.nanoTime();
        Map<Integer, String> split = awaitOwners(
                owners -> owners.size() == SEGMENTS
                        && count(owners, first) == SEGMENTS / 2
                        && count(owners, second) == SEGMENTS / 2,
                Duration.ofSeconds(90));
        System.out.printf(
                "scale-out: segments split 2/2 %d ms after the second replica was ready: %s%n",
                Duration.ofNanos(System.nanoTime() - joined).toMillis(), split);

        long position = amendEveryDeal("a1");
        // Both replicas serve reads of the same, exact figures.
        assertThat(committed(first, position)).isEqualTo("8008000.00");
        assertThat(committed(second, position)).isEqualTo("8008000.00");
        assertThat(events.projectedCommitmentFacts()).isEqualTo(events.commitmentFactEvents());

        // The second replica crashes; its claims are not released, they time out.
        second.kill();
        long killed = System.nanoTime();
        Map<Integer, String> takenOver =
                awaitOwners(owners -> count(owners, first) == SEGMENTS, Duration.ofSeconds(60));
        long takeOverMillis = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        System.out.printf(
                "scale-out: survivor holds all segments %d ms after the kill: %s%n", takeOverMillis, takenOver);
        // Bound: the claim timeout (10 s) plus the coordinator's claim interval (5 s), with room for a busy machine.
        assertThat(takeOverMillis).isLessThan(45_000);

        long after = amendEveryDeal("a2");
        assertThat(committed(first, after)).isEqualTo("8016000.00");
        assertThat(events.projectedCommitmentFacts()).isEqualTo(events.commitmentFactEvents());
    }

    private long amendEveryDeal(String amendmentId) throws Exception {
        long position = 0;
        for (int d = 1; d <= DEALS; d++) {
            LedgerHttp.Reply reply = http.send(
                    "POST",
                    command.baseUrl() + "/api/v1/deals/of-" + d + "/commitments/c-" + d + "/amendments",
                    Facts.amendment(amendmentId, "1000.00", "2026-01-01"));
            assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(201);
            position = Math.max(position, reply.position());
        }
        return position;
    }

    private String committed(ServiceProcess replica, long minPosition) throws Exception {
        LedgerHttp.Reply totals =
                http.get(replica.baseUrl() + "/api/v1/counterparties/coreweave/totals?asOf=2026-12-31", minPosition);
        assertThat(totals.status()).as(String.valueOf(totals.body())).isEqualTo(200);
        return totals.totalsRow("USD").path("committed").asText();
    }

    private static long count(Map<Integer, String> owners, ServiceProcess replica) {
        String prefix = replica.pid() + "@";
        return owners.values().stream().filter(o -> o.startsWith(prefix)).count();
    }

    private interface OwnersCondition {
        boolean holds(Map<Integer, String> owners);
    }

    private static Map<Integer, String> awaitOwners(OwnersCondition condition, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Integer, String> owners = owners();
        while (!condition.holds(owners)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("segment owners did not settle in " + timeout + ": " + owners);
            }
            Thread.sleep(250);
            owners = owners();
        }
        return owners;
    }

    /** Segment to owner, for the segments that have one. */
    private static Map<Integer, String> owners() throws Exception {
        Map<Integer, String> owners = new TreeMap<>();
        try (Connection c = events.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT segment, owner FROM read_model.token_entry "
                        + "WHERE processor_name = 'ledger-projection' AND owner IS NOT NULL")) {
            while (rs.next()) {
                owners.put(rs.getInt(1), rs.getString(2));
            }
        }
        return owners;
    }
}
