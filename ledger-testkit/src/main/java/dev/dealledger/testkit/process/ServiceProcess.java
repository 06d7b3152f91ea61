package dev.dealledger.testkit.process;

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

/**
 * One packaged service ({@code target/quarkus-app}) run as its own operating-system process, as in production: the
 * end-to-end tests and the benchmark both start the services through this class. It picks free ports for the API and
 * the management interface; everything else the service reads comes from the environment the caller gives it.
 */
public final class ServiceProcess implements AutoCloseable {

    /** What "started" waits for on the management port. */
    public enum Up {
        /** Serving HTTP; readiness may wait for work the caller starts itself (the benchmark's rebuild). */
        LIVE("/q/health/live"),
        /** Ready for traffic, as Kubernetes would route it. */
        READY("/q/health/ready");

        private final String path;

        Up(String path) {
            this.path = path;
        }
    }

    private final String name;
    private final Path app;
    private final List<String> jvmOptions;
    private final Map<String, String> env;
    private final String portVariable;
    private int port;
    private int managementPort;
    private final Path log;
    private Process process;

    private ServiceProcess(
            String name, Path app, List<String> jvmOptions, Map<String, String> env, String portVariable, Path log) {
        this.name = name;
        this.app = app;
        this.jvmOptions = jvmOptions;
        this.env = env;
        this.portVariable = portVariable;
        this.log = log;
    }

    /**
     * A service on the PostgreSQL profile against {@code jdbcUrl}, on free ports ({@code portVariable} names the API
     * port's variable), with its output appended to {@code log}. {@code password} may be null (trust authentication).
     */
    public static ServiceProcess onPostgres(
            String name,
            Path app,
            String portVariable,
            String jdbcUrl,
            String user,
            String password,
            List<String> jvmOptions,
            Path log)
            throws IOException {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_PROFILE", "pg");
        env.put("LEDGER_DB_URL", jdbcUrl);
        env.put("LEDGER_DB_USER", user);
        if (password != null) {
            env.put("LEDGER_DB_PASSWORD", password);
        }
        Files.createDirectories(log.toAbsolutePath().getParent());
        ServiceProcess service = new ServiceProcess(name, app, List.copyOf(jvmOptions), env, portVariable, log);
        service.choosePorts();
        return service;
    }

    /**
     * Free ports for the API and the management interface. A port is free when probed, not when the service binds
     * it: another process may take it in between, and {@link #start} then chooses again.
     */
    private void choosePorts() throws IOException {
        port = freePort();
        env.put(portVariable, Integer.toString(port));
        managementPort = freePort();
        env.put("LEDGER_MANAGEMENT_PORT", Integer.toString(managementPort));
    }

    /**
     * Sets an environment variable of the process, e.g. the issuer and public key the service verifies bearer tokens
     * with. Call it before starting; a later value for the same name replaces the earlier one.
     */
    public ServiceProcess withEnv(String variable, String value) {
        if (process != null) {
            throw new IllegalStateException(name + " is already started; set its environment before starting it");
        }
        env.put(variable, value);
        return this;
    }

    /** {@link #withEnv} for each entry. */
    public ServiceProcess withEnv(Map<String, String> variables) {
        variables.forEach(this::withEnv);
        return this;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Health, metrics and the generated OpenAPI document: the management interface, never the API port. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** Starts the service and waits up to 90 s until it is ready for traffic. */
    public ServiceProcess start() throws IOException, InterruptedException {
        return start(Duration.ofSeconds(90), Up.READY);
    }

    /**
     * Starts the service and waits until it is {@code up}. When it exits at start because one of its ports was taken
     * between the probe and the bind, it is started again on newly chosen ports, at most {@value #PORT_ATTEMPTS} times
     * in all.
     */
    public ServiceProcess start(Duration timeout, Up up) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            long logged = Files.exists(log) ? Files.size(log) : 0;
            launch();
            try {
                await(timeout, up);
                return this;
            } catch (IllegalStateException e) {
                if (attempt == PORT_ATTEMPTS || process.isAlive() || !portTaken(logged)) {
                    throw e;
                }
                choosePorts();
            }
        }
    }

    private static final int PORT_ATTEMPTS = 3;

    /** Whether what the process printed after {@code offset} says that a port it was to bind is in use. */
    private boolean portTaken(long offset) throws IOException {
        byte[] all = Files.readAllBytes(log);
        String since = new String(
                all,
                (int) Math.min(offset, all.length),
                (int) Math.max(0, all.length - offset),
                StandardCharsets.UTF_8);
        // Quarkus words it "Port N seems to be in use by another process"; the JDK, "Address already in use".
        return since.contains("seems to be in use by another process") || since.contains("Address already in use");
    }

    /**
     * Runs the service as a one-off task that exits by itself, such as the migration Job ({@code
     * QUARKUS_INIT_AND_EXIT=true}), and answers its exit code.
     */
    public int runToExit(Duration timeout) throws IOException, InterruptedException {
        launch();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new IllegalStateException(name + " did not exit in " + timeout + "; its log:\n" + tail());
        }
        return process.exitValue();
    }

    private void launch() throws IOException {
        Path jar = app.resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (mvn verify from the root)");
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
    }

    private void await(Duration timeout, Up up) throws InterruptedException, IOException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited at start; its log:\n" + tail());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(managementUrl() + up.path))
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
        throw new IllegalStateException(name + " not " + up + " in " + timeout + "; its log:\n" + tail());
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

    /** The last 40 lines the process printed, for a failure message that stays readable. */
    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Resident set size in bytes, from /proc/&lt;pid&gt;/status (VmRSS), or -1 where that is not readable. */
    public long rssBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    long kilobytes = parseKilobytes(line);
                    return kilobytes < 0 ? -1 : kilobytes * 1024;
                }
            }
        } catch (IOException e) {
            // not on Linux, or the process is gone
        }
        return -1;
    }

    /** "VmRSS:	  123456 kB" to 123456; -1 when the line holds no number. */
    public static long parseKilobytes(String statusLine) {
        String digits = statusLine.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? -1 : Long.parseLong(digits);
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
