package dev.dealledger.bench;

import dev.dealledger.testkit.process.LedgerHttp;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
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
        Map<String, Latency> latencies = new LinkedHashMap<>();
        Map<String, Long> busy = new LinkedHashMap<>();
        for (Read r : reads) {
            latencies.put(r.name(), new Latency());
            busy.put(r.name(), 0L);
        }
        long failures = 0;
        String firstFailure = null;
        long deadline = System.nanoTime() + budget.toNanos();
        for (int round = 0; round < maxSamples + 2; round++) {
            if (round >= 3 && System.nanoTime() > deadline) {
                break;
            }
            for (Read read : reads) {
                long t0 = System.nanoTime();
                HttpResponse<String> r;
                try {
                    r = http.get(read.url().get());
                } catch (HttpTimeoutException e) {
                    // Counted as failed, and its time as a sample: the read took at least this long.
                    long took = System.nanoTime() - t0;
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = read.name() + ": no answer within "
                                + Duration.ofNanos(took).toSeconds() + " s";
                    }
                    if (round >= 2) {
                        latencies.get(read.name()).record(took);
                        busy.merge(read.name(), took, Long::sum);
                    }
                    continue;
                }
                long took = System.nanoTime() - t0;
                if (r.statusCode() != 200) {
                    failures++;
                    if (firstFailure == null) {
                        firstFailure = read.name() + ": " + r.statusCode() + " " + abbreviate(r.body());
                    }
                    continue;
                }
                if (round >= 2) {
                    latencies.get(read.name()).record(took);
                    busy.merge(read.name(), took, Long::sum);
                }
            }
        }
        Map<String, Latency.Summary> out = new LinkedHashMap<>();
        // Throughput of a sequential reader: requests per second of time spent on that read.
        latencies.forEach((name, l) -> out.put(name, l.summary(busy.get(name), 1)));
        return new Result(out, failures, firstFailure);
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
