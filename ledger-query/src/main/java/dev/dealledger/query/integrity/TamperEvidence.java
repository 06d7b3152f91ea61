package dev.dealledger.query.integrity;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.CheckpointKeyFiles;
import dev.dealledger.axon.Checkpoints;
import dev.dealledger.axon.StoredEvents;
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

    /** Verifies the whole log; {@code trusted} is a checkpoint the auditor kept, or null. */
    public LedgerVerifier.Verdict verify(Checkpoint trusted) {
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

    public Optional<Checkpoint> latest() {
        try {
            return StoredEvents.onOneSnapshot(dataSource, Checkpoints::latest);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the checkpoints", e);
        }
    }

    /** Writes the export of the whole log, checkpoints first, from one snapshot. */
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
