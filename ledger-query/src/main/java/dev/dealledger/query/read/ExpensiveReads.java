package dev.dealledger.query.read;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds the reads that fold or scan the whole ledger (a ledger-wide fold, a restatement, a verification of the log,
 * the export): at most {@code ledger.read.expensive.max-concurrent} of them run at once, each holding a database
 * connection for up to seconds at a million events (docs/benchmarks.md). A read beyond that waits up to {@code
 * ledger.read.expensive.wait} for a turn and is then refused ({@link ReadsBusy}, 503), so that one auditor sending
 * many distinct reads cannot take every worker and every pooled connection (docs/security.md).
 *
 * <p>Identical reads share one computation: a read whose key (the read and everything its answer depends on, e.g. its
 * (asOf, knownAt) and the projection's version) equals one already running waits for that one's answer instead of
 * computing it again, and takes no turn of its own. The entry leaves the map when its computation ends, whatever the
 * outcome, so a failure is handed to the reads that were waiting for it and never to a later one.
 *
 * <p>A computation started inside another (a restatement folds the ledger twice) runs on the outer one's turn.
 */
@Singleton
public class ExpensiveReads {

    private final Semaphore turns;
    private final long waitNanos;
    private final ConcurrentHashMap<Object, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();
    private final ThreadLocal<Boolean> holdsTurn = ThreadLocal.withInitial(() -> false);
    private final AtomicLong computed = new AtomicLong();
    private final AtomicLong shared = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    @Inject
    public ExpensiveReads(
            @ConfigProperty(name = "ledger.read.expensive.max-concurrent", defaultValue = "3") int maxConcurrent,
            @ConfigProperty(name = "ledger.read.expensive.wait", defaultValue = "PT1S") Duration wait) {
        if (maxConcurrent < 1 || wait.isNegative()) {
            throw new IllegalArgumentException(
                    "ledger.read.expensive.max-concurrent must be at least 1 and ledger.read.expensive.wait not"
                            + " negative");
        }
        this.turns = new Semaphore(maxConcurrent, true);
        this.waitNanos = wait.toNanos();
    }

    /** 503: every turn for an expensive read stayed taken for the whole wait. */
    public static final class ReadsBusy extends RuntimeException {
        public ReadsBusy() {
            super("too many ledger-wide reads are running; retry shortly");
        }
    }

    /**
     * {@code computation}'s answer, computed on a turn of its own, or shared with an identical read already running.
     *
     * @param key equal for exactly the reads that have the same answer
     * @throws ReadsBusy if no turn came free within the wait
     */
    @SuppressWarnings("unchecked")
    public <T> T compute(Object key, Supplier<T> computation) {
        Objects.requireNonNull(key, "key");
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            shared.incrementAndGet();
            return (T) await(running);
        }
        try {
            T answer = onTurn(computation);
            mine.complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** A turn held outside {@link #compute}; closing it gives it back, once. */
    public final class Turn implements AutoCloseable {
        private final AtomicBoolean held = new AtomicBoolean(true);

        private Turn() {}

        @Override
        public void close() {
            if (held.compareAndSet(true, false)) {
                turns.release();
            }
        }
    }

    /**
     * A turn of its own, for an expensive read that is never shared and outlives the resource method: an export
     * streams to its own client, and is refused before its first byte rather than in the middle of its body.
     *
     * @throws ReadsBusy if no turn came free within the wait
     */
    public Turn take() {
        acquire();
        computed.incrementAndGet();
        return new Turn();
    }

    private <T> T onTurn(Supplier<T> work) {
        if (holdsTurn.get()) {
            computed.incrementAndGet();
            return work.get();
        }
        acquire();
        holdsTurn.set(true);
        try {
            computed.incrementAndGet();
            return work.get();
        } finally {
            holdsTurn.set(false);
            turns.release();
        }
    }

    private void acquire() {
        try {
            if (!turns.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
                refused.incrementAndGet();
                throw new ReadsBusy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused.incrementAndGet();
            throw new ReadsBusy();
        }
    }

    /** The running computation's answer, or its failure as it was thrown. */
    private static Object await(CompletableFuture<Object> running) {
        try {
            return running.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (CancellationException e) {
            // Nothing here cancels a computation; were one cancelled, this read was still not answered.
            throw new ReadsBusy();
        } catch (InterruptedException e) {
            // Only this waiter stops: the computation goes on for the read that runs it and the others waiting.
            Thread.currentThread().interrupt();
            throw new ReadsBusy();
        }
    }

    /** How many computations ran (on a turn), for tests and metrics. */
    public long computed() {
        return computed.get();
    }

    /** How many reads shared a computation already running, for tests and metrics. */
    public long shared() {
        return shared.get();
    }

    /** How many reads were refused for want of a turn, for tests and metrics. */
    public long refused() {
        return refused.get();
    }

    /** How many distinct reads are running now, for tests. */
    int inFlight() {
        return inFlight.size();
    }
}
