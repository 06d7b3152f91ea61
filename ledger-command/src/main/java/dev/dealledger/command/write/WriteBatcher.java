package dev.dealledger.command.write;

import dev.dealledger.axon.OrderedLog;
import dev.dealledger.command.config.CommandAxonConfiguration;
import dev.dealledger.command.domain.LedgerRuleException;
import dev.dealledger.verify.Checkpoint;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.TransactionManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Group commit for the ledger's writes (docs/adr/0004). Request threads {@link #submit submit} their writes; one appender
 * thread takes whatever has queued up (at most {@code ledger.write.batch.max-size}, waiting at most
 * {@code ledger.write.batch.max-wait-micros} for more) and runs the whole batch in one transaction that holds the head
 * of the log from its first statement to its commit, so the batch costs one lock, one stamp and one commit.
 *
 * <p>Each write still has its own outcome:
 *
 * <ul>
 *   <li>a write the rules refuse appends nothing and writes nothing, so it is answered with its refusal and the batch
 *       goes on;
 *   <li>a write that fails in any other way (a statement the database refused, which in PostgreSQL dooms the whole
 *       transaction) rolls the batch back before its commit; every write of the batch is then run again on its own, in
 *       its own transaction, so only the failing one fails;
 *   <li>a commit that fails answers every write of the batch with that failure (503 when the database is gone): the
 *       commit may have happened, so nothing is run again; a client retries with its Idempotency-Key.
 * </ul>
 */
@Startup
@ApplicationScoped
public class WriteBatcher {

    private static final Logger LOG = Logger.getLogger(WriteBatcher.class);

    /** Attempts of a write, run on its own, whose append lost the stream's next sequence number to a stale copy. */
    static final int ATTEMPTS = 3;

    /** More streams changed by other replicas than this, and the whole deal cache is dropped instead. */
    private static final int STALE_STREAMS_LIMIT = 256;

    @Inject
    CommandGateway commandGateway;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    StreamHead streamHead;

    @Inject
    OrderedLog log;

    @Inject
    CommandAxonConfiguration axon;

    @Inject
    TransactionManager transactions;

    @Inject
    MeterRegistry meters;

    @ConfigProperty(name = "ledger.write.batch.max-size", defaultValue = "64")
    int maxBatchSize;

    @ConfigProperty(name = "ledger.write.batch.max-wait-micros", defaultValue = "0")
    long maxWaitMicros;

    @ConfigProperty(name = "ledger.write.queue-capacity", defaultValue = "4096")
    int queueCapacity;

    /** How long a request waits for its batch; beyond the transaction timeout, so it only ends a stuck appender. */
    @ConfigProperty(name = "ledger.write.answer-timeout-seconds", defaultValue = "120")
    long answerTimeoutSeconds;

    @ConfigProperty(name = "ledger.write.transaction-timeout-seconds", defaultValue = "60")
    int transactionTimeoutSeconds;

    private BlockingQueue<Pending> queue;
    private Thread appender;
    private volatile boolean running;
    private DistributionSummary batchSizes;
    private Counter rerunBatches;

    /**
     * The highest position this process knows its cached deals reflect: every stream appended to above it was changed
     * by another replica and is evicted before the next batch reads it. Only the appender thread touches it.
     */
    private long knownHead = -1;

    private record Pending(Submission write, CompletableFuture<Submission.Recorded> answer) {}

