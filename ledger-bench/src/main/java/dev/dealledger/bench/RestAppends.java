package dev.dealledger.bench;

import dev.dealledger.testkit.process.LedgerHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * W1: commitments recorded through the command service's REST API, one event each, by closed-loop clients. Each client
 * writes to deals of its own (no two clients contend for one aggregate), round-robin over a few, so the numbers measure
 * the write path and not optimistic-locking retries.
 */
public final class RestAppends {

    public static final int DEALS_PER_CLIENT = 4;

    private final LedgerHttp http;
    private final String commandUrl;
    private final boolean idempotencyKeys;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final AtomicLong commitmentIds = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private final List<String> deals = new ArrayList<>();

    public RestAppends(LedgerHttp http, String commandUrl, boolean idempotencyKeys) {
        this.http = http;
        this.commandUrl = commandUrl;
        this.idempotencyKeys = idempotencyKeys;
    }

    /** A counterparty, an agreement and {@code clients * DEALS_PER_CLIENT} deals to write commitments to. */
    public void setUp(int clients) throws Exception {
        String cp = counterpartyId();
        http.expectOk(
                "PUT",
                commandUrl + "/api/v1/counterparties/" + cp,
                "{\"legalName\":\"Benchmark appends (fictional)\"}",
                Map.of());
        String agreement = "w1-msa-" + runId;
        http.expectOk(
                "POST",
                commandUrl + "/api/v1/agreements",
                "{\"agreementId\":\"" + agreement + "\",\"counterpartyId\":\"" + cp
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2024-01-15\"}",
                Map.of());
        for (int d = 0; d < clients * DEALS_PER_CLIENT; d++) {
            String deal = "w1-of-" + runId + "-" + d;
            http.expectOk(
                    "POST",
                    commandUrl + "/api/v1/deals",
                    "{\"dealId\":\"" + deal + "\",\"agreementId\":\"" + agreement
                            + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"Order form " + d
                            + "\",\"signedOn\":\"2025-01-10\",\"sourceReference\":\"benchmark\"}",
                    Map.of());
            deals.add(deal);
        }
    }

    /** The one counterparty every deal of these appends belongs to. */
    public String counterpartyId() {
        return "w1-cp-" + runId;
    }

    public int dealCount() {
        return deals.size();
    }

    /** One commitment on the given deal; answers the response (201 expected). */
    public HttpResponse<String> recordCommitment(String deal) throws Exception {
        String id = "c-" + commitmentIds.incrementAndGet();
        String body = "{\"commitmentId\":\"" + id + "\",\"amount\":\"1200000.00\",\"termStart\":\"2026-01-01\","
                + "\"termEnd\":\"2030-12-31\",\"resource\":\"Nvidia GPU cluster capacity\","
                + "\"effectiveDate\":\"2025-12-01\"}";
        Map<String, String> headers = new HashMap<>();
        if (idempotencyKeys) {
            headers.put("Idempotency-Key", runId + "-" + id + "-" + deal);
        }
        HttpResponse<String> r =
                http.exchange("POST", commandUrl + "/api/v1/deals/" + deal + "/commitments", body, headers);
        if (r.statusCode() != 201) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, r.statusCode() + " " + r.body());
        }
        return r;
    }

    /** Deal {@code n} of client {@code client}'s own. */
    public String dealOf(int client, long n, int clients) {
        int perClient = deals.size() / clients;
        return deals.get(client * perClient + (int) (n % perClient));
    }

    /** {@code clients} closed-loop writers for {@code duration}; latency per write, events per second. */
    public Latency.Summary run(int clients, Duration duration) throws Exception {
        Latency latency = new Latency();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicLong ok = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        List<Future<?>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int client = c;
            futures.add(pool.submit(() -> {
                long n = 0;
                while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = recordCommitment(dealOf(client, n++, clients));
                    if (r.statusCode() == 201) {
                        latency.record(System.nanoTime() - t0);
                        ok.incrementAndGet();
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

    public long errors() {
        return errors.get();
    }

    public String firstError() {
        return firstError.get();
    }
}
