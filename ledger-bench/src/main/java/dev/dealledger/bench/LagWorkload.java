package dev.dealledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.testkit.process.LedgerHttp;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W4: how long after a write's acknowledgement the query service has projected it. Writes go out open-loop at a fixed
 * rate (half of W1's best); each acknowledged write's X-Ledger-Position is watched on the query service's projection
 * progress (GET /api/v1/admin/projection, lowestProcessedPosition: the same coverage X-Ledger-Min-Position waits for),
 * polled every 2 ms, and its lag is the time from the acknowledgement to the first poll that shows it covered.
 */
public final class LagWorkload {

    /** The measured lags, the write rate achieved, and how many writes were never seen within the grace period. */
    public record Result(Latency.Summary lag, double writesPerSecond, long unseen, long writeErrors) {}

    private final LedgerHttp http;
    private final String queryUrl;
    private final RestAppends appends;
    private final ObjectMapper json = new ObjectMapper();

    private final Duration grace;

    /** {@code grace}: how long after the last write to keep watching for the writes not yet seen projected. */
    public LagWorkload(LedgerHttp http, String queryUrl, RestAppends appends, Duration grace) {
        this.http = http;
        this.queryUrl = queryUrl;
        this.appends = appends;
        this.grace = grace;
    }

    public Result run(double writesPerSecond, Duration duration) throws Exception {
        Latency lag = new Latency();
        ConcurrentSkipListMap<Long, Long> pending = new ConcurrentSkipListMap<>();
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong written = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Thread watcher = new Thread(() -> watch(pending, lag, writing), "bench-lag-watcher");
        watcher.start();
        ExecutorService writers = Executors.newFixedThreadPool(16);
        long start = System.nanoTime();
        long writeElapsed;
        // Interrupted (W5 stops it when a reader fails), the watcher and the writers stop too: neither may outlive the
        // run, or the harness would never exit.
        try {
            long intervalNanos = (long) (1e9 / writesPerSecond);
            long deadline = start + duration.toNanos();
            long k = 0;
            int clients = 16;
            while (true) {
                long due = start + k * intervalNanos;
                if (due >= deadline) {
                    break;
                }
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                long n = k++;
                writers.submit(() -> {
                    try {
                        HttpResponse<String> r =
                                appends.recordCommitment(appends.dealOf((int) (n % clients), n / clients, clients));
                        long acked = System.nanoTime();
                        if (r.statusCode() == 201) {
                            long position = Long.parseLong(
                                    r.headers().firstValue("X-Ledger-Position").orElseThrow());
                            pending.put(position, acked);
                            written.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                });
            }
            writers.shutdown();
            writers.awaitTermination(2, TimeUnit.MINUTES);
            writeElapsed = System.nanoTime() - start;
            long graceEnd = System.nanoTime() + grace.toNanos();
            while (!pending.isEmpty() && System.nanoTime() < graceEnd) {
                Thread.sleep(20);
            }
        } finally {
            writers.shutdownNow();
            writing.set(false);
            watcher.join();
        }
        return new Result(
                lag.summary(writeElapsed, 1), written.get() / (writeElapsed / 1e9), pending.size(), errors.get());
    }

    private void watch(ConcurrentSkipListMap<Long, Long> pending, Latency lag, AtomicBoolean running) {
        while (running.get()) {
            try {
                HttpResponse<String> r = http.get(queryUrl + "/api/v1/admin/projection");
                long seen = System.nanoTime();
                if (r.statusCode() == 200) {
                    JsonNode body = json.readTree(r.body());
                    long covered = body.path("lowestProcessedPosition").asLong();
                    Map<Long, Long> done = pending.headMap(covered, true);
                    for (Map.Entry<Long, Long> e : done.entrySet()) {
                        lag.record(Math.max(0, seen - e.getValue()));
                    }
                    done.clear();
                }
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // a failed poll is retried
            }
        }
    }
}
