package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.Facts;
import dev.dealledger.e2e.TestTokens;
import dev.dealledger.testkit.process.LedgerHttp;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Several clients writing at once, each to its own deal, every write with its own {@code Idempotency-Key}, as a careful
 * client of the ledger does: a write that fails without an answer (connection refused or reset, a 5xx) or with 503 is
 * retried with the same key and the same body until it is acknowledged. The clients count what was acknowledged; the
 * checks then compare that count with the event table.
 */
final class WriteLoad {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One write a client makes: its key and body, and what it finally got. */
    static final class Operation {
        final String key;
        final String path;
        final String body;
        volatile int status;
        volatile long position = -1;
        volatile int failedAttempts;
        volatile boolean acknowledged;

        Operation(String key, String path, String body) {
            this.key = key;
            this.path = path;
            this.body = body;
        }
    }

    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());
    private final Supplier<String> commandUrl;
    private final String prefix;
    private final int clients;
    private final int writesPerClient;
    private final List<List<Operation>> plan = new ArrayList<>();
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicInteger unavailable503 = new AtomicInteger();
    private final AtomicInteger unavailableWithoutRetryAfter = new AtomicInteger();
    private final AtomicInteger otherServerErrors = new AtomicInteger();
    private final Map<String, Integer> refusals = new ConcurrentHashMap<>();
    private final Map<String, Integer> serverErrors = new ConcurrentHashMap<>();
    private ExecutorService pool;
    private Duration pause = Duration.ZERO;
    private final List<Future<?>> running = new ArrayList<>();

    WriteLoad(Supplier<String> commandUrl, String prefix, int clients, int writesPerClient) {
        this.commandUrl = commandUrl;
        this.prefix = prefix;
        this.clients = clients;
        this.writesPerClient = writesPerClient;
    }

    /**
     * Records three counterparties with one agreement each and one deal per client (USD and EUR, payable and
     * receivable), without keys and before any fault, then plans each client's writes: commitments, amendments of the
     * client's previous commitment and options.
     */
    WriteLoad prepare() throws Exception {
        String base = commandUrl.get();
        for (int cp = 0; cp < 3; cp++) {
            String counterparty = prefix + "-cp" + cp;
            expect(
                    200,
                    http.send(
                            "PUT",
                            base + "/api/v1/counterparties/" + counterparty,
                            Facts.counterparty("Fictional " + cp)));
            expect(
                    201,
                    http.send(
                            "POST", base + "/api/v1/agreements", Facts.agreement(prefix + "-msa" + cp, counterparty)));
        }
        for (int client = 0; client < clients; client++) {
            String deal = dealId(client);
            String direction = client % 2 == 0 ? "PAYABLE" : "RECEIVABLE";
            String currency = client % 3 == 2 ? "EUR" : "USD";
            expect(
                    201,
                    http.send(
                            "POST",
                            base + "/api/v1/deals",
                            Facts.deal(deal, prefix + "-msa" + client % 3, direction, currency)));
            List<Operation> writes = new ArrayList<>();
            for (int i = 0; i < writesPerClient; i++) {
                String id = prefix + "-" + client + "-" + i;
                String key = "key-" + id;
                if (i % 6 == 3) {
                    String previous = prefix + "-" + client + "-" + (i - 1);
                    String delta =
                            (i % 12 == 9 ? "-" : "") + (100 + i) + "." + String.format("%02d", (client * 7 + i) % 100);
                    writes.add(new Operation(
                            key,
                            "/api/v1/deals/" + deal + "/commitments/c-" + previous + "/amendments",
                            Facts.amendment("am-" + id, delta, "2026-0" + (1 + i % 9) + "-15")));
                } else if (i % 6 == 5) {
                    writes.add(new Operation(
                            key,
                            "/api/v1/deals/" + deal + "/options",
                            Facts.option(
                                    "opt-" + id,
                                    (50000 + i) + ".00",
                                    "2025-06-01",
                                    "202" + (6 + i % 3) + "-12-31",
                                    "2025-0" + (1 + i % 5) + "-10")));
                } else {
                    BigDecimal amount = new BigDecimal(1_000_000 + 1_234 * i + 17 * client).add(new BigDecimal("0.37"));
                    writes.add(new Operation(
                            key,
                            "/api/v1/deals/" + deal + "/commitments",
                            Facts.commitment(
                                    "c-" + id,
                                    amount.toPlainString(),
                                    "2025-0" + (1 + i % 9) + "-01",
                                    "20" + (28 + i % 5) + "-12-31",
                                    "2025-01-10")));
                }
            }
            plan.add(writes);
        }
        return this;
    }

    /** A pause between one client's writes, so that a load lasts long enough for a fault to land inside it. */
    WriteLoad pausing(Duration pause) {
        this.pause = pause;
        return this;
    }

    String dealId(int client) {
        return prefix + "-deal" + client;
    }

    List<String> counterparties() {
        return List.of(prefix + "-cp0", prefix + "-cp1", prefix + "-cp2");
    }

    private static void expect(int status, LedgerHttp.Reply reply) {
        assertThat(reply.status()).as("%s", reply.raw().body()).isEqualTo(status);
    }

    /** Starts every client; each works through its writes in order, in its own thread. */
    WriteLoad start() {
        pool = Executors.newFixedThreadPool(clients);
        for (List<Operation> writes : plan) {
            running.add(pool.submit(() -> {
                for (Operation op : writes) {
                    write(op);
                    Thread.sleep(pause.toMillis());
                }
                return null;
            }));
        }
        return this;
    }

    /** Waits until every client has finished its writes. */
    void awaitCompletion() throws Exception {
        for (Future<?> f : running) {
            f.get(GIVE_UP_AFTER.toSeconds() + 60, TimeUnit.SECONDS);
        }
        pool.shutdown();
    }

    /** Blocks until at least {@code n} writes are acknowledged. */
    void awaitAcknowledged(int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (acknowledged.get() < n) {
            assertThat(System.nanoTime())
                    .as("%d acknowledged writes in time", n)
                    .isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private void write(Operation op) throws InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (System.nanoTime() < deadline) {
            LedgerHttp.Reply reply;
            try {
                reply = http.send("POST", commandUrl.get() + op.path, op.body, Map.of("Idempotency-Key", op.key));
            } catch (IOException e) {
                // No answer: the write may or may not have been recorded. Only a retry with the same key can tell.
                connectionFailures.incrementAndGet();
                op.failedAttempts++;
                Thread.sleep(200);
                continue;
            }
            op.status = reply.status();
            if (reply.status() >= 200 && reply.status() < 300) {
                op.position = reply.eventPosition();
                op.acknowledged = true;
                acknowledged.incrementAndGet();
                return;
            }
            op.failedAttempts++;
            if (reply.status() == 503) {
                unavailable503.incrementAndGet();
                var retryAfter = reply.raw().headers().firstValue("Retry-After");
                if (retryAfter.isEmpty()) {
                    unavailableWithoutRetryAfter.incrementAndGet();
                }
                Thread.sleep(Math.min(2, retryAfter.map(Long::parseLong).orElse(1L)) * 1000L);
            } else if (reply.status() >= 500) {
                otherServerErrors.incrementAndGet();
                serverErrors.merge(
                        reply.status() + ":" + reply.body().path("type").asText(), 1, Integer::sum);
                Thread.sleep(500);
            } else {
                // A refusal is final: retrying the same request would be refused again.
                refusals.merge(reply.status() + " " + reply.raw().body(), 1, Integer::sum);
                return;
            }
        }
    }

    List<Operation> operations() {
        return plan.stream().flatMap(List::stream).toList();
    }

    int acknowledged() {
        return acknowledged.get();
    }

    int connectionFailures() {
        return connectionFailures.get();
    }

    int unavailable503() {
        return unavailable503.get();
    }

    int unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    int otherServerErrors() {
        return otherServerErrors.get();
    }

    /** Answers 5xx other than 503, by status and problem type. */
    Map<String, Integer> serverErrors() {
        return serverErrors;
    }

    Map<String, Integer> refusals() {
        return refusals;
    }

    /** Writes that needed more than one attempt: those that were in doubt at the fault. */
    long retried() {
        return operations().stream().filter(op -> op.failedAttempts > 0).count();
    }

    long lastPosition() {
        return operations().stream().mapToLong(op -> op.position).max().orElse(0);
    }

    /** What the event table says about the load's keys, compared with what the clients were told. */
    record Audit(int acknowledged, int keyedEvents, int lost, int duplicated, int recordedButNotAcknowledged) {}

    Audit audit(EventTable events) throws Exception {
        Map<String, List<EventTable.KeyedEvent>> byKey = new HashMap<>();
        for (EventTable.KeyedEvent e : events.keyedEvents()) {
            if (e.idempotencyKey().startsWith("key-" + prefix + "-")) {
                byKey.computeIfAbsent(e.idempotencyKey(), k -> new ArrayList<>())
                        .add(e);
            }
        }
        int lost = 0;
        int duplicated = 0;
        int acked = 0;
        int recordedNotAcked = 0;
        for (Operation op : operations()) {
            List<EventTable.KeyedEvent> stored = byKey.getOrDefault(op.key, List.of());
            if (stored.size() > 1) {
                duplicated += stored.size() - 1;
            }
            if (op.acknowledged) {
                acked++;
                if (stored.stream().noneMatch(e -> e.position() == op.position)) {
                    lost++;
                }
            } else if (!stored.isEmpty()) {
                recordedNotAcked++;
            }
        }
        return new Audit(acked, byKey.values().stream().mapToInt(List::size).sum(), lost, duplicated, recordedNotAcked);
    }

    /**
     * Every idempotency record of the load is complete and points at the event its key is stored with: no write is
     * half-recorded (a claimed key without its event, or an event whose key has no answer stored).
     */
    long incompleteIdempotencyRecords(EventTable events) throws Exception {
        Map<String, Long> positions = new HashMap<>();
        for (EventTable.KeyedEvent e : events.keyedEvents()) {
            positions.put(e.idempotencyKey(), e.position());
        }
        long incomplete = 0;
        try (Connection c = events.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT idempotency_key, response_status, event_position, response_body"
                                + " FROM event_store.idempotency_record"
                                + " WHERE idempotency_key LIKE ?")) {
            ps.setString(1, "key-" + prefix + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Long position = positions.get(rs.getString(1));
                    // The stored receipt names the event; the stored X-Ledger-Position is its transaction's end.
                    long answered = rs.getString(4) == null
                            ? -1
                            : JSON.readTree(rs.getString(4)).path("position").asLong(-1);
                    if (rs.getInt(2) < 200
                            || rs.getInt(2) >= 300
                            || position == null
                            || position != answered
                            || rs.getLong(3) < position) {
                        incomplete++;
                    }
                }
            }
        }
        long keysWithoutRecord = 0;
        for (String key : positions.keySet()) {
            if (key.startsWith("key-" + prefix + "-")) {
                keysWithoutRecord += events.longValue(
                        "SELECT CASE WHEN COUNT(*) = 0 THEN 1 ELSE 0 END FROM event_store.idempotency_record"
                                + " WHERE idempotency_key = ?",
                        key);
            }
        }
        return incomplete + keysWithoutRecord;
    }

    /**
     * Sends every acknowledged write once more with its key, as a client that never saw the answer would: each must get
     * the original answer back (same position) and record nothing. Returns how many did not.
     */
    int replayAcknowledged() throws Exception {
        int mismatches = 0;
        for (Operation op : operations()) {
            if (!op.acknowledged) {
                continue;
            }
            LedgerHttp.Reply again =
                    http.send("POST", commandUrl.get() + op.path, op.body, Map.of("Idempotency-Key", op.key));
            if (again.status() != op.status || again.eventPosition() != op.position) {
                mismatches++;
            }
        }
        return mismatches;
    }
}
