package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * An event whose transaction takes its global index first but commits after a later event (a gap that fills late) is
 * still projected, under its own position, and the projection goes on. Its token position is the later event's, so
 * keying the fact by the token would collide and stall the processor.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.AUDITOR})
class ProjectingALateCommittedEventTest {

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Test
    void the_late_event_is_projected_and_the_projection_goes_on() throws Exception {
        String early = "cp-late-" + UUID.randomUUID().toString().substring(0, 8);
        String later = "cp-later-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    storageEngine.appendEvents(event(early));
                    appended.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(later)));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(later) == 200);

        release.countDown();
        slow.get(30, TimeUnit.SECONDS);

        await().atMost(Duration.ofSeconds(30)).until(() -> status(early) == 200);
        String third = "cp-third-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(third)));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(third) == 200);
    }

    private static GenericDomainEventMessage<CounterpartyRegisteredEvent> event(String id) {
        return new GenericDomainEventMessage<>(
                "Counterparty",
                id,
                0,
                new CounterpartyRegisteredEvent(id, "Late Compute (fictional)", null, LocalDate.of(2026, 1, 1)),
                MetaData.from(Map.of(MetadataKeys.ACTOR, "test-operator")));
    }

    private static int status(String counterpartyId) {
        return RestAssured.given()
                .get("/api/v1/counterparties/" + counterpartyId + "/totals")
                .statusCode();
    }
}
