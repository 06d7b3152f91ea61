package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import dev.dealledger.verify.EventHash;
import dev.dealledger.verify.Main;
import dev.dealledger.verify.StoredEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The tamper suite (docs/security.md): each way of rewriting the stored history behind the ledger's back is named at
 * its exact position by the query service's verification and, from the service's export, by the offline verifier.
 * Every case but the last puts the rows back, so that the next one starts from an intact log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TamperingWithTheLogIT {

    private static final String DATABASE = "ledger_e2e_tamper";
    private static final String TABLE = "event_store.domain_event_entry";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EventTable events;
    private static ServiceProcess command;
    private static ServiceProcess query;
    private static final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void recordAHistory() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();
        String cmd = command.baseUrl();
        write("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty());
        write("POST", cmd + "/api/v1/agreements", Facts.agreement());
        write("POST", cmd + "/api/v1/deals", Facts.deal("of-a", "2025-09-30"));
        write("POST", cmd + "/api/v1/deals", Facts.deal("of-b", "2025-09-30"));
        write(
                "POST",
                cmd + "/api/v1/deals/of-a/commitments",
                Facts.commitment("c-a", "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30"));
        write(
                "POST",
                cmd + "/api/v1/deals/of-b/commitments",
                Facts.commitment("c-b", "1000000.00", "2025-10-01", "2026-12-31", "2025-09-30"));
        write(
                "POST",
                cmd + "/api/v1/deals/of-a/commitments/c-a/amendments",
                Facts.amendment("am-1", "500000.00", "2026-01-01"));
        write(
                "POST",
                cmd + "/api/v1/deals/of-a/commitments/c-a/amendments",
                Facts.amendment("am-2", "250000.00", "2026-02-01"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    @Test
    @Order(1)
    void an_untouched_log_verifies_online_and_offline() throws Exception {
        Verdict online = online(null);
        assertThat(online.ok()).as(online.body().toString()).isTrue();
        assertThat(online.body().path("latestCheckpoint").path("position").asLong())
                .isEqualTo(head());
        assertThat(offline(null)).isEqualTo(new Offline(0, null));

        Verdict standing = standing();
        assertThat(standing.ok()).as(standing.body().toString()).isTrue();
        assertThat(standing.body().path("head").asLong()).isEqualTo(head());
        assertThat(standing.body().path("logHash").asText())
                .isEqualTo(online.body().path("logHash").asText());
    }

    @Test
    @Order(2)
    void an_edit_made_by_a_superuser_with_the_trigger_disabled_is_named_at_its_position() throws Exception {
        long position = position("of-a", 1);
        String original =
                text("SELECT convert_from(payload, 'UTF8') FROM " + TABLE + " WHERE global_index = " + position);
        asSuperuserWithoutTriggers("UPDATE " + TABLE + " SET payload = convert_to(replace(convert_from(payload,"
                + " 'UTF8'), '14200000000.00', '14900000000.00'), 'UTF8') WHERE global_index = " + position);

        // The standing verdict does not read a position again once verified (docs/adr/0008): the edit shows in the
        // next whole pass, and from then on in the standing verdict too.
        assertThat(standing().ok()).isTrue();
        expectFirstBad(position, null);
        assertThat(standing().firstBad()).isEqualTo(position);

        asSuperuserWithoutTriggers("UPDATE " + TABLE + " SET payload = convert_to('" + original.replace("'", "''")
                + "', 'UTF8') WHERE global_index = " + position);
        assertThat(online(null).ok()).isTrue();
    }

    @Test
    @Order(3)
    void two_events_swapped_are_named_at_the_first_of_them() throws Exception {
        long first = position("of-a", 1);
        long second = position("of-b", 1);
        swap(first, second);

        expectFirstBad(Math.min(first, second), null);

        swap(first, second);
        assertThat(online(null).ok()).isTrue();
    }

    @Test
    @Order(4)
    void a_whole_stream_deleted_is_named_at_its_first_position() throws Exception {
        long first = position("of-b", 0);
        asSuperuserWithoutTriggers(
                "CREATE TABLE public.saved_stream AS SELECT * FROM " + TABLE + " WHERE aggregate_identifier = 'of-b'",
                "DELETE FROM " + TABLE + " WHERE aggregate_identifier = 'of-b'");

        expectFirstBad(first, null);

        asSuperuserWithoutTriggers(
                "INSERT INTO " + TABLE + " SELECT * FROM public.saved_stream", "DROP TABLE public.saved_stream");
        assertThat(online(null).ok()).isTrue();
    }

    @Test
    @Order(5)
    void a_tail_truncated_with_its_checkpoints_is_named_against_the_checkpoint_an_auditor_kept() throws Exception {
        String kept = http.get(query.baseUrl() + "/api/v1/checkpoints/latest", 0)
                .raw()
                .body();
        long head = head();
        assertThat(standing().ok()).isTrue();
        asSuperuserWithoutTriggers(
                "CREATE TABLE public.saved_tail AS SELECT * FROM " + TABLE + " WHERE global_index = " + head,
                "CREATE TABLE public.saved_checkpoints AS SELECT * FROM event_store.log_checkpoint WHERE position = "
                        + head,
                "DELETE FROM " + TABLE + " WHERE global_index = " + head,
                "DELETE FROM event_store.log_checkpoint WHERE position = " + head);

        Verdict standing = standing();
        assertThat(standing.firstBad())
                .as("the standing verdict had verified the tail: %s", standing.body())
                .isEqualTo(head);
        assertThat(online(null).ok())
                .as("what remains is consistent in itself; only a kept checkpoint shows the cut")
                .isTrue();
        expectFirstBad(head, kept);

        asSuperuserWithoutTriggers(
                "INSERT INTO " + TABLE + " SELECT * FROM public.saved_tail",
                "INSERT INTO event_store.log_checkpoint SELECT * FROM public.saved_checkpoints",
                "DROP TABLE public.saved_tail",
                "DROP TABLE public.saved_checkpoints");
        assertThat(online(null).ok()).isTrue();
    }

    @Test
    @Order(6)
    void the_service_roles_cannot_step_around_the_trigger() throws Exception {
        for (String role : List.of("ledger_command", "ledger_query")) {
            try (Connection c = events.connect();
                    Statement s = c.createStatement()) {
                s.execute("SET ROLE " + role);
                assertThatThrownBy(() ->
                                s.execute("ALTER TABLE " + TABLE + " DISABLE TRIGGER domain_event_entry_immutable"))
                        .as(role)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("DROP TRIGGER domain_event_entry_immutable ON " + TABLE))
                        .as(role)
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("must be owner");
                assertThatThrownBy(() -> s.execute("CREATE OR REPLACE FUNCTION event_store.refuse_event_change()"
                                + " RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$"))
                        .as(role)
                        .isInstanceOf(SQLException.class)
                        .hasMessageMatching("(?s).*(must be owner|permission denied).*");
            }
        }
    }

    @Test
    @Order(7)
    void the_command_login_cannot_choose_a_position_or_backdate_an_instant() throws Exception {
        long next = head() + 1;
        try (Connection c = events.connect();
                Statement s = c.createStatement()) {
            s.execute("SET ROLE ledger_command");
            StoredEvent last = lastOf(c, "of-a");
            // A position far beyond the head would leave the projection waiting for positions that never come.
            assertThatThrownBy(() -> insertForged(c, last, next + 1_000_000, last.timeStamp()))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("positions come from the log");
            // A backdated instant at the right position: a year before the deal's last event.
            String aYearBefore = java.time.Instant.parse(last.timeStamp())
                    .minus(java.time.Duration.ofDays(365))
                    .toString();
            assertThatThrownBy(() -> insertForged(c, last, next, aYearBefore))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("instants come from the log");
            // Nor can the log head, whose instant every append must carry, be moved back.
            assertThatThrownBy(() -> s.execute("UPDATE event_store.log_head SET recorded_at = recorded_at"
                            + " - INTERVAL '1 day' WHERE id = 1"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("only moves forward");
        }
        assertThat(head()).isEqualTo(next - 1);
    }

    @Test
    @Order(8)
    void an_append_forged_with_the_command_login_is_named_at_its_position() throws Exception {
        long forged = head() + 1;
        try (Connection c = events.connect();
                Statement s = c.createStatement()) {
            // Everything the command login can do: read the deal's last hash, compute the next sequence number and the
            // public hash encoding, take the log head forward to now and append at the next position with that
            // instant, as the ledger itself would. What it cannot do is sign a checkpoint: the key is not in the
            // database.
            s.execute("SET ROLE ledger_command");
            StoredEvent last = lastOf(c, "of-a");
            c.setAutoCommit(false);
            String now;
            try (ResultSet rs = s.executeQuery("UPDATE event_store.log_head SET recorded_at = clock_timestamp()"
                    + " WHERE id = 1 RETURNING to_char(recorded_at AT TIME ZONE 'UTC',"
                    + " 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")) {
                rs.next();
                now = rs.getString(1);
            }
            insertForged(c, last, forged, now);
            c.commit();
        }

        Verdict standing = standing();
        assertThat(standing.firstBad()).as(standing.body().toString()).isEqualTo(forged);
        assertThat(standing.body().path("wholeLogPass").path("head").asLong())
                .as("named by feeding the standing verdict, not by a new whole pass")
                .isLessThan(forged);
        expectFirstBad(forged, null);

        // The ledger goes on recording, seals only its own events, and the forgery stays named.
        LedgerHttp.Reply later = http.send(
                "POST",
                command.baseUrl() + "/api/v1/deals/of-b/commitments/c-b/amendments",
                Facts.amendment("am-b", "1000.00", "2026-03-01"));
        assertThat(later.status()).as(String.valueOf(later.body())).isEqualTo(201);
        expectFirstBad(forged, null);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------

    /** Appends a copy of the deal's last event as its next one, hash-chained exactly as the ledger would chain it. */
    private static void insertForged(Connection c, StoredEvent last, long position, String timeStamp) throws Exception {
        ObjectNode meta =
                JSON.createObjectNode().put("actor", "cfo@example.com").put("reason", "backdated");
        StoredEvent unsigned = new StoredEvent(
                position,
                "forged-" + position,
                last.aggregateType(),
                last.aggregateId(),
                last.sequenceNumber() + 1,
                last.payloadType(),
                last.payloadRevision(),
                timeStamp,
                null,
                last.payload());
        EventHash.chain(meta, unsigned, EventHash.storedHash(last.metaData()));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE + " (global_index,"
                + " event_identifier, meta_data, payload, payload_revision, payload_type, time_stamp,"
                + " aggregate_identifier, sequence_number, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, position);
            ps.setString(2, unsigned.eventIdentifier());
            ps.setBytes(3, JSON.writeValueAsBytes(meta));
            ps.setBytes(4, unsigned.payload());
            ps.setString(5, unsigned.payloadRevision());
            ps.setString(6, unsigned.payloadType());
            ps.setString(7, unsigned.timeStamp());
            ps.setString(8, unsigned.aggregateId());
            ps.setLong(9, unsigned.sequenceNumber());
            ps.setString(10, unsigned.aggregateType());
            ps.executeUpdate();
        }
    }

    private record Verdict(boolean ok, Long firstBad, JsonNode body) {}

    private record Offline(int status, Long firstBad) {}

    private static void expectFirstBad(long position, String keptCheckpoint) throws Exception {
        Verdict online = online(keptCheckpoint);
        assertThat(online.ok()).as(online.body().toString()).isFalse();
        assertThat(online.firstBad()).as(online.body().toString()).isEqualTo(position);
        assertThat(offline(keptCheckpoint)).isEqualTo(new Offline(1, position));
    }

    private static Verdict online(String keptCheckpoint) throws Exception {
        LedgerHttp.Reply reply = keptCheckpoint == null
                ? http.get(query.baseUrl() + "/api/v1/verification", 0)
                : http.send("POST", query.baseUrl() + "/api/v1/verification", keptCheckpoint);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        JsonNode body = reply.body();
        return new Verdict(
                body.path("ok").asBoolean(),
                body.path("firstBadPosition").isNull()
                        ? null
                        : body.path("firstBadPosition").asLong(),
                body);
    }

    private static Verdict standing() throws Exception {
        LedgerHttp.Reply reply = http.get(query.baseUrl() + "/api/v1/verification/standing", 0);
        assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
        JsonNode body = reply.body();
        return new Verdict(
                body.path("ok").asBoolean(),
                body.path("firstBadPosition").isMissingNode()
                                || body.path("firstBadPosition").isNull()
                        ? null
                        : body.path("firstBadPosition").asLong(),
                body);
    }

    /** Downloads the export and runs the offline verifier on it, with the public key alone. */
    private static Offline offline(String keptCheckpoint) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(query.baseUrl() + "/api/v1/export"))
                .header("Authorization", "Bearer " + TestTokens.allRoles())
                .GET()
                .build();
        Path export = Files.createTempFile("ledger-export-", ".ndjson");
        HttpResponse<Path> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofFile(export));
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> args = new ArrayList<>(List.of(
                "--export",
                export.toString(),
                "--public-key",
                CheckpointTestKeys.publicKey().toString()));
        if (keptCheckpoint != null) {
            Path kept = Files.createTempFile("kept-checkpoint-", ".json");
            Files.writeString(kept, keptCheckpoint);
            args.addAll(List.of("--trusted-checkpoint", kept.toString()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = Main.run(
                args.toArray(String[]::new),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        Matcher bad = Pattern.compile("firstBadPosition=(\\d+)").matcher(out.toString(StandardCharsets.UTF_8));
        return new Offline(status, bad.find() ? Long.parseLong(bad.group(1)) : null);
    }

    private static void write(String method, String url, String body) throws Exception {
        LedgerHttp.Reply reply = http.send(method, url, body);
        assertThat(reply.status()).as(String.valueOf(reply.body())).isBetween(200, 201);
    }

    private static long head() throws SQLException {
        return events.longValue("SELECT MAX(global_index) FROM " + TABLE);
    }

    private static long position(String aggregate, long sequence) throws SQLException {
        return events.longValue(
                "SELECT global_index FROM " + TABLE + " WHERE aggregate_identifier = ? AND sequence_number = "
                        + sequence,
                aggregate);
    }

    private static String text(String sql) throws SQLException {
        try (Connection c = events.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Swaps the places of two events, as someone reordering the history would. */
    private static void swap(long first, long second) throws SQLException {
        asSuperuserWithoutTriggers(
                "UPDATE " + TABLE + " SET global_index = -1 WHERE global_index = " + first,
                "UPDATE " + TABLE + " SET global_index = " + first + " WHERE global_index = " + second,
                "UPDATE " + TABLE + " SET global_index = " + second + " WHERE global_index = -1");
    }

    /** What a database superuser can do: switch the triggers off, change rows, switch them on again. */
    private static void asSuperuserWithoutTriggers(String... statements) throws SQLException {
        try (Connection c = events.connect();
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("SET LOCAL session_replication_role = replica");
            for (String statement : statements) {
                s.execute(statement);
            }
            c.commit();
        }
    }

    private static StoredEvent lastOf(Connection c, String aggregate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT global_index, event_identifier, type,"
                + " aggregate_identifier, sequence_number, payload_type, payload_revision, time_stamp, meta_data,"
                + " payload FROM " + TABLE + " WHERE aggregate_identifier = ? ORDER BY sequence_number DESC LIMIT 1")) {
            ps.setString(1, aggregate);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new StoredEvent(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getLong(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getBytes(9),
                        rs.getBytes(10));
            }
        }
    }
}