    @PostConstruct
    void start() {
        if (maxBatchSize < 1 || maxWaitMicros < 0 || queueCapacity < maxBatchSize) {
            throw new IllegalArgumentException("ledger.write.batch.max-size must be at least 1 and at most"
                    + " ledger.write.queue-capacity, and ledger.write.batch.max-wait-micros not negative");
        }
        queue = new ArrayBlockingQueue<>(queueCapacity);
        batchSizes = DistributionSummary.builder("ledger.write.batch.size")
                .description("Writes committed together in one transaction")
                .register(meters);
        rerunBatches = Counter.builder("ledger.write.batch.reruns")
                .description("Batches rolled back before their commit and run again write by write")
                .register(meters);
        running = true;
        appender = new Thread(this::appendLoop, "ledger-appender");
        appender.setDaemon(true);
        appender.start();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        appender.interrupt();
        appender.join(TimeUnit.SECONDS.toMillis(10));
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new WriterStoppedException()));
    }

    /**
     * Queues the write and waits for its outcome. Answers the recorded write; throws its refusal or failure as the
     * command or the store raised it.
     */
    public Submission.Recorded submit(Submission write) {
        Pending pending = new Pending(write, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw new WriterBusyException();
        }
        try {
            return pending.answer().get(answerTimeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (TimeoutException e) {
            throw new WriterBusyException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WriterBusyException();
        }
    }

    private static RuntimeException unwrap(Throwable cause) {
        return cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
    }

    private void appendLoop() {
        List<Pending> batch = new ArrayList<>(maxBatchSize);
        while (running) {
            try {
                batch.add(queue.take());
                queue.drainTo(batch, maxBatchSize - batch.size());
                if (maxWaitMicros > 0) {
                    long deadline = System.nanoTime() + TimeUnit.MICROSECONDS.toNanos(maxWaitMicros);
                    long left;
                    while (batch.size() < maxBatchSize && (left = deadline - System.nanoTime()) > 0) {
                        Pending more = queue.poll(left, TimeUnit.NANOSECONDS);
                        if (more == null) {
                            break;
                        }
                        batch.add(more);
                        queue.drainTo(batch, maxBatchSize - batch.size());
                    }
                }
                commit(batch);
            } catch (InterruptedException e) {
                batch.forEach(p -> p.answer().completeExceptionally(new WriterStoppedException()));
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // commit() answers every write itself; reaching here is a bug in it, and no write may hang on it.
                LOG.error("the appender failed outside a batch", e);
                batch.forEach(p -> p.answer().completeExceptionally(e));
            } finally {
                batch.clear();
            }
        }
    }

    /** Runs one batch: together if every write goes through, else each on its own. */
    private void commit(List<Pending> batch) {
        batchSizes.record(batch.size());
        BatchRun run = runTogether(batch);
        if (run.rerun) {
            rerunBatches.increment();
            for (Pending pending : batch) {
                runAlone(pending);
            }
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome outcome = run.outcomes.get(i);
            if (outcome.recorded != null) {
                batch.get(i).answer().complete(outcome.recorded);
            } else {
                batch.get(i).answer().completeExceptionally(outcome.failure);
            }
        }
    }

    private void runAlone(Pending pending) {
        for (int attempt = 1; ; attempt++) {
            BatchRun run = runTogether(List.of(pending));
            Outcome outcome = run.outcomes.get(0);
            if (outcome.recorded != null) {
                pending.answer().complete(outcome.recorded);
                return;
            }
            if (attempt < ATTEMPTS && lostTheStreamRace(outcome.failure)) {
                // A stale copy of the deal appended a sequence number already taken; the command is evaluated again
                // against the stream as stored, so every rule and If-Match is checked anew.
                continue;
            }
            pending.answer().completeExceptionally(outcome.failure);
            return;
        }
    }

    /** A concurrent append to the same stream won; not a stale If-Match, which is the client's to resolve. */
    static boolean lostTheStreamRace(Throwable e) {
        return find(e, ConflictingAggregateVersionException.class) == null
                && find(e, ConcurrencyException.class) != null;
    }

    /** One write's outcome within a batch: recorded, or refused or failed. */
    private record Outcome(Submission.Recorded recorded, RuntimeException failure) {}

    /** Where a write's events landed, before its receipt can be phrased at the end of the batch. */
    private record Landed(long version, long position, Instant recordedAt) {}

    /** A write's step within the batch: landed in the log, or answered from its stored idempotency record. */
    private record Step(Landed landed, Submission.Recorded replayed, Integer sameAs) {}

    /** The outcomes of a batch in submission order, or {@code rerun} when it was rolled back before its commit. */
    private record BatchRun(List<Outcome> outcomes, boolean rerun) {}

    private BatchRun runTogether(List<Pending> batch) {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        Set<String> touched = new LinkedHashSet<>();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<Step> steps = new ArrayList<>(batch.size());
        List<RuntimeException> refusals = new ArrayList<>(batch.size());
        OrderedLog.Held held;
        try {
            transactions.setTransactionTimeout(transactionTimeoutSeconds);
            transactions.begin();
            try {
                // First the log: every later statement of the batch runs as the ledger's only appender.
                held = log.hold();
                evictWhatOthersChanged(held.headBefore());
                Map<IdempotencyKey, Integer> keyedEarlier = new HashMap<>();
                for (int i = 0; i < batch.size(); i++) {
                    Pending pending = batch.get(i);
                    touched.add(pending.write().aggregateId());
                    IdempotencyKey key = pending.write().idempotencyKey();
                    Integer earlier = key == null ? null : keyedEarlier.putIfAbsent(key, i);
                    if (earlier != null) {
                        // The key's record is only written at the end of the batch; a second use of it in the same
                        // batch is answered here, as the stored record would answer it.
                        boolean same = batch.get(earlier)
                                .write()
                                .fingerprint()
                                .equals(pending.write().fingerprint());
                        steps.add(new Step(null, null, same ? earlier : null));
                        refusals.add(same ? null : new IdempotencyKeyReusedException());
                        continue;
                    }
                    int appendedBefore = held.appendedCount();
                    try {
                        steps.add(runOne(pending.write(), held));
                    } catch (RuntimeException e) {
                        if (held.appendedCount() != appendedBefore || !isRefusal(e) || rolledBack()) {
                            throw new RerunAlone(e);
                        }
                        // Refused by the rules before anything was written: the rest of the batch stands.
                        axon.evictDeal(pending.write().aggregateId());
                        steps.add(new Step(null, null, null));
                        refusals.add(e);
                        continue;
                    }
                    refusals.add(null);
                }
                // Every fact of the batch shares its commit; a reader that waits for the batch's last position sees
                // every fact with the batch's recorded instant, so a read at that instant is already settled.
                long committedThrough = held.headBefore() + held.appendedCount();
                // The batch's checkpoint is signed now, so that every receipt (and its stored replay) can carry the
                // log's hash at committedThrough.
                Checkpoint checkpoint = held.seal();
                String logHash = checkpoint == null ? null : checkpoint.logHash();
                List<IdempotencyStore.Record> records = new ArrayList<>();
                for (int i = 0; i < batch.size(); i++) {
                    Step step = steps.get(i);
                    outcomes.add(
                            step.sameAs() != null
                                    ? outcomes.get(step.sameAs())
                                    : finish(
                                            batch.get(i).write(),
                                            step,
                                            refusals.get(i),
                                            committedThrough,
                                            logHash,
                                            records));
                }
                idempotency.record(records);
            } catch (RuntimeException e) {
                // Nothing of the batch is committed, so running each write again on its own is safe.
                rollback();
                touched.forEach(axon::evictDeal);
                if (batch.size() > 1) {
                    return new BatchRun(List.of(), true);
                }
                RuntimeException failure = e instanceof RerunAlone again ? unwrap(again.getCause()) : e;
                return new BatchRun(List.of(new Outcome(null, failure)), false);
            }
            try {
                transactions.commit();
            } catch (Exception e) {
                // The commit may or may not have happened: nothing is run again, and no cached deal is trusted.
                touched.forEach(axon::evictDeal);
                knownHead = -1;
                axon.dealCache().ifPresent(cache -> cache.removeAll());
                return failedAll(batch, e instanceof RuntimeException r ? r : new CommitFailedException(e));
            }
            knownHead = held.headBefore() + held.appendedCount();
            return new BatchRun(outcomes, false);
        } catch (Exception e) {
            // begin() itself failed: nothing ran.
            return failedAll(batch, e instanceof RuntimeException r ? r : new CommitFailedException(e));
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    private static BatchRun failedAll(List<Pending> batch, RuntimeException failure) {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            outcomes.add(new Outcome(null, failure));
        }
        return new BatchRun(outcomes, false);
    }

    private boolean rolledBack() {
        try {
            return transactions.getStatus() != Status.STATUS_ACTIVE;
        } catch (Exception e) {
            return true;
        }
    }

    private void rollback() {
        try {
            if (transactions.getStatus() != Status.STATUS_NO_TRANSACTION) {
                transactions.rollback();
            }
        } catch (Exception e) {
            LOG.warn("could not roll back a batch", e);
        }
    }

    /** Deals another replica appended to since this process last held the log are loaded afresh. */
    private void evictWhatOthersChanged(long headBefore) {
        Optional<?> cache = axon.dealCache();
        if (cache.isEmpty() || knownHead == headBefore) {
            return;
        }
        if (knownHead < 0) {
            axon.dealCache().get().removeAll();
            return;
        }
        List<String> changed = streamHead.streamsAppendedAfter(knownHead, STALE_STREAMS_LIMIT);
        if (changed == null) {
            axon.dealCache().get().removeAll();
        } else {
            changed.forEach(axon::evictDeal);
        }
    }

    private Step runOne(Submission write, OrderedLog.Held held) {
        IdempotencyKey key = write.idempotencyKey();
        // One primary-key lookup per key. A single statement for the whole batch's keys (IN with one parameter per
        // key) was measured slower: each batch size is its own statement, and PostgreSQL kept the generic plans it
        // made while the table was empty, scanning the whole table (docs/benchmarks.md, "Write path").
        Optional<IdempotencyStore.StoredResponse> stored = key == null ? Optional.empty() : idempotency.find(key);
        if (stored.isPresent()) {
            return new Step(null, replay(stored.get(), write.fingerprint()), null);
        }
        int appendedBefore = held.appendedCount();
        commandGateway.sendAndWait(write.command());
        if (held.appendedCount() == appendedBefore) {
            // Only a PUT of unchanged counterparty details records nothing; it answers with the stream as it is.
            StreamHead.Head head = streamHead.of(write.aggregateId());
            return new Step(new Landed(head.version(), head.position(), head.recordedAt()), null, null);
        }
        OrderedLog.Appended appended = held.lastAppendedTo(write.aggregateId());
        if (appended == null) {
            throw new IllegalStateException("the command for " + write.aggregateId()
                    + " appended to another stream; every write appends to its own");
        }
        meters.counter(
                        "ledger.events.appended",
                        "command",
                        write.command().getPayloadType().getSimpleName())
                .increment(held.appendedCount() - appendedBefore);
        return new Step(new Landed(appended.version(), appended.position(), appended.recordedAt()), null, null);
    }

    /** The write's outcome once the batch's last position is known; its idempotency record joins {@code records}. */
    private static Outcome finish(
            Submission write,
            Step step,
            RuntimeException refusal,
            long committedThrough,
            String logHash,
            List<IdempotencyStore.Record> records) {
        if (refusal != null) {
            return new Outcome(null, refusal);
        }
        if (step.replayed() != null) {
            return new Outcome(step.replayed(), null);
        }
        Landed landed = step.landed();
        String body = write.receipt()
                .render(landed.version(), landed.recordedAt(), landed.position(), committedThrough, logHash);
        Submission.Recorded recorded =
                new Submission.Recorded(write.successStatus(), body, landed.version(), committedThrough);
        if (write.idempotencyKey() != null) {
            records.add(new IdempotencyStore.Record(
                    write.idempotencyKey(),
                    new IdempotencyStore.StoredResponse(
                            write.fingerprint(), recorded.status(), body, landed.version(), committedThrough)));
        }
        return new Outcome(recorded, null);
    }

    /** The stored answer to a key, if the request is the same one; a reuse of the key with another request is refused. */
    static Submission.Recorded replay(IdempotencyStore.StoredResponse stored, String fingerprint) {
        if (!stored.fingerprint().equals(fingerprint)) {
            throw new IdempotencyKeyReusedException();
        }
        return new Submission.Recorded(stored.status(), stored.body(), stored.version(), stored.committedThrough());
    }

    /**
     * A refusal decided by the rules or the request alone, before anything was written: the command's typed rule, a
     * stale If-Match, an unknown aggregate, or a reused key.
     */
    private static boolean isRefusal(Throwable e) {
        return find(e, LedgerRuleException.class) != null
                || find(e, ConflictingAggregateVersionException.class) != null
                || find(e, AggregateNotFoundException.class) != null
                || find(e, IncompatibleAggregateException.class) != null
                || find(e, IdempotencyKeyReusedException.class) != null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }

    /** Carries a write's failure out of the batch so the batch is rolled back and run again write by write. */
    private static final class RerunAlone extends RuntimeException {
        RerunAlone(RuntimeException cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }

    /** 503: the write queue is full, or the writer is stopping; nothing was recorded. */
    public static final class WriterBusyException extends RuntimeException {
        WriterBusyException() {
            super("the ledger cannot take more writes right now; nothing was recorded", null, false, false);
        }
    }

    /** 503: the service is stopping; the write was not run. */
    public static final class WriterStoppedException extends RuntimeException {
        WriterStoppedException() {
            super("the command service is stopping; nothing was recorded", null, false, false);
        }
    }

    /** The batch's transaction could not be begun or committed; the cause says why. */
    static final class CommitFailedException extends RuntimeException {
        CommitFailedException(Exception cause) {
            super("the write's transaction could not be committed", cause);
        }
    }
}
