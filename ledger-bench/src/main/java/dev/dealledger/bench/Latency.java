package dev.dealledger.bench;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies of one measured phase, recorded from many threads into an HdrHistogram (1 µs to 10 min, 3 significant
 * digits), and the phase's wall-clock length, from which throughput follows.
 */
public final class Latency {

    private static final long HIGHEST_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private final Histogram total = new Histogram(HIGHEST_NANOS, 3);

    public void record(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(nanos, HIGHEST_NANOS)));
    }

    /** What was recorded so far, over {@code elapsedNanos} of wall-clock time, counting {@code units} per sample. */
    public synchronized Summary summary(long elapsedNanos, double unitsPerSample) {
        total.add(recorder.getIntervalHistogram());
        return Summary.of(total, elapsedNanos, unitsPerSample);
    }

    /** Count, throughput and percentiles of one phase. Latencies in milliseconds. */
    public record Summary(
            long count, double seconds, double perSecond, double p50Millis, double p99Millis, double maxMillis) {

        static Summary of(Histogram h, long elapsedNanos, double unitsPerSample) {
            long count = h.getTotalCount();
            double seconds = elapsedNanos / 1e9;
            return new Summary(
                    count,
                    seconds,
                    seconds > 0 ? count * unitsPerSample / seconds : 0,
                    count == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1e6,
                    count == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e6,
                    count == 0 ? Double.NaN : h.getMaxValue() / 1e6);
        }

        /** A throughput-only figure (no latency samples): {@code units} done in {@code elapsedNanos}. */
        public static Summary throughput(long units, long elapsedNanos) {
            double seconds = elapsedNanos / 1e9;
            return new Summary(units, seconds, seconds > 0 ? units / seconds : 0, Double.NaN, Double.NaN, Double.NaN);
        }
    }
}
