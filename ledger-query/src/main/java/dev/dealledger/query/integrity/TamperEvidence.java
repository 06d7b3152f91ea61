package dev.dealledger.query.integrity;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.CheckpointKeyFiles;
import dev.dealledger.axon.Checkpoints;
import dev.dealledger.axon.EventStoreSchema;
import dev.dealledger.axon.StoredEvents;
import dev.dealledger.query.read.ExpensiveReads;
import dev.dealledger.verify.Checkpoint;
import dev.dealledger.verify.Export;
import dev.dealledger.verify.LedgerVerifier;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What an auditor checks the history with (docs/security.md, "Tamper evidence"): the verdict over the whole log
 * against its signed checkpoints, the latest checkpoint, and the export that the offline verifier reads. It reads the
 * event store itself, never the read model, on one snapshot. It holds the public key only; a service without it does
 * not start.
 */
@Startup
@ApplicationScoped
public class TamperEvidence {

    @Inject
    ActiveDataSource dataSource;

    @Inject
    ExpensiveReads expensive;

    @ConfigProperty(name = "ledger.checkpoint.private-key-file")
    Path privateKeyFile;

    @ConfigProperty(name = "ledger.checkpoint.public-key-file")
    Path publicKeyFile;

    @ConfigProperty(name = "ledger.checkpoint.create-missing-keys", defaultValue = "false")
    boolean createMissingKeys;

    private PublicKey key;

    @PostConstruct
    void loadKey() {
        key = CheckpointKeyFiles.publicKey(privateKeyFile, publicKeyFile, createMissingKeys);
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

    private LedgerVerifier.Verdict verifyNow(Checkpoint trusted) {
        try {
            return StoredEvents.onOneSnapshot(dataSource, c -> {
                LedgerVerifier verifier = new LedgerVerifier(key, Checkpoints.all(c), trusted);
                StoredEvents.inOrder(c, verifier::accept);
                return verifier.finish();
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store to verify it", e);
        }
    }

    private long head() {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COALESCE(MAX(global_index), 0) FROM " + EventStoreSchema.EVENT_TABLE);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the event store head", e);
        }
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
