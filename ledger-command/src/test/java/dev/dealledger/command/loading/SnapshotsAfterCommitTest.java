package dev.dealledger.command.loading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dealledger.command.domain.Deal;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SnapshotsAfterCommitTest {

    private final List<String> taken = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final FakeTransaction transaction = new FakeTransaction();
    private CountDownLatch release = new CountDownLatch(0);
    private final Snapshotter axon = (type, id) -> {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.add(Thread.currentThread().getName());
        taken.add(id);
    };
    private final SnapshotsAfterCommit snapshots = new SnapshotsAfterCommit(() -> axon, transaction);

    @AfterEach
    void stop() {
        snapshots.shutdown();
    }

    @Test
    void a_snapshot_asked_for_in_a_transaction_is_taken_after_it_commits_on_its_own_thread() {
        transaction.status = Status.STATUS_ACTIVE;
        snapshots.scheduleSnapshot(Deal.class, "deal-1");
        assertThat(taken).isEmpty();

        transaction.complete(Status.STATUS_COMMITTED);

        await().atMost(Duration.ofSeconds(10)).until(() -> taken.contains("deal-1"));
        assertThat(threads).containsOnly("ledger-snapshotter");
    }

    @Test
    void a_rolled_back_transaction_asks_for_nothing() throws InterruptedException {
        transaction.status = Status.STATUS_ACTIVE;
        snapshots.scheduleSnapshot(Deal.class, "deal-1");

        transaction.complete(Status.STATUS_ROLLEDBACK);
        snapshots.shutdown();

        assertThat(taken).isEmpty();
    }

    @Test
    void outside_a_transaction_the_snapshot_is_queued_at_once() {
        transaction.status = Status.STATUS_NO_TRANSACTION;
        snapshots.scheduleSnapshot(Deal.class, "deal-2");

        await().atMost(Duration.ofSeconds(10)).until(() -> taken.contains("deal-2"));
    }

    @Test
    void a_deal_already_waiting_is_queued_once_and_a_full_queue_drops_requests() {
        transaction.status = Status.STATUS_NO_TRANSACTION;
        release = new CountDownLatch(1);
        // The first request occupies the thread; the queue then takes QUEUE more deals, and one deal only once.
        snapshots.scheduleSnapshot(Deal.class, "busy");
        await().atMost(Duration.ofSeconds(10)).until(() -> snapshots.queuedCount() == 0);
        snapshots.scheduleSnapshot(Deal.class, "deal-1");
        snapshots.scheduleSnapshot(Deal.class, "deal-1");
        for (int i = 0; i < SnapshotsAfterCommit.QUEUE + 10; i++) {
            snapshots.scheduleSnapshot(Deal.class, "more-" + i);
        }
        assertThat(snapshots.queuedCount()).isEqualTo(SnapshotsAfterCommit.QUEUE);

        release.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> taken.size() == SnapshotsAfterCommit.QUEUE + 1);
        assertThat(taken.stream().filter("deal-1"::equals)).hasSize(1);
        // A dropped deal can be asked for again.
        snapshots.scheduleSnapshot(Deal.class, "more-" + (SnapshotsAfterCommit.QUEUE + 5));
        await().atMost(Duration.ofSeconds(10)).until(() -> taken.size() == SnapshotsAfterCommit.QUEUE + 2);
    }

    /** The part of JTA's registry the class uses: the status, and synchronizations run at completion. */
    private static final class FakeTransaction implements TransactionSynchronizationRegistry {
        int status = Status.STATUS_NO_TRANSACTION;
        final List<Synchronization> synchronizations = new ArrayList<>();

        void complete(int outcome) {
            synchronizations.forEach(s -> s.afterCompletion(outcome));
            synchronizations.clear();
            status = Status.STATUS_NO_TRANSACTION;
        }

        @Override
        public int getTransactionStatus() {
            return status;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            synchronizations.add(sync);
        }

        @Override
        public Object getTransactionKey() {
            return status == Status.STATUS_ACTIVE ? this : null;
        }

        @Override
        public void putResource(Object key, Object value) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Object getResource(Object key) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setRollbackOnly() {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getRollbackOnly() {
            return false;
        }
    }
}
