package dev.dealledger.verify;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The offline verifier: {@code java -cp 'ledger-verify.jar:lib/*' dev.dealledger.verify.Main --export EXPORT
 * --public-key PUBLIC_PEM [--trusted-checkpoint CHECKPOINT_JSON]}. Reaches the same verdict as the service's
 * verification, with no service and no database. Exit status 0 when the log verifies, 1 when it does not, 2 on a usage
 * or input error.
 */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path export = null;
        Path publicKey = null;
        Path trusted = null;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--export" -> export = Path.of(args[i + 1]);
                case "--public-key" -> publicKey = Path.of(args[i + 1]);
                case "--trusted-checkpoint" -> trusted = Path.of(args[i + 1]);
                default -> {
                    return usage(err, "unknown option " + args[i]);
                }
            }
        }
        if (export == null || publicKey == null || args.length % 2 != 0) {
            return usage(err, "--export and --public-key are required");
        }
        try {
            PublicKey key = CheckpointKeys.readPublic(publicKey);
            Checkpoint trustedCheckpoint =
                    trusted == null ? null : Export.parseCheckpoint(Files.readString(trusted, StandardCharsets.UTF_8));
            AtomicReference<LedgerVerifier> verifier = new AtomicReference<>();
            try (BufferedReader in = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
                Export.read(in, checkpoints -> {
                    verifier.set(new LedgerVerifier(key, checkpoints, trustedCheckpoint));
                    return verifier.get()::accept;
                });
            }
            LedgerVerifier.Verdict verdict = verifier.get().finish();
            out.println(describe(verdict));
            return verdict.ok() ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("ledger-verify: " + e.getMessage());
            return 2;
        }
    }

    /** One line a person reads and a script greps: the verdict first. */
    public static String describe(LedgerVerifier.Verdict verdict) {
        StringBuilder line = new StringBuilder(verdict.ok() ? "ok" : "TAMPERED");
        line.append(" eventsChecked=").append(verdict.eventsChecked());
        line.append(" head=").append(verdict.head());
        line.append(" logHash=").append(verdict.logHash());
        verdict.latest()
                .ifPresent(c -> line.append(" latestCheckpoint=")
                        .append(c.position())
                        .append('@')
                        .append(c.signedAt()));
        verdict.firstBad()
                .ifPresent(f -> line.append(" firstBadPosition=")
                        .append(f.position())
                        .append(" reason=\"")
                        .append(f.reason())
                        .append('"'));
        return line.toString();
    }

    private static int usage(PrintStream err, String problem) {
        err.println("ledger-verify: " + problem);
        err.println("usage: --export EXPORT --public-key PUBLIC_PEM [--trusted-checkpoint CHECKPOINT_JSON]");
        return 2;
    }
}
