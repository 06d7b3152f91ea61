package dev.dealledger.command.integrity;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.ChainVerifier;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The stored history cannot be rewritten through the ledger's roles, a rewrite behind its back is detected, and dates
 * outside the documented range are refused. Runs as the PostgreSQL superuser, which owns the schema like a migrator.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER})
class StoredHistoryIntegrityTest {

    @Inject
    ActiveDataSource dataSource;

    @Test
    void the_trigger_refuses_update_and_delete_even_for_the_owner() throws Exception {
        String dealId = recordDeal();
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            assertThatThrownBy(() -> s.executeUpdate("UPDATE event_store.domain_event_entry SET payload_revision = 'x'"
                            + " WHERE aggregate_identifier = '" + dealId + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("immutable");
            assertThatThrownBy(() -> s.executeUpdate(
                            "DELETE FROM event_store.domain_event_entry WHERE aggregate_identifier = '" + dealId + "'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("immutable");
        }
    }

    @Test
    void the_query_role_cannot_insert_events_and_the_command_role_cannot_update_them() throws Exception {
        recordDeal();
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET ROLE ledger_query");
            assertThat(count(s)).isPositive(); // SELECT is granted
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO event_store.domain_event_entry (event_identifier,"
                            + " payload, payload_type, time_stamp, aggregate_identifier, sequence_number)"
                            + " VALUES ('x', '\\x00', 't', '2026-01-01T00:00:00Z', 'x', 0)"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            s.execute("RESET ROLE");
            s.execute("SET ROLE ledger_command");
            assertThatThrownBy(() -> s.executeUpdate("UPDATE event_store.domain_event_entry SET type = 'x'"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> s.executeUpdate("DELETE FROM event_store.domain_event_entry"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            s.execute("RESET ROLE");
        }
    }

    @Test
    void a_payload_edited_behind_the_ledgers_back_is_named_by_verification() throws Exception {
        String dealId = recordDeal();
        long commitmentPosition;
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            assertThat(new ChainVerifier(dataSource).verify(dealId).ok()).isTrue();
            try (ResultSet rs = s.executeQuery("SELECT global_index FROM event_store.domain_event_entry"
                    + " WHERE aggregate_identifier = '" + dealId + "' AND sequence_number = 1")) {
                rs.next();
                commitmentPosition = rs.getLong(1);
            }
            // A superuser steps around the trigger and changes the committed amount.
            s.execute("ALTER TABLE event_store.domain_event_entry DISABLE TRIGGER domain_event_entry_immutable");
            try {
                s.executeUpdate("UPDATE event_store.domain_event_entry SET payload = convert_to(replace("
                        + "convert_from(payload, 'UTF8'), '1000000.00', '9000000.00'), 'UTF8')"
                        + " WHERE global_index = " + commitmentPosition);
            } finally {
                s.execute("ALTER TABLE event_store.domain_event_entry ENABLE TRIGGER domain_event_entry_immutable");
            }
        }

        ChainVerifier.Result result = new ChainVerifier(dataSource).verify(dealId);

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBroken().orElseThrow().position()).isEqualTo(commitmentPosition);
    }

    @Test
    void a_source_document_hash_edited_behind_the_ledgers_back_is_named_by_verification() throws Exception {
        String dealId = recordDeal();
        String signed = "d80833ae0113ba7762445930c322429c63334791e520f02efa8f060c12b7fcbc";
        String substitute = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
        given().contentType(ContentType.JSON)
                .body("{\"commitmentId\":\"c-2\",\"amount\":\"500000.00\",\"termStart\":\"2025-02-01\","
                        + "\"termEnd\":\"2026-01-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-01-01\","
                        + "\"sourceReference\":\"order form, schedule B\",\"sourceDocumentSha256\":\"" + signed + "\"}")
                .post("/api/v1/deals/" + dealId + "/commitments")
                .then()
                .statusCode(201);
        long anchoredPosition;
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            assertThat(new ChainVerifier(dataSource).verify(dealId).ok()).isTrue();
            try (ResultSet rs = s.executeQuery("SELECT global_index FROM event_store.domain_event_entry"
                    + " WHERE aggregate_identifier = '" + dealId + "' AND sequence_number = 2")) {
                rs.next();
                anchoredPosition = rs.getLong(1);
            }
            // A superuser points the fact at another document, leaving the payload and the stored hash untouched.
            s.execute("ALTER TABLE event_store.domain_event_entry DISABLE TRIGGER domain_event_entry_immutable");
            try {
                int updated =
                        s.executeUpdate("UPDATE event_store.domain_event_entry SET meta_data = convert_to(replace("
                                + "convert_from(meta_data, 'UTF8'), '" + signed + "', '" + substitute + "'), 'UTF8')"
                                + " WHERE global_index = " + anchoredPosition);
                assertThat(updated).isEqualTo(1);
            } finally {
                s.execute("ALTER TABLE event_store.domain_event_entry ENABLE TRIGGER domain_event_entry_immutable");
            }
            try (ResultSet rs = s.executeQuery("SELECT convert_from(meta_data, 'UTF8') FROM"
                    + " event_store.domain_event_entry WHERE global_index = " + anchoredPosition)) {
                rs.next();
                assertThat(rs.getString(1)).contains(substitute).doesNotContain(signed);
            }
        }

        ChainVerifier.Result result = new ChainVerifier(dataSource).verify(dealId);

        assertThat(result.ok()).isFalse();
        assertThat(result.firstBroken().orElseThrow().position()).isEqualTo(anchoredPosition);
    }

    @Test
    void a_date_outside_the_documented_range_is_refused_and_records_nothing() throws Exception {
        String dealId = recordDeal();
        long before = countAll();
        given().contentType(ContentType.JSON)
                .body("{\"commitmentId\":\"c-far\",\"amount\":\"1.00\",\"termStart\":\"2026-01-01\","
                        + "\"termEnd\":\"2999-12-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2026-01-01\"}")
                .post("/api/v1/deals/" + dealId + "/commitments")
                .then()
                .statusCode(422)
                .contentType("application/problem+json");
        assertThat(countAll()).isEqualTo(before);
    }

    private String recordDeal() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Integrity Compute (fictional)\"}")
                .put("/api/v1/counterparties/cp-int-" + suffix)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"agreementId\":\"msa-int-" + suffix + "\",\"counterpartyId\":\"cp-int-" + suffix
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}")
                .post("/api/v1/agreements")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(
                        "{\"dealId\":\"of-int-" + suffix + "\",\"agreementId\":\"msa-int-" + suffix
                                + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-01-01\"}")
                .post("/api/v1/deals")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"commitmentId\":\"c-1\",\"amount\":\"1000000.00\",\"termStart\":\"2025-02-01\","
                        + "\"termEnd\":\"2026-01-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-01-01\"}")
                .post("/api/v1/deals/of-int-" + suffix + "/commitments")
                .then()
                .statusCode(201);
        return "of-int-" + suffix;
    }

    private long countAll() throws SQLException {
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement()) {
            return count(s);
        }
    }

    private static long count(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM event_store.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
