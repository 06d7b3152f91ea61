package dev.dealledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LatencyTest {

    @Test
    void percentiles_of_one_to_a_thousand_milliseconds() {
        Latency latency = new Latency();
        for (int ms = 1; ms <= 1000; ms++) {
            latency.record(TimeUnit.MILLISECONDS.toNanos(ms));
        }

        Latency.Summary s = latency.summary(TimeUnit.SECONDS.toNanos(10), 1);

        assertThat(s.count()).isEqualTo(1000);
        // HdrHistogram keeps 3 significant digits: within 0.1%.
        assertThat(s.p50Millis()).isCloseTo(500, within(1.0));
        assertThat(s.p99Millis()).isCloseTo(990, within(1.0));
        assertThat(s.maxMillis()).isCloseTo(1000, within(1.0));
        assertThat(s.perSecond()).isCloseTo(100, within(1e-9));
    }

    @Test
    void throughput_counts_units_per_sample() {
        Latency latency = new Latency();
        for (int i = 0; i < 20; i++) {
            latency.record(TimeUnit.MILLISECONDS.toNanos(5));
        }

        Latency.Summary s = latency.summary(TimeUnit.SECONDS.toNanos(2), 100);

        assertThat(s.perSecond()).isCloseTo(1000, within(1e-9));
        assertThat(s.p50Millis()).isCloseTo(5, within(0.01));
    }

    @Test
    void an_empty_phase_has_no_percentiles() {
        Latency.Summary s = new Latency().summary(TimeUnit.SECONDS.toNanos(1), 1);

        assertThat(s.count()).isZero();
        assertThat(s.perSecond()).isZero();
        assertThat(s.p50Millis()).isNaN();
        assertThat(s.p99Millis()).isNaN();
    }

    @Test
    void summaries_accumulate_across_calls_and_threads() throws InterruptedException {
        Latency latency = new Latency();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 250; i++) {
                    latency.record(TimeUnit.MICROSECONDS.toNanos(100));
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(latency.summary(1, 1).count()).isEqualTo(1000);
        latency.record(TimeUnit.MICROSECONDS.toNanos(100));
        assertThat(latency.summary(1, 1).count()).isEqualTo(1001);
    }

    @Test
    void throughput_only_figures() {
        Latency.Summary s = Latency.Summary.throughput(5_000, TimeUnit.SECONDS.toNanos(4));

        assertThat(s.perSecond()).isEqualTo(1250);
        assertThat(s.p99Millis()).isNaN();
    }
}
