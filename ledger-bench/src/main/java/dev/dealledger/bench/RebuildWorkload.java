package dev.dealledger.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * W2 through the query service: POST /api/v1/admin/rebuild, then GET /api/v1/admin/projection every 250 ms until the
 * projection covers the head it reported (or a time budget ends, for the slow peer). Keeps the progress timeline, so
 * two runs can be compared over the same prefix of the event store.
 */
public final class RebuildWorkload {

    /** One poll: nanoseconds since the rebuild was requested, and the lowest position every segment had reached. */
    public record Progress(long nanos, long position) {}

    /** The outcome: events covered, in how long, whether the head was reached, and the timeline. */
    public record Result(
            long target, long covered, long nanos, boolean complete, long peakRssBytes, List<Progress> timeline) {

        public double eventsPerSecond() {
            return nanos > 0 ? covered / (nanos / 1e9) : 0;
        }

        /** Nanoseconds until {@code position} was first covered, or -1 when never. */
        public long nanosToReach(long position) {
            for (Progress p : timeline) {
                if (p.position() >= position) {
                    return p.nanos();
                }
            }
            return -1;
        }
    }

    private final LedgerHttp http;
    private final ObjectMapper json = new ObjectMapper();

    public RebuildWorkload(LedgerHttp http) {
        this.http = http;
    }

    public Result run(ServiceProcess query, Duration budget) throws Exception {
        String base = query.baseUrl();
        long start = System.nanoTime();
        HttpResponse<String> started = http.expectOk("POST", base + "/api/v1/admin/rebuild", null, Map.of());
        long target = json.readTree(started.body()).path("targetPosition").asLong();
        List<Progress> timeline = new ArrayList<>();
        long deadline = start + budget.toNanos();
        long covered = 0;
        long peakRss = query.rssBytes();
        boolean complete = false;
        while (System.nanoTime() < deadline) {
            if (!query.isAlive()) {
                throw new IllegalStateException("the query service died during the rebuild; its log:\n" + query.tail());
            }
            HttpResponse<String> r = http.get(base + "/api/v1/admin/projection");
            long now = System.nanoTime() - start;
            peakRss = Math.max(peakRss, query.rssBytes());
            if (r.statusCode() == 200) {
                JsonNode p = json.readTree(r.body());
                covered = p.path("lowestProcessedPosition").asLong();
                timeline.add(new Progress(now, covered));
                if (covered >= target && !p.path("rebuilding").asBoolean()) {
                    complete = true;
                    return new Result(target, target, now, true, peakRss, timeline);
                }
            }
            Thread.sleep(250);
        }
        long elapsed = timeline.isEmpty()
                ? System.nanoTime() - start
                : timeline.get(timeline.size() - 1).nanos();
        return new Result(target, covered, elapsed, complete, peakRss, timeline);
    }
}
