package dev.dealledger.query.testing;

import dev.dealledger.axon.testing.PostgresTestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A fresh PostgreSQL database for the query service, with the event store already created exactly as the command
 * service creates it: its own Flyway migrations, schema {@code event_store}, history table
 * {@code flyway_history_command}. The query service's Flyway then adds {@code read_model} on top, as in production.
 *
 * <p>The projection wait of {@code X-Ledger-Min-Position} is shortened so that the 503 test does not idle for the
 * production bound.
 */
public class LedgerQueryDatabase extends PostgresTestDatabase {

    /** The bounded wait of X-Ledger-Min-Position in these tests. */
    public static final String MIN_POSITION_WAIT = "PT1S";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        migrateEventStore();
        config.put("ledger.read.min-position-wait", MIN_POSITION_WAIT);
        return config;
    }

    private static void migrateEventStore() {
        Path migrations = commandMigrations();
        Flyway.configure()
                .dataSource(jdbcUrl(), user(), "")
                .locations("filesystem:" + migrations)
                .schemas("event_store")
                .table("flyway_history_command")
                .load()
                .migrate();
    }

    /** ../ledger-command/src/main/resources/db/migration/postgresql, seen from this module's directory. */
    private static Path commandMigrations() {
        Path module = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        Path migrations = module.resolveSibling("ledger-command")
                .resolve("src/main/resources/db/migration/postgresql")
                .normalize();
        if (!Files.isDirectory(migrations)) {
            throw new IllegalStateException("the command service's migrations are expected at " + migrations);
        }
        return migrations;
    }
}
