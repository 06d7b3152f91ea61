package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.Facts;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestDatabase;
import dev.dealledger.e2e.TestTokens;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many clients amend the same commitment at once, each with {@code If-Match} set to the deal version they last saw. In
 * every round all clients hold the same, current version and are released together: exactly one amendment per round
 * is accepted, every other is a 409, and the committed amount the query service reads at the end is the original plus
 * exactly the accepted deltas, no more and no less.
 */
class RacingAmendmentsIT {

    private static final String DATABASE = "ledger_test_rel_races";
    private static final int CLIENTS = Scale.of(8, 16);
    private static final int ROUNDS = Scale.of(12, 50);
    private static final BigDecimal ORIGINAL = new BigDecimal("1200000.00");
    private static ServiceProcess command;
    private static ServiceProcess query;
    private static EventTable events;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void startServices() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    private record Attempt(BigDecimal delta, LedgerHttp.Reply reply) {}

    @Test
    void the_committed_amount_is_the_original_plus_exactly_the_accepted_deltas() throws Exception {
        String base = command.baseUrl();
        assertThat(http.send("PUT", base + "/api/v1/counterparties/racer", Facts.counterparty("Racer Compute"))
                        .status())
                .isEqualTo(200);
        assertThat(http.send("POST", base + "/api/v1/agreements", Facts.agreement("msa-racer", "racer"))
                        .status())
                .isEqualTo(201);
        assertThat(http.send("POST", base + "/api/v1/deals", Facts.deal("of-racer", "msa-racer", "PAYABLE", "USD"))
                        .status())
                .isEqualTo(201);
        LedgerHttp.Reply recorded = http.send(
                "POST",
                base + "/api/v1/deals/of-racer/commitments",
                Facts.commitment("c-1", ORIGINAL.toPlainString(), "2025-02-01", "2026-12-31", "2025-01-10"));
        assertThat(recorded.status()).isEqualTo(201);
        String version = recorded.raw().headers().firstValue("ETag").orElseThrow();
        long amendmentsBefore = events.count("CommitmentAmendedEvent");

        BigDecimal acceptedSum = BigDecimal.ZERO;
        int accepted = 0;
        int refused409 = 0;
        int attempts = 0;
        long lastPosition = recorded.position();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Attempt> results = race(clients, round, version);
                attempts += results.size();
                List<Attempt> winners =
                        results.stream().filter(a -> a.reply().status() == 201).toList();
                for (Attempt loser : results) {
                    if (loser.reply().status() != 201) {
                        assertThat(loser.reply().status())
                                .as("refused write %s", loser.reply().raw().body())
                                .isEqualTo(409);
                        assertThat(loser.reply().body().path("type").asText())
                                .matches(".*/(stale-version|concurrent-write)$");
                        refused409++;
                    }
                }
                assertThat(winners).as("accepted in round %d", round).hasSize(1);
                Attempt winner = winners.get(0);
                acceptedSum = acceptedSum.add(winner.delta());
                accepted++;
                version = winner.reply().raw().headers().firstValue("ETag").orElseThrow();
                lastPosition = Math.max(lastPosition, winner.reply().position());
            }
        } finally {
            clients.shutdownNow();
        }

        JsonNode deal = http.get(query.baseUrl() + "/api/v1/deals/of-racer?asOf=2026-12-31", lastPosition)
                .body();
        JsonNode c1 = deal.path("commitments").get(0);
        BigDecimal committed = new BigDecimal(c1.path("committed").asText());
        long amendmentEvents = events.count("CommitmentAmendedEvent") - amendmentsBefore;
        new Summary("races")
                .put("clients", CLIENTS)
                .put("rounds", ROUNDS)
                .put("attempts", attempts)
                .put("accepted", accepted)
                .put("refused409", refused409)
                .put("otherOutcomes", attempts - accepted - refused409)
                .put("amendmentEventsStored", amendmentEvents)
                .put("committed", committed.toPlainString())
                .put("expected", ORIGINAL.add(acceptedSum).toPlainString())
                .print();
        assertThat(refused409).isEqualTo(attempts - accepted);
        assertThat(amendmentEvents).isEqualTo(accepted);
        assertThat(c1.path("amendments").asLong()).isEqualTo(accepted);
        assertThat(committed).isEqualByComparingTo(ORIGINAL.add(acceptedSum));
        assertThat(version).isEqualTo("\"" + (1 + ROUNDS) + "\"");
    }

    /** All clients send an amendment with the same If-Match at the same moment. */
    private List<Attempt> race(ExecutorService clients, int round, String version) throws Exception {
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Attempt>> futures = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            int n = round * CLIENTS + client;
            // Distinct deltas, so a doubled or a missing one shows in the sum.
            BigDecimal delta = new BigDecimal("1000.00").add(new BigDecimal("13.17").multiply(BigDecimal.valueOf(n)));
            String body = Facts.amendment("am-" + round + "-" + client, delta.toPlainString(), "2025-06-01");
            futures.add(clients.submit(() -> {
                ready.countDown();
                go.await();
                return new Attempt(
                        delta,
                        http.send(
                                "POST",
                                command.baseUrl() + "/api/v1/deals/of-racer/commitments/c-1/amendments",
                                body,
                                Map.of("If-Match", version)));
            }));
        }
        assertThat(ready.await(30, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Attempt> results = new ArrayList<>();
        for (Future<Attempt> f : futures) {
            results.add(f.get(60, TimeUnit.SECONDS));
        }
        return results;
    }
}
