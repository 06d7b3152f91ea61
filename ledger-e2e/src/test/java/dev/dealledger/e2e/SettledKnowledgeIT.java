package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the ledger knew at an instant never changes (docs/domain.md, docs/adr/0004). Sixteen clients write through two
 * command processes at once; right after each acknowledgement the exposure is read at the write's own recordedAt, and
 * once every write has settled each of those reads is made again: no answer may differ. The event table then shows
 * positions without holes and recorded instants that never decrease as the position grows.
 */
class SettledKnowledgeIT {

    private static final String DATABASE = "ledger_test_e2e_settled_knowledge";
    private static final int CLIENTS = 16;
    private static final int WRITES_PER_CLIENT = 63;
    private static final int COUNTERPARTIES = 4;
    private static final String AS_OF = "2026-06-30";

    private static String jdbcUrl;
    private static ServiceProcess first;
    private static ServiceProcess second;
    private static ServiceProcess query;

    @BeforeAll
    static void startServices() throws Exception {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        first = PackagedServices.command(jdbcUrl).start();
        second = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        for (ServiceProcess p : new ServiceProcess[] {query, second, first}) {
            if (p != null) {
                p.close();
            }
        }
    }

    private record Seen(Instant recordedAt, long position, String answer) {}

    @Test
    void an_answer_read_at_a_writes_own_recorded_instant_is_the_same_once_every_write_has_settled() throws Exception {
        seed();
        ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
                    ServiceProcess replica = client % 2 == 0 ? first : second;
                    for (int w = 0; w < WRITES_PER_CLIENT; w++) {
                        LedgerHttp.Reply write = http.send(
                                "POST",
                                replica.baseUrl() + "/api/v1/deals/" + deal(client) + "/commitments",
                                Facts.commitment(
                                        "c-" + client + "-" + w, "1000.00", "2026-01-01", "2026-12-31", "2025-12-01"),
                                Map.of("Idempotency-Key", "settled-" + client + "-" + w));
                        assertThat(write.status())
                                .as("write %d of client %d", w, client)
                                .isEqualTo(201);
                        Instant recordedAt =
                                Instant.parse(write.body().get("recordedAt").asText());
                        seen.add(
                                new Seen(recordedAt, write.position(), exposureAt(http, recordedAt, write.position())));
                    }
                    return null;
                }));
            }
            for (Future<?> f : clients) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(CLIENTS * WRITES_PER_CLIENT);

        long head = new EventTable(jdbcUrl).longValue("SELECT MAX(global_index) FROM event_store.domain_event_entry");
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        int changed = 0;
        String firstChange = null;
        for (Seen s : seen) {
            String again = exposureAt(http, s.recordedAt(), head);
            if (!again.equals(s.answer())) {
                changed++;
                if (firstChange == null) {
                    firstChange = "at " + s.recordedAt() + " (position " + s.position() + "): first " + s.answer()
                            + ", then " + again;
                }
            }
        }
        System.out.printf(
                "settled knowledge: %d writes through 2 command replicas, %d answers re-read, %d changed%n",
                seen.size(), seen.size(), changed);
        assertThat(changed)
                .as("answers that changed; the first: %s", firstChange)
                .isZero();

        assertTheLogIsOrderedWithoutHoles();
    }

    /** Exposure of every counterparty, as known at the instant, once the projection covers the position. */
    private static String exposureAt(LedgerHttp http, Instant knownAt, long position) throws Exception {
        LedgerHttp.Reply reply = http.get(
                query.baseUrl() + "/api/v1/exposure?asOf=" + AS_OF + "&knownAt="
                        + URLEncoder.encode(knownAt.toString(), StandardCharsets.UTF_8),
                position);
        assertThat(reply.status())
                .as("exposure at %s: %s", knownAt, reply.body())
                .isEqualTo(200);
        JsonNode rows = reply.body().get("rows");
        assertThat(rows).as("exposure rows in %s", reply.body()).isNotNull();
        return rows.toString();
    }

    private static void assertTheLogIsOrderedWithoutHoles() throws Exception {
        long expected = 1;
        Instant previous = Instant.EPOCH;
        try (Connection c = new EventTable(jdbcUrl).connect();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT global_index, time_stamp FROM event_store.domain_event_entry ORDER BY global_index");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                long position = rs.getLong(1);
                Instant recordedAt = Instant.parse(rs.getString(2));
                assertThat(position).as("the position after %d", expected - 1).isEqualTo(expected);
                assertThat(recordedAt).as("recordedAt at position %d", position).isAfterOrEqualTo(previous);
                previous = recordedAt;
                expected++;
            }
        }
        assertThat(expected - 1).isGreaterThanOrEqualTo(CLIENTS * WRITES_PER_CLIENT);
    }

    private static String deal(int client) {
        return "of-settled-" + client;
    }

    /** Four counterparties in one market (USD, payable), four deals each: every write moves every concentration. */
    private static void seed() throws Exception {
        LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
        String cmd = first.baseUrl();
        for (int p = 0; p < COUNTERPARTIES; p++) {
            String cp = "cp-settled-" + p;
            assertThat(http.send("PUT", cmd + "/api/v1/counterparties/" + cp, Facts.counterparty("Settled " + p))
                            .status())
                    .isEqualTo(200);
            assertThat(http.send("POST", cmd + "/api/v1/agreements", Facts.agreement("msa-" + cp, cp))
                            .status())
                    .isEqualTo(201);
        }
        for (int client = 0; client < CLIENTS; client++) {
            String agreement = "msa-cp-settled-" + (client % COUNTERPARTIES);
            assertThat(http.send("POST", cmd + "/api/v1/deals", Facts.deal(deal(client), agreement, "PAYABLE", "USD"))
                            .status())
                    .isEqualTo(201);
        }
    }
}
