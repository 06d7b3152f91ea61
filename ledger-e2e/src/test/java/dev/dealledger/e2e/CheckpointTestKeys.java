package dev.dealledger.e2e;

import dev.dealledger.verify.CheckpointKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A throw-away Ed25519 pair for this module's run, in {@code target/test-checkpoint}: the started command services sign
 * checkpoints with it and the query services and the offline verifier check them with its public half.
 */
public final class CheckpointTestKeys {

    private static final Path DIR = Path.of("target/test-checkpoint").toAbsolutePath();

    private CheckpointTestKeys() {}

    public static Path privateKey() {
        ensure();
        return DIR.resolve("private.pem");
    }

    public static Path publicKey() {
        ensure();
        return DIR.resolve("public.pem");
    }

    private static synchronized void ensure() {
        if (Files.exists(DIR.resolve("public.pem"))) {
            return;
        }
        try {
            CheckpointKeys.write(CheckpointKeys.generate(), DIR.resolve("private.pem"), DIR.resolve("public.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
