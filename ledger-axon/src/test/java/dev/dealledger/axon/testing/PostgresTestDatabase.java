package dev.dealledger.axon.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/**
 * Gives a test run its own empty PostgreSQL database on the machine's server (no Docker here): dropped and created
 * afresh when the run starts, named after the module so that modules never share state. The server URL and user come
 * from the build ({@code ledger.test.pg.url}, {@code ledger.test.pg.user}).
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String database = databaseName();
        recreate(database);
        return Map.of(
                "quarkus.datasource.pg.jdbc.url",
                serverUrl() + database,
                "quarkus.datasource.pg.username",
                user(),
                "quarkus.datasource.pg.password",
                "",
                // SmallRye JWT reads its key location when the application is built, before any test resource can
                // override it; so the test profile names target/test-jwt and this only makes sure the pair exists.
                "ledger.test.jwt.public-key",
                JwtTestKeys.publicKeyLocation());
    }

    @Override
    public void stop() {}

    public static String serverUrl() {
        return System.getProperty("ledger.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/");
    }

    public static String user() {
        return System.getProperty("ledger.test.pg.user", "postgres");
    }

    /** e.g. ledger_test_ledger_command; an explicit {@code ledger.test.db-name} wins. */
    public static String databaseName() {
        String explicit = System.getProperty("ledger.test.db-name");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        String prefix = System.getProperty("ledger.test.db-prefix", "ledger_test");
        String module = Path.of(System.getProperty("user.dir")).getFileName().toString();
        return (prefix + "_" + module).replaceAll("[^A-Za-z0-9_]", "_").toLowerCase();
    }

    public static String jdbcUrl() {
        return serverUrl() + databaseName();
    }

    public static void recreate(String database) {
        try (Connection c = DriverManager.getConnection(serverUrl() + "postgres", user(), "");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + serverUrl() + " is needed for the tests", e);
        }
    }
}
