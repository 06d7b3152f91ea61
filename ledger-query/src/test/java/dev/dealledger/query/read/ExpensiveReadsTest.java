package dev.dealledger.query.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * At most N expensive reads at once, the rest refused after a bounded wait; identical reads running at once share one
 * computation. Every computation that must be running is held on a latch, so nothing here depends on timing except
 * the refusal, which comes only after the wait.
 */
class ExpensiveReadsTest {

    static final Duration SHORT_WAIT = Duration.ofMillis(100);

    final ExecutorService threads = Executors.newCachedThreadPool();
    final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger runs = new AtomicInteger();

    @AfterEach
    void stop() {
        release.countDown();
        threads.shutdownNow();
    }

    /** A computation that counts itself and holds until released. */
    String held(String answer) {
        runs.incrementAndGet();
        try {
            if (!release.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return answer;
    }

    @Test
    @DisplayName("two identical reads running at once share one computation, and take one turn between them")
    void identical_reads_share_one_computation() throws Exception {
        ExpensiveReads reads = new ExpensiveReads(1, SHORT_WAIT);
        Future<String> first = threads.submit(() -> reads.compute("totals@2025-06-30", () -> held("figures")));
        await().until(() -> runs.get() == 1);
        Future<String> second = threads.submit(() -> reads.compute("totals@2025-06-30", () -> held("again")));
        await().until(() -> reads.shared() == 1);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("figures");
        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("figures");
        assertThat(runs).hasValue(1);
        // With one turn, a second computation of its own would have been refused while the first held it.
        assertThat(reads.refused()).isZero();
        assertThat(reads.inFlight()).isZero();
    }

    @Test
    @DisplayName("a read beyond the bound waits, then is refused; once a turn is free the next one runs")
    void beyond_the_bound_is_refused_after_the_wait() throws Exception {
        ExpensiveReads reads = new ExpensiveReads(2, SHORT_WAIT);
        Future<String> a = threads.submit(() -> reads.compute("a", () -> held("a")));
        Future<String> b = threads.submit(() -> reads.compute("b", () -> held("b")));
        await().until(() -> runs.get() == 2);

        long started = System.nanoTime();
        assertThatThrownBy(() -> reads.compute("c", () -> "c")).isInstanceOf(ExpensiveReads.ReadsBusy.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(SHORT_WAIT);
        assertThat(reads.refused()).isEqualTo(1);

        release.countDown();
        assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a");
        assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b");
        assertThat(reads.compute("c", () -> "c")).isEqualTo("c");
        assertThat(reads.inFlight()).isZero();
    }

    @Test
    @DisplayName("a failure reaches the reads that shared it, and the next identical read computes afresh")
    void a_failure_does_not_poison_the_key() throws Exception {
        ExpensiveReads reads = new ExpensiveReads(1, SHORT_WAIT);
        Future<String> first = threads.submit(() -> reads.compute("k", () -> {
            held("unused");
            throw new IllegalStateException("the database went away");
        }));
        await().until(() -> runs.get() == 1);
        Future<String> second = threads.submit(() -> reads.compute("k", () -> held("unused")));
        await().until(() -> reads.shared() == 1);

        release.countDown();

        assertThatThrownBy(() -> first.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database went away");
        assertThatThrownBy(() -> second.get(10, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("the database went away");
        assertThat(reads.inFlight()).isZero();
        assertThat(reads.compute("k", () -> "fresh")).isEqualTo("fresh");
    }

    @Test
    @DisplayName("a refused read's key is free again: the refusal is not handed to later identical reads")
    void a_refusal_does_not_poison_the_key() throws Exception {
        ExpensiveReads reads = new ExpensiveReads(1, SHORT_WAIT);
        Future<String> holder = threads.submit(() -> reads.compute("other", () -> held("other")));
        await().until(() -> runs.get() == 1);
        assertThatThrownBy(() -> reads.compute("k", () -> "k")).isInstanceOf(ExpensiveReads.ReadsBusy.class);

        release.countDown();
        holder.get(10, TimeUnit.SECONDS);
        assertThat(reads.compute("k", () -> "k")).isEqualTo("k");
    }

    @Test
    @DisplayName("a waiting read that is interrupted stops alone: the shared computation still answers its runner")
    void an_interrupted_waiter_does_not_cancel_the_computation() throws Exception {
        ExpensiveReads reads = new ExpensiveReads(1, SHORT_WAIT);
        Future<String> first = threads.submit(() -> reads.compute("k", () -> held("figures")));
        await().until(() -> runs.get() == 1);
        Future<String> waiter = threads.submit(() -> reads.compute("k", () -> held("unused")));
        await().until(() -> reads.shared() == 1);

        waiter.cancel(true);
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("figures");
        assertThat(runs).hasValue(1);
        assertThat(reads.inFlight()).isZero();
    }

    @Test
    @DisplayName("a computation inside another runs on the outer one's turn, even when that was the last turn")
    void nested_computations_take_no_second_turn() {
        ExpensiveReads reads = new ExpensiveReads(1, Duration.ZERO);
        String answer = reads.compute(
                "restatement",
                () -> reads.compute("fold at from", () -> "before") + "/" + reads.compute("fold at to", () -> "after"));
        assertThat(answer).isEqualTo("before/after");
        assertThat(reads.refused()).isZero();
    }

    @Test
    @DisplayName("a turn taken outside a computation is given back once, however often it is closed")
    void a_taken_turn_is_given_back_once() {
        ExpensiveReads reads = new ExpensiveReads(1, Duration.ZERO);
        ExpensiveReads.Turn turn = reads.take();
        assertThatThrownBy(reads::take).isInstanceOf(ExpensiveReads.ReadsBusy.class);
        turn.close();
        turn.close();
        ExpensiveReads.Turn again = reads.take();
        assertThatThrownBy(reads::take).isInstanceOf(ExpensiveReads.ReadsBusy.class);
        again.close();
    }
}
