package dev.dealledger.command.loading;

import dev.dealledger.axon.AfterCommit;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.axonframework.eventsourcing.Snapshotter;
import org.jboss.logging.Logger;

/**
 * Takes snapshots on a thread of their own, once the transaction that asked for one has committed.
 *
 * <p>Axon's snapshotter runs on the thread of the command that crossed the threshold. Here that thread is the ledger's
 * one appender (docs/adr/0004), which every write waits for, and a snapshot reloads and serializes the whole deal: in
 * the write benchmark's profile, snapshots took a quarter of the appender's samples. A snapshot only speeds up loading a
 * deal that is not cached, so it can come later: it is handed to the {@code ledger-snapshotter} thread after the commit
 * (a rolled-back batch asks for nothing), where Axon takes it in its own transaction from what is committed. When that
 * thread falls {@value #QUEUE} deals behind, further requests are dropped and the next threshold asks again.
 */
public final class SnapshotsAfterCommit implements Snapshotter {

    private static final Logger LOG = Logger.getLogger(SnapshotsAfterCommit.class);
    static final int QUEUE = 256;

    private final Supplier<Snapshotter> snapshotter;
    private final TransactionSynchronizationRegistry transactions;
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor thread =
            new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE), runnable -> {
                Thread t = new Thread(runnable, "ledger-snapshotter");
                t.setDaemon(true);
                return t;
            });

    public SnapshotsAfterCommit(Supplier<Snapshotter> snapshotter, TransactionSynchronizationRegistry transactions) {
        this.snapshotter = snapshotter;
        this.transactions = transactions;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        if (transactions.getTransactionStatus() != Status.STATUS_ACTIVE) {
            queue(aggregateType, aggregateIdentifier);
            return;
        }
        AfterCommit.run(transactions, () -> queue(aggregateType, aggregateIdentifier));
    }

    private void queue(Class<?> aggregateType, String aggregateIdentifier) {
        if (!queued.add(aggregateIdentifier)) {
            return;
        }
        try {
            thread.execute(() -> {
                queued.remove(aggregateIdentifier);
                try {
                    snapshotter.get().scheduleSnapshot(aggregateType, aggregateIdentifier);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "could not snapshot %s %s", aggregateType.getSimpleName(), aggregateIdentifier);
                }
            });
        } catch (RejectedExecutionException e) {
            queued.remove(aggregateIdentifier);
        }
    }

    /** Deals waiting for the thread, not counting the one it is snapshotting. */
    int queuedCount() {
        return thread.getQueue().size();
    }

    /** Waits for the snapshots already asked for, then stops the thread. */
    public void shutdown() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            thread.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
