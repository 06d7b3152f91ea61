package dev.dealledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Roles;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every stored fact says who recorded it, why, from which source, under which Idempotency-Key, and which request caused
 * it (correlation ids). The metadata is read from the event table's own bytes.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class EventMetadataTest {

    /** The @TestSecurity user: the actor is the authenticated principal (see RecordingTheActorFromTheTokenTest). */
    private static final String ACTOR = "test-operator";

    @Inject
    EventStoreProbe events;

    @Test
    void a_write_records_actor_reason_source_key_and_correlation_on_its_event() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));
        String key = UUID.randomUUID().toString();
        Json body = Scenario.amendment("a1", "250.00", "2026-06-30")
                .with("reason", "order form 2026-04 corrects the amount")
                .with("sourceReference", "10-Q 2026-Q2, note 12");

        Endpoint.POST_AMENDMENT
                .send(s.amendmentsPath("c-1"), body.toString(), Map.of("Idempotency-Key", key))
                .then()
                .statusCode(201);

        JsonNode meta = events.last(s.dealId).metaData();
        assertThat(meta.path(MetadataKeys.ACTOR).asText()).isEqualTo(ACTOR);
        assertThat(meta.path(MetadataKeys.REASON).asText()).isEqualTo("order form 2026-04 corrects the amount");
        assertThat(meta.path(MetadataKeys.SOURCE_REFERENCE).asText()).isEqualTo("10-Q 2026-Q2, note 12");
        assertThat(meta.path(MetadataKeys.IDEMPOTENCY_KEY).asText()).isEqualTo(key);
        assertThat(meta.path("correlationId").asText()).isNotBlank();
        assertThat(meta.path("traceId").asText()).isNotBlank();
    }

    @Test
    void a_deal_records_its_source_reference_in_the_metadata_too() {
        Scenario s = Scenario.aDeal();

        JsonNode meta = events.last(s.dealId).metaData();

        assertThat(meta.path(MetadataKeys.ACTOR).asText()).isEqualTo(ACTOR);
        assertThat(meta.path(MetadataKeys.SOURCE_REFERENCE).asText()).isEqualTo("8-K 2025-09-30");
    }

    @Test
    void a_write_without_a_key_or_reason_records_the_actor_and_leaves_the_rest_out() {
        Scenario s = Scenario.aDeal();

        s.recordCommitment(Scenario.hundredAMonth("c-1"));

        JsonNode meta = events.last(s.dealId).metaData();
        assertThat(meta.path(MetadataKeys.ACTOR).asText()).isEqualTo(ACTOR);
        assertThat(meta.has(MetadataKeys.IDEMPOTENCY_KEY)).isFalse();
        assertThat(meta.has(MetadataKeys.REASON)).isFalse();
        assertThat(meta.has(MetadataKeys.SOURCE_REFERENCE)).isFalse();
    }

    @Test
    void an_optional_reason_given_on_a_commitment_is_recorded() {
        Scenario s = Scenario.aDeal();

        s.recordCommitment(Scenario.hundredAMonth("c-1").with("reason", "board approval 2025-09-29"));

        assertThat(events.last(s.dealId).metaData().path(MetadataKeys.REASON).asText())
                .isEqualTo("board approval 2025-09-29");
    }

    @Test
    void each_write_has_its_own_correlation_id() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));
        s.recordCommitment(Scenario.hundredAMonth("c-2"));

        var stream = events.stream(s.dealId);

        assertThat(stream)
                .extracting(e -> e.metaData().path("correlationId").asText())
                .doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).isNotBlank());
    }
}
