package dev.dealledger.e2e.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the test's own (initdb in a temporary directory, its own port), so that a test can stop and start the
 * database for real without touching the machine's shared server. PostgreSQL refuses to run as root; when the build
 * runs as root the cluster runs as the {@code postgres} operating-system user through {@code runuser}.
 *
 * <p>The binaries come from {@code -Dledger.test.pg.bin} (default {@code /usr/lib/postgresql/15/bin}).
 */
final class PrivatePostgres implements AutoCloseable {

    static final Path BIN = Path.of(System.getProperty("ledger.test.pg.bin", "/usr/lib/postgresql/15/bin"));
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
    private final Path home;
    private final Path data;
    private final int port;

    private PrivatePostgres(Path home, int port) {
        this.home = home;
        this.data = home.resolve("data");
        this.port = port;
    }

    /** Whether this machine can run a private cluster: the binaries exist, and runuser does when we are root. */
    static boolean available() {
        return Files.isExecutable(BIN.resolve("pg_ctl"))
                && Files.isExecutable(BIN.resolve("initdb"))
                && (!ROOT || runuser() != null);
    }

    /**
     * A fresh cluster, initialised but not started, in a new directory under the system's temporary directory: the
     * postgres user must be able to reach it, which a checkout under a private directory (e.g. one made by
     * {@code mktemp -d}) does not allow, and the server's socket path must stay short.
     */
    static PrivatePostgres init(String name) throws IOException, InterruptedException {
        Path home = Files.createTempDirectory("ledger-" + name + "-");
        if (ROOT) {
            run(List.of("chown", "postgres:postgres", home.toString()), false);
        }
        PrivatePostgres pg = new PrivatePostgres(home, freePort());
        pg.pg(List.of(
                BIN.resolve("initdb").toString(),
                "-D",
                pg.data.toString(),
                "-U",
                "postgres",
                "-A",
                "trust",
                "--no-sync",
                "-E",
                "UTF8"));
        return pg;
    }

    PrivatePostgres start() throws IOException, InterruptedException {
        pg(List.of(
                BIN.resolve("pg_ctl").toString(),
                "-D",
                data.toString(),
                "-l",
                home.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                "-p " + port + " -k " + home + " -c listen_addresses=127.0.0.1",
                "start"));
        return this;
    }

    /** Stops the server at once, as a crash does: no checkpoint, recovery from the WAL at the next start. */
    void crash() throws IOException, InterruptedException {
        pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "immediate", "-w", "stop"));
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String createDatabase(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        return jdbcUrl(database);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            pg(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w", "stop"));
        }
        try (Stream<Path> files = Files.walk(home)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (ROOT) {
            cmd.addAll(List.of(runuser(), "-u", "postgres", "--"));
        }
        cmd.addAll(command);
        run(cmd, true);
    }

    private static void run(List<String> cmd, boolean fromHome) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (fromHome) {
            // runuser keeps the working directory, which the postgres user may not be allowed to enter.
            builder.directory(Path.of("/").toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + output);
        }
    }

    private static String runuser() {
        for (String candidate : List.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        return null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
