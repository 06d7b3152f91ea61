package dev.dealledger.query.processing;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.jboss.logging.Logger;

/**
 * Rebuilds the read models from the event store in place (docs/adr/0003): the processor stops, its tokens reset (the
 * reset handler empties the tables), and it replays from the first event. Readiness reports NOT READY until the
 * replay has passed the head position seen when the rebuild began, so a load balancer sends reads elsewhere.
 */
@ApplicationScoped
public class ReadModelRebuild {

    private static final Logger LOG = Logger.getLogger(ReadModelRebuild.class);

    @Inject
    QueryAxonConfiguration axon;

    @Inject
    ProjectionProgress progress;

    /** The head to catch up with, or -1 when no rebuild is running. */
    private final AtomicLong targetPosition = new AtomicLong(-1);

    /**
     * Starts a rebuild. If the tokens cannot be reset, the processor is started again where it was and no rebuild is
     * reported: a failed start must not leave the projection stopped and the service not ready for good.
     */
    public synchronized long start() {
        StreamingEventProcessor processor = axon.processor();
        long head = progress.headPosition();
        LOG.infof("rebuilding read models up to position %d", head);
        processor.shutDown();
        try {
            processor.resetTokens();
            targetPosition.set(head);
        } finally {
            processor.start();
        }
        return head;
    }

    /**
     * Runs work that must not overlap a rebuild's start, which empties the tables and resets the tokens: work that reads
     * both sees them either before or after, never half of each.
     */
    public synchronized <T> T apartFromAStart(java.util.concurrent.Callable<T> work) throws Exception {
        return work.call();
    }

    public boolean inProgress() {
        long target = targetPosition.get();
        if (target < 0) {
            return false;
        }
        if (target == 0 || progress.covers(target)) {
            targetPosition.compareAndSet(target, -1);
            LOG.infof("read models rebuilt up to position %d", target);
            return false;
        }
        return true;
    }

    /** Blocks until the rebuild has caught up, or the timeout passes. */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (inProgress()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }
}
