package dev.dealledger.command.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.axonframework.serialization.SerializedObject;
import org.junit.jupiter.api.Test;

/**
 * A deal with more events than the snapshot threshold is snapshotted, and the state loaded from that snapshot plus the
 * later events equals the state of a full replay of every event.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class LoadingADealFromASnapshotTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore eventStore;

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    ActiveDataSource dataSource;

    @Test
    void the_snapshot_state_equals_a_full_replay() throws Exception {
        String dealId = dealPastTheSnapshotThreshold();
        AggregateModel<Deal> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Deal.class);
        EventSourcedAggregate<Deal> replayed = replayed(dealId, model);

        DomainEventStream fromSnapshot = eventStore.readEvents(dealId);
        DomainEventMessage<?> first = fromSnapshot.peek();
        assertThat(first.getPayload()).isInstanceOf(Deal.class);
        Deal snapshotRoot = (Deal) fromSnapshot.next().getPayload();
        EventSourcedAggregate<Deal> restored = EventSourcedAggregate.initialize(
                snapshotRoot, model, null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);
        restored.initializeState(fromSnapshot);

        assertThat(state(restored.getAggregateRoot())).isEqualTo(state(replayed.getAggregateRoot()));
        assertThat(state(replayed.getAggregateRoot())
                        .path("commitments")
                        .path("c-1")
                        .path("amendments")
                        .size())
                .isEqualTo(60);
        assertThat(restored.version()).isEqualTo(replayed.version());
    }

    @Test
    void a_snapshot_altered_in_the_table_is_ignored_and_the_deal_rebuilt_from_its_events() throws Exception {
        String dealId = dealPastTheSnapshotThreshold();
        // What a login that may write the snapshot table could do: hand the service a state of its choosing. Here the
        // commitment's id changes, so every later rule about c-1 would be checked against a deal without it.
        try (Connection c = dataSource.connection();
                PreparedStatement read = c.prepareStatement("SELECT sequence_number, payload FROM"
                        + " event_store.snapshot_event_entry WHERE aggregate_identifier = ?");
                PreparedStatement write = c.prepareStatement("UPDATE event_store.snapshot_event_entry SET payload = ?"
                        + " WHERE aggregate_identifier = ? AND sequence_number = ?")) {
            read.setString(1, dealId);
            try (ResultSet rs = read.executeQuery()) {
                assertThat(rs.next()).isTrue();
                String stored = new String(rs.getBytes(2), java.nio.charset.StandardCharsets.UTF_8);
                assertThat(stored).contains("\"c-1\"");
                write.setBytes(
                        1, stored.replace("\"c-1\"", "\"c-9\"").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                write.setString(2, dealId);
                write.setLong(3, rs.getLong(1));
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }

        DomainEventStream loaded = eventStore.readEvents(dealId);
        assertThat(loaded.peek().getPayload())
                .as("the altered snapshot is not used")
                .isNotInstanceOf(Deal.class);
        assertThat(loaded.peek().getSequenceNumber()).isZero();
        AggregateModel<Deal> model = AnnotatedAggregateMetaModelFactory.inspectAggregate(Deal.class);
        EventSourcedAggregate<Deal> rebuilt = EventSourcedAggregate.initialize(
                new Deal(), model, null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);
        rebuilt.initializeState(loaded);
        assertThat(state(rebuilt.getAggregateRoot()))
                .isEqualTo(state(replayed(dealId, model).getAggregateRoot()));
        assertThat(state(rebuilt.getAggregateRoot()).path("commitments").has("c-1"))
                .isTrue();
    }

    private EventSourcedAggregate<Deal> replayed(String dealId, AggregateModel<Deal> model) {
        EventSourcedAggregate<Deal> replayed = EventSourcedAggregate.initialize(
                new Deal(), model, null, org.axonframework.eventsourcing.NoSnapshotTriggerDefinition.TRIGGER);
        replayed.initializeState(storageEngine.readEvents(dealId, 0));
        return replayed;
    }

    /** A deal with more events than the snapshot threshold, once its snapshot has been stored. */
    private String dealPastTheSnapshotThreshold() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String dealId = "of-snap-" + suffix;
        post("/api/v1/agreements", null, "{}", 422); // warm-up: nothing recorded
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Snapshot Compute (fictional)\"}")
                .put("/api/v1/counterparties/cp-snap-" + suffix)
                .then()
                .statusCode(200);
        post(
                "/api/v1/agreements",
                null,
                "{\"agreementId\":\"msa-snap-" + suffix + "\",\"counterpartyId\":\"cp-snap-" + suffix
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}",
                201);
        post(
                "/api/v1/deals",
                null,
                "{\"dealId\":\"" + dealId + "\",\"agreementId\":\"msa-snap-" + suffix
                        + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-01-01\"}",
                201);
        post(
                "/api/v1/deals/" + dealId + "/commitments",
                null,
                "{\"commitmentId\":\"c-1\",\"amount\":\"1000000.00\",\"termStart\":\"2025-01-01\","
                        + "\"termEnd\":\"2034-12-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-01-01\"}",
                201);
        post(
                "/api/v1/deals/" + dealId + "/options",
                null,
                "{\"optionId\":\"o-1\",\"maxAmount\":\"500000.00\",\"exercisableFrom\":\"2025-01-01\","
                        + "\"expiresOn\":\"2030-12-31\",\"effectiveDate\":\"2025-01-01\"}",
                201);
        // 60 amendments, some backdated, pushing the deal past the snapshot threshold of 50 events.
        for (int i = 0; i < 60; i++) {
            LocalDate effective = LocalDate.of(2025, 2, 1).plusMonths((i * 7L) % 60);
            post(
                    "/api/v1/deals/" + dealId + "/commitments/c-1/amendments",
                    null,
                    "{\"amendmentId\":\"am-" + i + "\",\"amountDelta\":\"" + (1000 + i) + ".25\","
                            + "\"effectiveDate\":\"" + effective + "\",\"reason\":\"step " + i + "\"}",
                    201);
        }

        // Snapshots are taken after the commit, on their own thread (SnapshotsAfterCommit).
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(snapshotCount(dealId)).isGreaterThanOrEqualTo(1));
        return dealId;
    }

    private static JsonNode state(Deal deal) throws Exception {
        SerializedObject<byte[]> bytes = EventSerialization.snapshotSerializer().serialize(deal, byte[].class);
        return JSON.readTree(bytes.getData());
    }

    private long snapshotCount(String dealId) throws Exception {
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM event_store.snapshot_event_entry WHERE aggregate_identifier = ?")) {
            ps.setString(1, dealId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void post(String path, String ifMatch, String body, int status) {
        given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status);
    }
}
