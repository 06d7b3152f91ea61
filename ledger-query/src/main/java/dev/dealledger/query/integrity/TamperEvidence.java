package dev.dealledger.query.integrity;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.CheckpointKeyFiles;
import dev.dealledger.axon.Checkpoints;
import dev.dealledger.axon.StoredEvents;
import dev.dealledger.query.processing.ProjectionProgress;
import dev.dealledger.query.read.ExpensiveReads;
import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.Export;
import dev.dealledger.verify.LedgerVerifier;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * What an auditor checks the history with (docs/security.md, "Tamper evidence"): the verdict over the whole log
 * against its signed checkpoints, the standing verdict that carries the last whole pass forward to the head
 * (docs/adr/0008), the latest checkpoint, and the export that the offline verifier reads. It reads the event store
 * itself, never the read model, on one snapshot per pass or feeding. It holds the public key only; a service without
 * it does not start.
 */
@Startup
@ApplicationScoped
public class TamperEvidence {

    private static final Logger LOG = Logger.getLogger(TamperEvidence.class);

    @Inject
    ActiveDataSource dataSource;

    @Inject
    ExpensiveReads expensive;

    @Inject
    ProjectionProgress progress;

    @ConfigProperty(name = "ledger.checkpoint.private-key-file")
    Path privateKeyFile;

    @ConfigProperty(name = "ledger.checkpoint.public-key-file")
    Path publicKeyFile;

    @ConfigProperty(name = "ledger.checkpoint.create-missing-keys", defaultValue = "false")
    boolean createMissingKeys;

    /**
     * How old the whole pass under the standing verdict may grow before the next one starts: an edit to a position
     * already verified shows in the standing verdict at the latest after this, and at once in a whole verification.
     */
    @ConfigProperty(name = "ledger.verification.whole-pass-every", defaultValue = "1h")
    Duration wholePassEvery;

    /** How often the service feeds the standing verdict what was appended, or starts a due whole pass; 0 never. */
    @ConfigProperty(name = "ledger.verification.check-every", defaultValue = "30s")
    Duration checkEvery;

    /**
     * A rebuild reads the whole log already: a whole pass that the clock would start waits while the projection is
     * more than this many events behind the head, so that two readers of the whole log do not share the cores.
     */
    @ConfigProperty(name = "ledger.verification.defer-while-behind-events", defaultValue = "20000")
    long deferWhileBehindEvents;

    private PublicKey key;

    /** Guards {@link #kept}, and feeding it: one feeding at a time, since each goes on from where the last ended. */
    private final Object feeding = new Object();

    /** The newest whole pass, fed on since; null until the first pass ends. */
    private Kept kept;

    private ScheduledExecutorService checks;

    /** A pass over the whole log from position 1, on one snapshot taken at {@code startedAt}, up to {@code head}. */
    public record WholePass(Instant startedAt, Instant finishedAt, long head) {}

    /**
     * The standing verdict: {@code pass} verified positions 1 to {@code pass.head()} on its snapshot; the positions after
     * it, up to {@code verdict.head()}, were verified as stored, each when first read, by {@code checkedAt} at the latest.
     * {@code nextPassDue} is when the service starts the next whole pass, or null if only requests start passes.
     */
    public record Standing(LedgerVerifier.Verdict verdict, WholePass pass, Instant checkedAt, Instant nextPassDue) {}

    private record Kept(LedgerVerifier verifier, WholePass pass) {}

    @PostConstruct
    void start() {
        key = CheckpointKeyFiles.publicKey(privateKeyFile, publicKeyFile, createMissingKeys);
        if (!checkEvery.isZero()) {
            checks = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "ledger-verification"));
            long millis = checkEvery.toMillis();
            checks.scheduleWithFixedDelay(this::checkQuietly, 0, millis, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (checks != null) {
            checks.shutdownNow();
        }
    }

    private void checkQuietly() {
        try {
            check(Instant.now());
        } catch (RuntimeException e) {
            if (checks.isShutdown()) {
                return; // the service is stopping, and its connection pool with it
            }
            // The next check tries again; until then a request feeds the standing verdict, or starts the first pass.
            LOG.warnf(e, "could not check the log");
        }
    }

    /**
     * Starts a whole pass if none ended yet or the last began {@code whole-pass-every} before {@code now}, unless the
     * projection is catching up, and otherwise feeds the standing verdict what was appended since, so that a request
     * finds little left to read.
     */
    public void check(Instant now) {
        WholePass pass;
        synchronized (feeding) {
            pass = kept == null ? null : kept.pass();
        }
        boolean due = pass == null || !now.isBefore(pass.startedAt().plus(wholePassEvery));
        if (due && !projectionCatchingUp()) {
            verify(null);
        } else if (pass != null) {
            standing();
        }
    }

