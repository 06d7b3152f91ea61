package dev.dealledger.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service (target/quarkus-app/quarkus-run.jar) run as its own process, as in production. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final Path app;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final int port;
    private final int managementPort;
    private final Path log;
    private Process process;

    private ServiceProcess(
            String name,
            Path app,
            List<String> jvmOptions,
            Map<String, String> env,
            int port,
            int managementPort,
            Path log) {
        this.name = name;
        this.app = app;
        this.jvmOptions = jvmOptions;
        this.env = env;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * A service on the PostgreSQL profile against {@code jdbcUrl}, on a free port, with extra environment (the
     * switches) and its log in {@code logDirectory}.
     */
    public static ServiceProcess of(
            String name,
            Path app,
            String portVariable,
            String jdbcUrl,
            String user,
            String password,
            List<String> jvmOptions,
            Map<String, String> extraEnv,
            Path logDirectory)
            throws IOException {
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "pg");
        env.put("LEDGER_DB_URL", jdbcUrl);
        env.put("LEDGER_DB_USER", user);
        env.put("LEDGER_DB_PASSWORD", password);
        env.put(portVariable, Integer.toString(port));
        int managementPort = freePort();
        env.put("LEDGER_MANAGEMENT_PORT", Integer.toString(managementPort));
        // The command service signs checkpoints and the query service verifies them with one pair per run, created by
        // whichever starts first in the run's directory (docs/security.md, "Tamper evidence").
        Path keys = logDirectory.toAbsolutePath().resolve("checkpoint");
        env.put(
                "LEDGER_CHECKPOINT_PRIVATE_KEY_FILE",
                keys.resolve("private.pem").toString());
        env.put("LEDGER_CHECKPOINT_PUBLIC_KEY_FILE", keys.resolve("public.pem").toString());
        env.put("LEDGER_CHECKPOINT_CREATE_MISSING_KEYS", "true");
        // The harness sends every request with one token, faster than the per-subject limit admits (W1 reaches about
        // 2,000 writes/s): it measures the ledger's ceiling, not the limit's.
        env.put("LEDGER_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000");
        env.put("LEDGER_RATE_LIMIT_BURST", "1000000");
        env.putAll(extraEnv);
        Files.createDirectories(logDirectory);
        return new ServiceProcess(
                name, app, jvmOptions, env, port, managementPort, logDirectory.resolve(name + ".log"));
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Health and metrics: the management interface, never the API port. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public ServiceProcess start(Duration timeout) throws IOException, InterruptedException {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (see docs/benchmarks.md)");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        process = builder.start();
        awaitStarted(timeout);
        return this;
    }

    /** Up means started and serving HTTP: liveness, since readiness may wait for work the benchmark starts itself. */
    private void awaitStarted(Duration timeout) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start; its log:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/live"))
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
        throw new IllegalStateException(name + " not up in " + timeout + "; its log:\n" + tail());
    }

    /** Resident set size in bytes, from /proc/&lt;pid&gt;/status (VmRSS), or -1 where that is not readable. */
    public long rssBytes() {
        return rssBytes(process.pid());
    }

    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return parseKilobytes(line) * 1024;
                }
            }
        } catch (IOException e) {
            // not on Linux, or the process is gone
        }
        return -1;
    }

    /** "VmRSS:	  123456 kB" to 123456. */
    static long parseKilobytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** A graceful stop (SIGTERM), as Kubernetes does it. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
