package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both services run as least-privilege logins, as deploy/README.md tells operators to set them up. Migrations are their
 * own step, as the migration Jobs run them: each service's image started with {@code QUARKUS_INIT_AND_EXIT=true} as the
 * migrator login, which takes the schema owner's role for the migration alone. The owner cannot log in, and the
 * serving processes, started in the prod profile, hold neither the migrator's login nor the owner's rights: each
 * connects only as a login in its group role ({@code ledger_command} or {@code ledger_query}). Every runtime path still
 * works with those grants alone (appends, idempotency records, snapshots, projection and token store, verification,
 * rebuild), and the logins hold no more than the issue allows.
 */
class LeastPrivilegeLoginsIT {

    private static final String DATABASE = "ledger_test_e2e_least_privilege";
    private static final String COMMAND_LOGIN = "ledger_e2e_command_login";
    private static final String QUERY_LOGIN = "ledger_e2e_query_login";
    /** Owns the schemas and the database; cannot log in (CloudNativePG's bootstrap owner, made NOLOGIN). */
    private static final String OWNER = "ledger_e2e_owner";
    /** Logs in for the migration Jobs only; a member of the owner role that does not inherit its rights. */
    private static final String MIGRATOR = "ledger_e2e_migrator";

    private static String jdbcUrl;
    private static EventTable events;
    private static ServiceProcess command;
    private static ServiceProcess query;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void startServicesAsLeastPrivilegeLogins() throws Exception {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        createRolesAsAnOperatorWould();
        migrateAsTheJobWould(PackagedServices.command(jdbcUrl));
        migrateAsTheJobWould(PackagedServices.query(jdbcUrl));
        command = serving(PackagedServices.command(jdbcUrl), COMMAND_LOGIN).start();
        query = serving(PackagedServices.query(jdbcUrl), QUERY_LOGIN).start();
    }

