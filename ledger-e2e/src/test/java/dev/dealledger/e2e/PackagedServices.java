package dev.dealledger.e2e;

import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.testkit.process.ServiceProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The packaged services as these tests run them: each from its module's {@code target/quarkus-app}, on PostgreSQL,
 * trusting this run's throw-away token and checkpoint keys. Not started: a test may add settings first.
 */
public final class PackagedServices {

    private PackagedServices() {}

    public static ServiceProcess command(String jdbcUrl) throws IOException {
        return of("ledger-command", "LEDGER_COMMAND_PORT", jdbcUrl);
    }

    public static ServiceProcess query(String jdbcUrl) throws IOException {
        return of("ledger-query", "LEDGER_QUERY_PORT", jdbcUrl);
    }

    private static ServiceProcess of(String module, String portVariable, String jdbcUrl) throws IOException {
        Path root = Path.of(System.getProperty("ledger.e2e.root", ".."));
        return ServiceProcess.onPostgres(
                        module,
                        root.resolve(module).resolve("target/quarkus-app"),
                        portVariable,
                        jdbcUrl,
                        System.getProperty("ledger.test.pg.user", "postgres"),
                        null,
                        List.of("-Xmx256m"),
                        Files.createTempFile(module + "-", ".log"))
                // Trust this run's throw-away signing key (see TestTokens).
                .withEnv("LEDGER_JWT_PUBLIC_KEY_LOCATION", JwtTestKeys.publicKeyLocation())
                .withEnv("LEDGER_JWT_ISSUER", JwtTestKeys.ISSUER)
                // The command service signs checkpoints with this run's throw-away pair; the query service verifies
                // with it.
                .withEnv(
                        "LEDGER_CHECKPOINT_PRIVATE_KEY_FILE",
                        CheckpointTestKeys.privateKey().toString())
                .withEnv(
                        "LEDGER_CHECKPOINT_PUBLIC_KEY_FILE",
                        CheckpointTestKeys.publicKey().toString());
    }
}
