package dev.dealledger.command.write;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writes that arrive together are committed in one transaction, and each still gets its own answer (docs/adr/0004).
 * The batcher here waits up to 400 ms for more writes after the first, so requests sent at once share a batch; one
 * transaction shows in the event table as one recorded instant shared by every fact of the batch.
 */
@QuarkusTest
@TestProfile(CommittingWritesInBatchesTest.LongBatchWindow.class)
@TestSecurity(
        user = "batch-writer",
        roles = {Roles.WRITER})
@QuarkusTestResource(PostgresTestDatabase.class)
class CommittingWritesInBatchesTest {

    public static final class LongBatchWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.write.batch.max-wait-micros", "400000", "ledger.write.batch.max-size", "64");
        }
    }

    private static final String API = "/api/v1";

    @Inject
    ActiveDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Test
    void a_rule_breaker_and_a_reused_key_are_refused_and_every_other_write_of_the_batch_is_recorded_once()
            throws Exception {
        List<String> deals = List.of(aDeal(), aDeal(), aDeal());
        post(commitments(deals.get(0)), commitment("c-taken"), null).then().statusCode(201);
        String key = "batch-key-" + UUID.randomUUID();

        List<Callable<Response>> requests = new ArrayList<>();
        for (String deal : deals) {
            requests.add(() -> post(commitments(deal), commitment("c-a"), null));
            requests.add(() -> post(commitments(deal), commitment("c-b"), null));
        }
        // Breaks a rule: the commitment id is already recorded on that deal.
        requests.add(() -> post(commitments(deals.get(0)), commitment("c-taken"), null));
        // One key, two different bodies: one is recorded, the other refused as a reuse of the key.
        requests.add(() -> post(commitments(deals.get(1)), commitment("c-keyed-1"), key));
        requests.add(() -> post(commitments(deals.get(2)), commitment("c-keyed-2"), key));

        List<Response> answers = allAtOnce(requests);

        for (int i = 0; i < 6; i++) {
            answers.get(i).then().log().ifValidationFails().statusCode(201);
        }
        answers.get(6).then().statusCode(409).contentType("application/problem+json");
        assertThat(answers.get(6).jsonPath().getString("type")).doesNotContain("idempotency");
        List<Integer> keyed =
                List.of(answers.get(7).statusCode(), answers.get(8).statusCode());
        assertThat(keyed).containsExactlyInAnyOrder(201, 409);
        Response reused = answers.get(7).statusCode() == 409 ? answers.get(7) : answers.get(8);
        assertThat(reused.jsonPath().getString("type")).endsWith("idempotency-key-reused");

        // Seven facts recorded, each once, all in one transaction: one instant, consecutive positions.
        List<String[]> recorded = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            if (answers.get(i).statusCode() == 201) {
                recorded.add(new String[] {
                    answers.get(i).jsonPath().getString("recordedAt"), field(answers.get(i), "position")
                });
                // Every write of the batch is read back through the batch's last position.
                assertThat(answers.get(i).header("X-Ledger-Position"))
                        .isEqualTo(field(answers.get(i), "committedThrough"));
            }
        }
        assertThat(recorded).hasSize(7);
        assertThat(recorded.stream().map(r -> r[0]).distinct()).hasSize(1);
        List<Long> positions =
                recorded.stream().map(r -> Long.parseLong(r[1])).sorted().toList();
        assertThat(positions.get(6) - positions.get(0))
                .as("positions %s of %s", positions, answers.get(0).body().asString())
                .isEqualTo(6);
        assertThat(Long.parseLong(field(answers.get(0), "committedThrough"))).isEqualTo(positions.get(6));
        for (String deal : deals) {
            assertThat(commitmentIds(deal)).doesNotHaveDuplicates();
        }
        assertThat(commitmentIds(deals.get(0))).containsExactlyInAnyOrder("c-taken", "c-a", "c-b");
        assertThat(storedBetween(positions.get(0), positions.get(6)))
                .as("rows and distinct stored instants at those positions")
                .containsExactly(7L, 1L);
    }

    @Test
    void a_write_the_database_refuses_is_run_alone_and_the_rest_of_its_batch_is_still_recorded() throws Exception {
        String existing = aDeal();
        String agreement = agreementOf(existing);
        List<String> deals = List.of(aDeal(), aDeal());
        double rerunsBefore = meters.counter("ledger.write.batch.reruns").count();

        List<Callable<Response>> requests = new ArrayList<>();
        requests.add(() -> post(commitments(deals.get(0)), commitment("c-1"), null));
        // The deal id is taken: only the unique index of the event table can say so, and in PostgreSQL that failed
        // statement dooms the transaction it ran in.
        requests.add(() -> post(API + "/deals", dealBody(existing, agreement), null));
        requests.add(() -> post(commitments(deals.get(1)), commitment("c-1"), null));

        List<Response> answers = allAtOnce(requests);

        answers.get(0).then().statusCode(201);
        answers.get(1).then().statusCode(409);
        assertThat(answers.get(1).jsonPath().getString("type")).endsWith("concurrent-write");
        answers.get(2).then().statusCode(201);
        assertThat(meters.counter("ledger.write.batch.reruns").count()).isGreaterThan(rerunsBefore);
        assertThat(commitmentIds(deals.get(0))).containsExactly("c-1");
        assertThat(commitmentIds(deals.get(1))).containsExactly("c-1");
        assertThat(streamLength(existing)).isEqualTo(1);
    }

    // ---- helpers ---------------------------------------------------------------------------------------------------

    /** A top-level field of the JSON body, read with Jackson (GPath resolves "position" as its own keyword). */
    private static String field(Response response, String name) throws Exception {
        return new ObjectMapper().readTree(response.body().asString()).get(name).asText();
    }

    private static List<Response> allAtOnce(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch gate = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> request : requests) {
                futures.add(pool.submit(() -> {
                    gate.await();
                    return request.call();
                }));
            }
            gate.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private String aDeal() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Batch test " + suffix + "\"}")
                .put(API + "/counterparties/cp-" + suffix)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"agreementId\":\"msa-" + suffix + "\",\"counterpartyId\":\"cp-" + suffix
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2024-01-15\"}")
                .post(API + "/agreements")
                .then()
                .statusCode(201);
        post(API + "/deals", dealBody("of-" + suffix, "msa-" + suffix), null)
                .then()
                .statusCode(201);
        return "of-" + suffix;
    }

    private static String agreementOf(String dealId) {
        return "msa-" + dealId.substring("of-".length());
    }

    private static String dealBody(String dealId, String agreementId) {
        return "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"" + agreementId + "\",\"direction\":\"PAYABLE\","
                + "\"currency\":\"USD\",\"title\":\"Order form\",\"signedOn\":\"2025-01-10\"}";
    }

    private static String commitments(String dealId) {
        return API + "/deals/" + dealId + "/commitments";
    }

    private static String commitment(String commitmentId) {
        return "{\"commitmentId\":\"" + commitmentId + "\",\"amount\":\"1200.00\",\"termStart\":\"2026-01-01\","
                + "\"termEnd\":\"2026-12-31\",\"resource\":\"GPU capacity\",\"effectiveDate\":\"2025-12-01\"}";
    }

    private static Response post(String path, String body, String key) {
        var request = given().contentType(ContentType.JSON).body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.post(path);
    }

    private List<String> commitmentIds(String dealId) throws Exception {
        String sql = "SELECT convert_from(payload, 'UTF8')::json ->> 'commitmentId' FROM event_store.domain_event_entry"
                + " WHERE aggregate_identifier = ? AND payload_type LIKE '%CommitmentRecordedEvent'"
                + " ORDER BY sequence_number";
        List<String> ids = new ArrayList<>();
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, dealId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
        }
        return ids;
    }

    private long streamLength(String aggregateId) throws Exception {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM event_store.domain_event_entry WHERE aggregate_identifier = ?")) {
            ps.setString(1, aggregateId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** How many events are stored at positions from..to, and how many distinct stored instants they carry. */
    private List<Long> storedBetween(long from, long to) throws Exception {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*), COUNT(DISTINCT time_stamp)"
                        + " FROM event_store.domain_event_entry WHERE global_index BETWEEN ? AND ?")) {
            ps.setLong(1, from);
            ps.setLong(2, to);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return List.of(rs.getLong(1), rs.getLong(2));
            }
        }
    }
}