    /** What deploy/base/migrations.yaml does: the service's image, run once as the migrator, then gone. */
    private static void migrateAsTheJobWould(ServiceProcess image) throws Exception {
        ServiceProcess job = image.withEnv("QUARKUS_INIT_AND_EXIT", "true")
                .withEnv("LEDGER_DB_USER", MIGRATOR)
                .withEnv("LEDGER_DB_PASSWORD", "not-checked-under-trust-auth")
                .withEnv("LEDGER_MIGRATION_DB_USER", MIGRATOR)
                .withEnv("LEDGER_MIGRATION_DB_PASSWORD", "not-checked-under-trust-auth")
                .withEnv("LEDGER_MIGRATION_ROLE", OWNER);
        assertThat(job.runToExit(Duration.ofSeconds(120))).as(job.log()).isZero();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    /**
     * A serving pod as the Deployments start it: the prod profile (which fails closed), no migration at start and no
     * migration credentials. The machine's PostgreSQL trusts local connections, so passwords are never checked.
     */
    private static ServiceProcess serving(ServiceProcess service, String login) {
        return service.withEnv("QUARKUS_PROFILE", "prod,pg")
                .withEnv("LEDGER_MIGRATE_AT_START", "false")
                .withEnv("LEDGER_DB_USER", login)
                .withEnv("LEDGER_DB_PASSWORD", "not-checked-under-trust-auth");
    }

    @Test
    void every_runtime_path_works_with_the_least_privilege_grants() throws Exception {
        String cmd = command.baseUrl();
        assertThat(write("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty(), null)
                        .status())
                .isEqualTo(200);
        assertThat(write("POST", cmd + "/api/v1/agreements", Facts.agreement(), null)
                        .status())
                .isEqualTo(201);
        assertThat(write("POST", cmd + "/api/v1/deals", Facts.deal("of-2025-09", "2025-09-30"), null)
                        .status())
                .isEqualTo(201);
        String commitment = Facts.commitment("c-2025", "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30");
        LedgerHttp.Reply recorded =
                write("POST", cmd + "/api/v1/deals/of-2025-09/commitments", commitment, "lp-commitment");
        assertThat(recorded.status()).isEqualTo(201);
        // The idempotent retry reads the stored record back: nothing is recorded twice.
        LedgerHttp.Reply retried =
                write("POST", cmd + "/api/v1/deals/of-2025-09/commitments", commitment, "lp-commitment");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.position()).isEqualTo(recorded.position());

        // More than 50 events on one deal: the command service stores (and replaces) snapshots as well.
        long position = 0;
        for (int i = 1; i <= 55; i++) {
            LedgerHttp.Reply amended = write(
                    "POST",
                    cmd + "/api/v1/deals/of-2025-09/commitments/c-2025/amendments",
                    Facts.amendment("am-" + i, "1000000.00", "2026-01-01"),
                    "lp-amendment-" + i);
            assertThat(amended.status()).as(String.valueOf(amended.body())).isEqualTo(201);
            position = amended.position();
        }
        // Snapshots are taken after the commit, on the command service's snapshot thread.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (events.longValue("SELECT COUNT(*) FROM event_store.snapshot_event_entry") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(events.longValue("SELECT COUNT(*) FROM event_store.snapshot_event_entry"))
                .isPositive();

        // 14,200,000,000.00 + 55 x 1,000,000.00
        assertThat(committedUsd(position)).isEqualTo("14255000000.00");
        JsonNode verification =
                http.get(query.baseUrl() + "/api/v1/verification", 0).body();
        assertThat(verification.path("ok").asBoolean())
                .as(verification.toString())
                .isTrue();

        LedgerHttp.Reply rebuild = write("POST", query.baseUrl() + "/api/v1/admin/rebuild", null, null);
        assertThat(rebuild.status()).as(String.valueOf(rebuild.body())).isEqualTo(202);
        long target = rebuild.body().path("targetPosition").asLong();
        assertThat(committedUsd(Math.max(target, position))).isEqualTo("14255000000.00");

        // The services really ran as the logins: every session they hold is one of the two.
        assertThat(sessionUsers()).containsExactlyInAnyOrder(COMMAND_LOGIN, QUERY_LOGIN);
        // And the tables they wrote belong to the owner role, which no one can log in as.
        assertThat(owner("event_store", "domain_event_entry")).isEqualTo(OWNER);
        assertThat(owner("read_model", "rm_commitment_fact")).isEqualTo(OWNER);
        assertThat(events.longValue("SELECT COUNT(*) FROM pg_roles WHERE rolname = '" + OWNER + "' AND rolcanlogin"))
                .isZero();
    }

    @Test
    void a_serving_pod_with_the_migrators_login_refuses_to_start() throws Exception {
        ServiceProcess withOwnersRights = serving(PackagedServices.command(jdbcUrl), MIGRATOR);
        assertThatThrownBy(withOwnersRights::start)
                .hasMessageContaining("can act as the owner of the ledger's schemas");
        assertThat(withOwnersRights.isAlive()).isFalse();
    }

    @Test
    void the_logins_hold_no_more_than_their_group_roles_allow() throws Exception {
        assertThat(privilege(QUERY_LOGIN, "event_store.domain_event_entry", "SELECT"))
                .isTrue();
        assertThat(privilege(QUERY_LOGIN, "event_store.domain_event_entry", "INSERT"))
                .isFalse();
        assertThat(privilege(QUERY_LOGIN, "event_store.idempotency_record", "SELECT"))
                .isFalse();
        assertThat(privilege(COMMAND_LOGIN, "event_store.domain_event_entry", "INSERT"))
                .isTrue();
        assertThat(privilege(COMMAND_LOGIN, "event_store.domain_event_entry", "UPDATE"))
                .isFalse();
        assertThat(privilege(COMMAND_LOGIN, "event_store.domain_event_entry", "DELETE"))
                .isFalse();
        assertThat(privilege(COMMAND_LOGIN, "read_model.rm_commitment_fact", "SELECT"))
                .isFalse();
    }

    private String committedUsd(long minPosition) throws Exception {
        LedgerHttp.Reply totals =
                http.get(query.baseUrl() + "/api/v1/counterparties/coreweave/totals?asOf=2026-12-31", minPosition);
        assertThat(totals.status()).as(String.valueOf(totals.body())).isEqualTo(200);
        return totals.totalsRow("USD").path("committed").asText();
    }

    private LedgerHttp.Reply write(String method, String url, String json, String idempotencyKey) throws Exception {
        return http.send(
                method, url, json, idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    /** What an operator does once per cluster (deploy/README.md): the group roles, and one login in each. */
    private static void createRolesAsAnOperatorWould() throws SQLException {
        try (Connection c = events.connect();
                Statement s = c.createStatement()) {
            s.execute("DO $$ BEGIN "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_command') THEN "
                    + "CREATE ROLE ledger_command NOLOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ledger_query') THEN "
                    + "CREATE ROLE ledger_query NOLOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + COMMAND_LOGIN + "') THEN "
                    + "CREATE ROLE " + COMMAND_LOGIN + " LOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + QUERY_LOGIN + "') THEN "
                    + "CREATE ROLE " + QUERY_LOGIN + " LOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + OWNER + "') THEN "
                    + "CREATE ROLE " + OWNER + " NOLOGIN; END IF; "
                    + "IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '" + MIGRATOR + "') THEN "
                    + "CREATE ROLE " + MIGRATOR + " LOGIN NOINHERIT; END IF; "
                    + "END $$");
            s.execute("GRANT " + OWNER + " TO " + MIGRATOR);
            s.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + OWNER);
            s.execute("GRANT ledger_command TO " + COMMAND_LOGIN);
            s.execute("GRANT ledger_query TO " + QUERY_LOGIN);
        }
    }

    private static Set<String> sessionUsers() throws SQLException {
        Set<String> users = new TreeSet<>();
        try (Connection c = events.connect();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT usename FROM pg_stat_activity "
                        + "WHERE datname = ? AND pid <> pg_backend_pid()")) {
            ps.setString(1, DATABASE);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        }
        return users;
    }

    private static boolean privilege(String login, String table, String privilege) throws SQLException {
        try (Connection c = events.connect();
                PreparedStatement ps = c.prepareStatement("SELECT has_table_privilege(?, ?, ?)")) {
            ps.setString(1, login);
            ps.setString(2, table);
            ps.setString(3, privilege);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    private static String owner(String schema, String table) throws SQLException {
        try (Connection c = events.connect();
                PreparedStatement ps =
                        c.prepareStatement("SELECT tableowner FROM pg_tables WHERE schemaname = ? AND tablename = ?")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }
}
