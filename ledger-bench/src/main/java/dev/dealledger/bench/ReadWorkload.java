package dev.dealledger.bench;

import dev.dealledger.testkit.process.LedgerHttp;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * W3: reads at the size W2 built, one client, sequential. Each read is asked twice over: current state (no asOf or
 * knownAt, so today and now) and bitemporal (a past asOf with a past knownAt). The kinds take turns, so the machine's
 * noise falls on all of them alike; the first two rounds warm up and are not counted.
 */
public final class ReadWorkload {

    /** A named read: its URL, the same each time or drawn afresh for each request. */
    public record Read(String name, Supplier<String> url) {
        public Read(String name, String url) {
            this(name, () -> url);
        }
    }

    /** Summaries per read name, and the number of failed reads. */
    public record Result(Map<String, Latency.Summary> summaries, long failures, String firstFailure) {}

    private final LedgerHttp http;

    public ReadWorkload(LedgerHttp http) {
        this.http = http;
    }

    public Result run(Iterable<Read> reads, Duration budget, int maxSamples) throws Exception {
        Map<String, Latency> latencies = latencies(reads);
        Map<String, Long> busy = new LinkedHashMap<>();
        for (Read r : reads) {
            busy.put(r.name(), 0L);
        }
        Failures failures = new Failures();
        long deadline = System.nanoTime() + budget.toNanos();
        for (int round = 0; round < maxSamples + 2; round++) {
            if (round >= 3 && System.nanoTime() > deadline) {
                break;
            }
            for (Read read : reads) {
                long took = once(read, failures);
                if (took >= 0 && round >= 2) {
                    latencies.get(read.name()).record(took);
                    busy.merge(read.name(), took, Long::sum);
                }
            }
        }
        Map<String, Latency.Summary> out = new LinkedHashMap<>();
        // Throughput of a sequential reader: requests per second of time spent on that read.
        latencies.forEach((name, l) -> out.put(name, l.summary(busy.get(name), 1)));
        return failures.result(out);
    }

    /**
     * {@code readers} clients at once, each asking every read in turn until {@code budget} has passed; each client's
     * first two rounds warm up and are not counted. Throughput is per read, over the wall-clock time of the run.
     */
    public Result runConcurrently(Iterable<Read> reads, Duration budget, int readers) throws Exception {
        Map<String, Latency> latencies = latencies(reads);
        Failures failures = new Failures();
        long start = System.nanoTime();
        long deadline = start + budget.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<?>> clients = new ArrayList<>();
        for (int c = 0; c < readers; c++) {
            clients.add(pool.submit(() -> {
                for (int round = 0; round < 3 || System.nanoTime() < deadline; round++) {
                    for (Read read : reads) {
                        long took = once(read, failures);
                        if (took >= 0 && round >= 2) {
                            latencies.get(read.name()).record(took);
                        }
                    }
                }
                return null;
            }));
        }
        try {
            for (Future<?> c : clients) {
                c.get();
            }
        } finally {
            pool.shutdownNow();
        }
        long elapsed = System.nanoTime() - start;
        Map<String, Latency.Summary> out = new LinkedHashMap<>();
        latencies.forEach((name, l) -> out.put(name, l.summary(elapsed, 1)));
        return failures.result(out);
    }

    private static Map<String, Latency> latencies(Iterable<Read> reads) {
        Map<String, Latency> latencies = new LinkedHashMap<>();
        for (Read r : reads) {
            latencies.put(r.name(), new Latency());
        }
        return latencies;
    }

    /**
     * One request: its time in nanoseconds when it is a sample, or -1 when it failed with an answer (not counted). A
     * timeout is counted as failed and its time as a sample: the read took at least this long.
     */
    private long once(Read read, Failures failures) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r;
        try {
            r = http.get(read.url().get());
        } catch (HttpTimeoutException e) {
            long took = System.nanoTime() - t0;
            failures.add(
                    read.name() + ": no answer within " + Duration.ofNanos(took).toSeconds() + " s");
            return took;
        }
        long took = System.nanoTime() - t0;
        if (r.statusCode() != 200) {
            failures.add(read.name() + ": " + r.statusCode() + " " + abbreviate(r.body()));
            return -1;
        }
        return took;
    }

    /** Failed reads, counted from any number of clients, and the first one's description. */
    private static final class Failures {
        private final AtomicLong count = new AtomicLong();
        private final AtomicReference<String> first = new AtomicReference<>();

        void add(String description) {
            count.incrementAndGet();
            first.compareAndSet(null, description);
        }

        Result result(Map<String, Latency.Summary> summaries) {
            return new Result(summaries, count.get(), first.get());
        }
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
