package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import dev.dealledger.verify.EventHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two command-service processes write to one event store at the same time. The idempotency records and the deal's
 * version live in the database, not in either process, so an {@code Idempotency-Key} sent to both still records one
 * fact, and of many writes made against the same {@code If-Match} version through both, exactly one is recorded.
 */
class CommandScaleOutIT {

    private static final String DATABASE = "ledger_test_e2e_command_scale_out";
    private static final int CLIENTS = 16;
    private static String jdbcUrl;
    private static ServiceProcess first;
    private static ServiceProcess second;

    @BeforeAll
    static void startServices() throws Exception {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        first = PackagedServices.command(jdbcUrl).start();
        second = PackagedServices.command(jdbcUrl).start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {second, first}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void one_idempotency_key_sent_to_both_replicas_records_one_fact() throws Exception {
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        seed(http, "of-idem");
        String body = Facts.amendment("am-idem", "5000000.00", "2026-01-01");

        List<LedgerHttp.Reply> replies = concurrently(i -> new LedgerHttp(TestTokens.allRoles())
                .send(
                        "POST",
                        replica(i).baseUrl() + "/api/v1/deals/of-idem/commitments/c-1/amendments",
                        body,
                        Map.of("Idempotency-Key", "scale-out-idem-1")));

        assertThat(replies).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));
        assertThat(replies.stream().map(LedgerHttp.Reply::position).distinct()).hasSize(1);
        assertThat(amendmentsOf("of-idem")).isEqualTo(1);
    }

    @Test
    void of_many_writes_against_one_version_through_both_replicas_exactly_one_is_recorded() throws Exception {
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        LedgerHttp.Reply seeded = seed(http, "of-race");
        String version = seeded.raw().headers().firstValue("ETag").orElseThrow();

        List<LedgerHttp.Reply> replies = concurrently(i -> new LedgerHttp(TestTokens.allRoles())
                .send(
                        "POST",
                        replica(i).baseUrl() + "/api/v1/deals/of-race/commitments/c-1/amendments",
                        Facts.amendment("am-race-" + i, "1000.00", "2026-01-01"),
                        Map.of("If-Match", version)));

        long accepted = replies.stream().filter(r -> r.status() == 201).count();
        assertThat(accepted).isEqualTo(1);
        assertThat(replies)
                .filteredOn(r -> r.status() != 201)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(409));
        assertThat(amendmentsOf("of-race")).isEqualTo(1);
        System.out.printf(
                "scale-out: %d If-Match writes through 2 command replicas: %d recorded, %d answered 409%n",
                replies.size(), accepted, replies.size() - accepted);
    }

    @Test
    void writes_to_one_deal_through_both_replicas_keep_one_unbroken_hash_chain() throws Exception {
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        seed(http, "of-chain");
        // Runs of writes through one replica, then the other: each replica remembers the chain head it committed last
        // and must notice when the other one has moved the chain on.
        int[] runs = {3, 1, 2, 4, 1, 1, 3};
        int n = 0;
        for (int run = 0; run < runs.length; run++) {
            ServiceProcess through = run % 2 == 0 ? first : second;
            for (int i = 0; i < runs[run]; i++, n++) {
                LedgerHttp.Reply amended = http.send(
                        "POST",
                        through.baseUrl() + "/api/v1/deals/of-chain/commitments/c-1/amendments",
                        Facts.amendment("am-chain-" + n, "1000.00", "2026-01-01"));
                assertThat(amended.status()).as(String.valueOf(amended.body())).isEqualTo(201);
            }
        }
        int sequential = n;
        // Then both at once: the replica that loses a race to a sequence number evaluates its command again.
        List<LedgerHttp.Reply> raced = concurrently(i -> new LedgerHttp(TestTokens.allRoles())
                .send(
                        "POST",
                        replica(i).baseUrl() + "/api/v1/deals/of-chain/commitments/c-1/amendments",
                        Facts.amendment("am-chain-race-" + i, "1000.00", "2026-01-01")));
        assertThat(raced).allSatisfy(r -> assertThat(r.status()).isEqualTo(201));

        assertThat(amendmentsOf("of-chain")).isEqualTo(sequential + CLIENTS);
        assertThat(brokenLinks("of-chain")).isEmpty();
    }

    /** Events of the deal whose previous hash is not the stored hash of the event before them. */
    private static List<Long> brokenLinks(String dealId) throws Exception {
        ObjectMapper json = new ObjectMapper();
        List<Long> broken = new ArrayList<>();
        try (Connection c = new EventTable(jdbcUrl).connect();
                PreparedStatement ps = c.prepareStatement("SELECT sequence_number, meta_data FROM"
                        + " event_store.domain_event_entry WHERE aggregate_identifier = ? ORDER BY sequence_number")) {
            ps.setString(1, dealId);
            try (ResultSet rs = ps.executeQuery()) {
                String previous = EventHash.GENESIS;
                while (rs.next()) {
                    JsonNode meta = json.readTree(rs.getBytes(2));
                    if (!previous.equals(meta.path(EventHash.PREVIOUS_HASH).asText())) {
                        broken.add(rs.getLong(1));
                    }
                    previous = meta.path(EventHash.HASH).asText();
                }
            }
        }
        return broken;
    }

    private static ServiceProcess replica(int i) {
        return i % 2 == 0 ? first : second;
    }

    /** Registers the counterparty and agreement (idempotent PUT / first POST wins), a deal and one commitment. */
    private static LedgerHttp.Reply seed(LedgerHttp http, String dealId) throws Exception {
        String cmd = first.baseUrl();
        assertThat(http.send("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty())
                        .status())
                .isEqualTo(200);
        int agreement =
                http.send("POST", cmd + "/api/v1/agreements", Facts.agreement()).status();
        assertThat(agreement).isIn(201, 409);
        assertThat(http.send("POST", cmd + "/api/v1/deals", Facts.deal(dealId, "2025-09-30"))
                        .status())
                .isEqualTo(201);
        LedgerHttp.Reply commitment = http.send(
                "POST",
                second.baseUrl() + "/api/v1/deals/" + dealId + "/commitments",
                Facts.commitment("c-1", "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30"));
        assertThat(commitment.status()).isEqualTo(201);
        return commitment;
    }

    private interface Call {
        LedgerHttp.Reply send(int client) throws Exception;
    }

    /** Every client sends at the same moment; the answers in client order. */
    private static List<LedgerHttp.Reply> concurrently(Call call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LedgerHttp.Reply>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int client = i;
                Callable<LedgerHttp.Reply> task = () -> {
                    go.await();
                    return call.send(client);
                };
                futures.add(pool.submit(task));
            }
            go.countDown();
            List<LedgerHttp.Reply> replies = new ArrayList<>();
            for (Future<LedgerHttp.Reply> f : futures) {
                replies.add(f.get());
            }
            return replies;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long amendmentsOf(String dealId) throws Exception {
        return new EventTable(jdbcUrl)
                .longValue(
                        "SELECT COUNT(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?"
                                + " AND payload_type = ?",
                        dealId,
                        EventTable.EVENT + "CommitmentAmendedEvent");
    }
}