    private boolean projectionCatchingUp() {
        OptionalLong reached = progress.lowestPosition();
        return progress.headPosition() - reached.orElse(0) > deferWhileBehindEvents;
    }

    /**
     * The standing verdict (docs/adr/0008): the newest whole pass, fed the checkpoints and events stored since, on one
     * snapshot. Before the first pass ended it runs that pass, shared with one already running on the same head. What
     * it found wrong stays found until the next whole pass.
     */
    public Standing standing() {
        synchronized (feeding) {
            if (kept != null) {
                return feed(kept);
            }
        }
        verify(null);
        synchronized (feeding) {
            return feed(kept);
        }
    }

    private Standing feed(Kept k) {
        LedgerVerifier verifier = k.verifier();
        try {
            return StoredEvents.onOneSnapshot(dataSource, c -> {
                long head = verifier.head();
                verifier.lookUpHeadsIn(stream -> {
                    try {
                        return StoredEvents.lastOf(c, stream, head);
                    } catch (SQLException e) {
                        throw new IllegalStateException("could not read the head of stream " + stream, e);
                    }
                });
                try {
                    if (verifier.addCheckpoints(Checkpoints.from(c, head))
                            && verifier.endsAt(StoredEvents.lastPosition(c))) {
                        StoredEvents.between(c, head + 1, Long.MAX_VALUE, verifier::accept);
                    }
                } finally {
                    // One head per stream of the ledger is too much to keep; the next feeding looks them up again.
                    verifier.forgetHeads();
                }
                return new Standing(
                        verifier.finish(),
                        k.pass(),
                        Instant.now(),
                        checks == null ? null : k.pass().startedAt().plus(wholePassEvery));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store to verify it", e);
        }
    }

    /** Keeps a whole pass under the standing verdict unless a pass that began later is kept already. */
    private void keep(LedgerVerifier verifier, WholePass pass) {
        synchronized (feeding) {
            if (kept == null || !kept.pass().startedAt().isAfter(pass.startedAt())) {
                kept = new Kept(verifier, pass);
            }
        }
    }

    /**
     * Verifies the whole log; {@code trusted} is a checkpoint the auditor kept, or null. It reads every stored event,
     * so it is an expensive read ({@link ExpensiveReads}): identical verifications running at once, against the same
     * checkpoint while the log has the same head, share one pass, whose snapshot then began after that head.
     */
    public LedgerVerifier.Verdict verify(Checkpoint trusted) {
        return expensive.compute(new Verification(trusted, head()), () -> verifyNow(trusted));
    }

    /** What a verdict depends on: the kept checkpoint (or none) and the log's head. */
    private record Verification(Checkpoint trusted, long head) {}

    /** A whole pass; one without a kept checkpoint goes on under the standing verdict. */
    private LedgerVerifier.Verdict verifyNow(Checkpoint trusted) {
        Instant startedAt = Instant.now();
        try {
            LedgerVerifier verifier = StoredEvents.onOneSnapshot(dataSource, c -> {
                LedgerVerifier v = new LedgerVerifier(key, Checkpoints.all(c), trusted);
                StoredEvents.inOrder(c, v::accept);
                return v;
            });
            LedgerVerifier.Verdict verdict = verifier.finish();
            verifier.forgetHeads();
            if (trusted == null) {
                keep(verifier, new WholePass(startedAt, Instant.now(), verdict.head()));
            }
            return verdict;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store to verify it", e);
        }
    }

    private long head() {
        return progress.headPosition();
    }

    public Optional<Checkpoint> latest() {
        try {
            return StoredEvents.onOneSnapshot(dataSource, Checkpoints::latest);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the checkpoints", e);
        }
    }

    /**
     * Writes the export of the whole log, checkpoints first, from one snapshot. The caller holds a turn of the
     * expensive reads for it ({@link ExpensiveReads#take}), taken before the answer's first byte.
     */
    public void export(Writer out) {
        try {
            StoredEvents.onOneSnapshot(dataSource, c -> {
                try {
                    Export.Out export = new Export.Out(out);
                    for (Checkpoint checkpoint : Checkpoints.all(c)) {
                        export.checkpoint(checkpoint);
                    }
                    StoredEvents.inOrder(c, event -> {
                        try {
                            export.event(event);
                            return true;
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                    out.flush();
                    return null;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store to export it", e);
        }
    }
}
