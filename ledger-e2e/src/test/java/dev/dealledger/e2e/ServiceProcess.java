package dev.dealledger.e2e;

import dev.dealledger.axon.testing.JwtTestKeys;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (target/quarkus-app) run as its own operating-system process, as in production. */
public final class ServiceProcess implements AutoCloseable {

    private final String module;
    private final int port;
    private final int managementPort;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private ServiceProcess(String module, int port, int managementPort, Map<String, String> env, Path log) {
        this.module = module;
        this.port = port;
        this.managementPort = managementPort;
        this.env = env;
        this.log = log;
    }

    public static ServiceProcess command(String jdbcUrl) throws IOException {
        return of("ledger-command", "LEDGER_COMMAND_PORT", jdbcUrl);
    }

    public static ServiceProcess query(String jdbcUrl) throws IOException {
        return of("ledger-query", "LEDGER_QUERY_PORT", jdbcUrl);
    }

    private static ServiceProcess of(String module, String portVariable, String jdbcUrl) throws IOException {
        int port = freePort();
        Path log = Files.createTempFile(module + "-", ".log");
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "pg");
        env.put("LEDGER_DB_URL", jdbcUrl);
        env.put("LEDGER_DB_USER", System.getProperty("ledger.test.pg.user", "postgres"));
        env.put(portVariable, Integer.toString(port));
        int managementPort = freePort();
        env.put("LEDGER_MANAGEMENT_PORT", Integer.toString(managementPort));
        // Trust this run's throw-away signing key (see TestTokens).
        env.put("LEDGER_JWT_PUBLIC_KEY_LOCATION", JwtTestKeys.publicKeyLocation());
        env.put("LEDGER_JWT_ISSUER", JwtTestKeys.ISSUER);
        // The command service signs checkpoints with this run's throw-away pair; the query service verifies with it.
        env.put(
                "LEDGER_CHECKPOINT_PRIVATE_KEY_FILE",
                CheckpointTestKeys.privateKey().toString());
        env.put(
                "LEDGER_CHECKPOINT_PUBLIC_KEY_FILE",
                CheckpointTestKeys.publicKey().toString());
        return new ServiceProcess(module, port, managementPort, env, log);
    }

    /**
     * Sets an environment variable of the process, e.g. the issuer and public key the service verifies bearer tokens
     * with. Call it before {@link #start()}; a later value for the same name replaces the earlier one.
     */
    public ServiceProcess withEnv(String name, String value) {
        if (process != null) {
            throw new IllegalStateException(module + " is already started; set its environment before start()");
        }
        env.put(name, value);
        return this;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Health, metrics and the generated OpenAPI document: the management interface, never the API port. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public ServiceProcess start() throws IOException, InterruptedException {
        launch();
        awaitReady(Duration.ofSeconds(90));
        return this;
    }

    /**
     * Runs the service as a one-off task that exits by itself, such as the migration Job ({@code
     * QUARKUS_INIT_AND_EXIT=true}), and answers its exit code.
     */
    public int runToExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(module + " did not exit in " + timeout + ":\n" + Files.readString(log));
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        Path root = Path.of(System.getProperty("ledger.e2e.root", ".."));
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify from the root)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder builder =
                new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        process = builder.start();
    }

    private void awaitReady(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited at start:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                                .timeout(Duration.ofSeconds(2))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(module + " not ready in " + timeout + ":\n" + Files.readString(log));
    }

    /** A crash: SIGKILL, with no shutdown hook, no claim released and no transaction finished. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The operating-system process id; a query replica's token-store owner name starts with it ("pid@host"). */
    public long pid() {
        return process.pid();
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Everything the process printed so far, for a failure message. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** A graceful stop (SIGTERM), as Kubernetes does it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
