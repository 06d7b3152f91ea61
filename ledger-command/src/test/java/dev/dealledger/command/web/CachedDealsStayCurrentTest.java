package dev.dealledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;

/**
 * The command service keeps deals in memory between commands (DealCache). Another replica may append to the same deal
 * meanwhile; here that replica is played by appending to the event store directly, behind this process's cache. The
 * next write must be judged against the stream as stored, never against the cached copy: the other replica's
 * commitment exists, and If-Match compares with the stored version.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER})
@QuarkusTestResource(PostgresTestDatabase.class)
class CachedDealsStayCurrentTest {

    @Inject
    EventStore eventStore;

    @Inject
    EventStoreProbe probe;

    @Test
    void a_deal_appended_to_by_another_replica_is_judged_as_stored() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.commitment("c-here", "1200.00", "2026-01-01", "2026-12-31", "2025-12-01"));
        // The deal is now cached at version 1. Another replica records a commitment at version 2.
        appendBehindTheCache(
                s.dealId,
                2,
                new CommitmentRecordedEvent(
                        s.dealId,
                        "c-elsewhere",
                        new BigDecimal("2400.00"),
                        "USD",
                        LocalDate.parse("2026-01-01"),
                        LocalDate.parse("2026-12-31"),
                        "GPU capacity",
                        LocalDate.parse("2025-12-01")));

        // The other replica's commitment is known to this one: amending it is accepted, not a 404.
        Response amended =
                Scenario.post(s.amendmentsPath("c-elsewhere"), Scenario.amendment("am-1", "100.00", "2026-01-01"));
        assertThat(amended.statusCode()).as(amended.asString()).isEqualTo(201);
        assertThat(amended.header("ETag")).isEqualTo("\"3\"");

        // If-Match is compared with the stored version, not the cached one.
        appendBehindTheCache(
                s.dealId,
                4,
                new CommitmentAmendedEvent(
                        s.dealId,
                        "c-here",
                        "am-elsewhere",
                        new BigDecimal("50.00"),
                        "USD",
                        null,
                        "recorded by another replica",
                        LocalDate.parse("2026-01-01")));
        Response stale = Scenario.json()
                .header("If-Match", "\"3\"")
                .body(Scenario.amendment("am-2", "100.00", "2026-01-01").toString())
                .post(s.amendmentsPath("c-here"));
        assertThat(stale.statusCode()).as(stale.asString()).isEqualTo(409);
        Response current = Scenario.json()
                .header("If-Match", "\"4\"")
                .body(Scenario.amendment("am-2", "100.00", "2026-01-01").toString())
                .post(s.amendmentsPath("c-here"));
        assertThat(current.statusCode()).as(current.asString()).isEqualTo(201);

        assertThat(probe.stream(s.dealId))
                .extracting(EventStoreProbe.StoredEvent::sequence)
                .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    }

    private void appendBehindTheCache(String dealId, long sequence, Object event) {
        QuarkusTransaction.requiringNew()
                .run(() -> eventStore.publish(new GenericDomainEventMessage<>("Deal", dealId, sequence, event)));
    }
}
