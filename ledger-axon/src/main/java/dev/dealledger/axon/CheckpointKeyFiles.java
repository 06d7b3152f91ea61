package dev.dealledger.axon;

import dev.dealledger.verify.CheckpointKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * Where the services find the checkpoint keys (docs/security.md, "Tamper evidence"): the command service the pair,
 * from a Secret mounted as files; the query service the public key only. Local runs and tests may have a missing pair
 * created ({@code ledger.checkpoint.create-missing-keys}); a production service without its key does not start.
 */
public final class CheckpointKeyFiles {

    private CheckpointKeyFiles() {}

    /** The signing pair; created first if both files are missing and {@code createMissing}. */
    public static KeyPair pair(Path privateFile, Path publicFile, boolean createMissing) {
        try {
            if (createMissing && !Files.exists(privateFile) && !Files.exists(publicFile)) {
                create(privateFile, publicFile);
            }
            requireFile(privateFile, "ledger.checkpoint.private-key-file (LEDGER_CHECKPOINT_PRIVATE_KEY_FILE)");
            requireFile(publicFile, "ledger.checkpoint.public-key-file (LEDGER_CHECKPOINT_PUBLIC_KEY_FILE)");
            PrivateKey privateKey = CheckpointKeys.readPrivate(privateFile);
            PublicKey publicKey = CheckpointKeys.readPublic(publicFile);
            return new KeyPair(publicKey, privateKey);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint keys", e);
        }
    }

    /** The public key that checkpoints are verified with; the pair is created first where allowed. */
    public static PublicKey publicKey(Path privateFile, Path publicFile, boolean createMissing) {
        try {
            if (createMissing && !Files.exists(publicFile) && !Files.exists(privateFile)) {
                create(privateFile, publicFile);
            }
            requireFile(publicFile, "ledger.checkpoint.public-key-file (LEDGER_CHECKPOINT_PUBLIC_KEY_FILE)");
            return CheckpointKeys.readPublic(publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the checkpoint public key", e);
        }
    }

    private static void requireFile(Path file, String setting) {
        if (!Files.isReadable(file)) {
            throw new IllegalStateException("no checkpoint key at " + file.toAbsolutePath() + ": set " + setting
                    + " to the mounted key file (deploy/README.md, \"Checkpoint keys\")");
        }
    }

    /** Private first, public last, each by an atomic move: whoever sees the public file sees both. */
    private static synchronized void create(Path privateFile, Path publicFile) throws IOException {
        KeyPair pair = CheckpointKeys.generate();
        Path dir = publicFile.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Files.createDirectories(privateFile.toAbsolutePath().getParent());
        Path privateTemp = Files.createTempFile(privateFile.toAbsolutePath().getParent(), "private", ".tmp");
        Path publicTemp = Files.createTempFile(dir, "public", ".tmp");
        CheckpointKeys.write(pair, privateTemp, publicTemp);
        move(privateTemp, privateFile);
        move(publicTemp, publicFile);
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
