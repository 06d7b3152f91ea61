package dev.dealledger.command.domain;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * An agreement stored as revision 1 of AgreementSignedEvent (no effectiveDate in its payload, as written before the
 * field existed) is read back from the event table as revision 2 with its effective date filled in by the upcaster,
 * and the ledger keeps working with it: a deal can be recorded under it.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER})
class UpcastingAStoredAgreementTest {

    @Inject
    ActiveDataSource dataSource;

    @Inject
    EventStore eventStore;

    @Test
    void a_revision_1_agreement_loads_with_its_signing_date_as_effective_date() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String counterparty = "cp-up-" + suffix;
        String agreement = "msa-up-" + suffix;
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Upcast Compute (fictional)\"}")
                .put("/api/v1/counterparties/" + counterparty)
                .then()
                .statusCode(200);
        String revision1 = "{\"agreementId\":\"" + agreement + "\",\"counterpartyId\":\"" + counterparty
                + "\",\"title\":\"Old MSA\",\"signedOn\":\"2023-12-01\"}";
        insertRevision1(agreement, revision1);

        DomainEventMessage<?> loaded = eventStore.readEvents(agreement).next();

        assertThat(loaded.getPayload()).isInstanceOf(AgreementSignedEvent.class);
        AgreementSignedEvent event = (AgreementSignedEvent) loaded.getPayload();
        assertThat(event.signedOn()).isEqualTo(LocalDate.of(2023, 12, 1));
        assertThat(event.effectiveDate()).isEqualTo(LocalDate.of(2023, 12, 1));
        given().contentType(ContentType.JSON)
                .body(
                        "{\"dealId\":\"of-up-" + suffix + "\",\"agreementId\":\"" + agreement
                                + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-01-01\"}")
                .post("/api/v1/deals")
                .then()
                .statusCode(201);
    }

    private void insertRevision1(String agreementId, String payload) throws Exception {
        // A row as a migration from an older store would leave it: at the next position of the log, which the ledger
        // assigns itself (docs/adr/0004), with the time stamp format of that older store.
        String sql = "INSERT INTO event_store.domain_event_entry (global_index, event_identifier, meta_data, payload,"
                + " payload_revision, payload_type, time_stamp, aggregate_identifier, sequence_number, type)"
                + " SELECT COALESCE(MAX(global_index), 0) + 1, ?, ?, ?, '1', ?, '2024-01-02T10:00:00.000Z', ?, 0,"
                + " 'Agreement' FROM event_store.domain_event_entry";
        try (Connection c = dataSource.connection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setBytes(2, "{\"actor\":\"legacy-import\"}".getBytes(StandardCharsets.UTF_8));
            ps.setBytes(3, payload.getBytes(StandardCharsets.UTF_8));
            ps.setString(4, AgreementSignedEvent.class.getName());
            ps.setString(5, agreementId);
            ps.executeUpdate();
        }
    }
}
