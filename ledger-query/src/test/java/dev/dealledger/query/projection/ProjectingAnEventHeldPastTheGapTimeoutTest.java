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
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * An append transaction takes its global index and stays open for more than twice the event store's gap timeout,
 * while other transactions commit events after it, both before and after the gap timeout has run out. The projection
 * must not give up on the open index: once the slow transaction commits, its event is projected.
 *
 * <p>The gap timeout is shortened here (production: 60 s) so that the hold really exceeds it within a test run;
 * {@link ProjectingALateCommittedEventTest} holds for a second or two only, far below the production timeout.
 */
@QuarkusTest
@TestProfile(ProjectingAnEventHeldPastTheGapTimeoutTest.ShortGapTimeout.class)
@WithTestResource(LedgerQueryDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.AUDITOR})
class ProjectingAnEventHeldPastTheGapTimeoutTest {

    public static class ShortGapTimeout implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.event-store.gap-timeout-millis", "1500");
        }
    }

    @Inject
    JdbcEventStorageEngine storageEngine;

    @ConfigProperty(name = "ledger.event-store.gap-timeout-millis")
    long gapTimeoutMillis;

    @Test
    void the_event_held_open_past_the_gap_timeout_is_still_projected() throws Exception {
        assertThat(gapTimeoutMillis).isEqualTo(1500);
        String early = "cp-held-" + UUID.randomUUID().toString().substring(0, 8);
        String meanwhile = "cp-meanwhile-" + UUID.randomUUID().toString().substring(0, 8);
        String afterTimeout = "cp-after-" + UUID.randomUUID().toString().substring(0, 8);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);

        long heldFrom = System.nanoTime();
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .timeout(120)
                .run(() -> {
                    storageEngine.appendEvents(event(early));
                    appended.countDown();
                    try {
                        release.await(120, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        // Committed while the early index is open: the projection reads it and keeps the early index as a gap.
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(meanwhile)));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(meanwhile) == 200);

        // Let the gap grow older than the gap timeout, twice over, then commit and project another event past it.
        Thread.sleep(2 * gapTimeoutMillis);
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(afterTimeout)));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(afterTimeout) == 200);
        assertThat(status(early)).as("not visible before it commits").isEqualTo(404);

        release.countDown();
        slow.get(30, TimeUnit.SECONDS);
        Duration held = Duration.ofNanos(System.nanoTime() - heldFrom);
        assertThat(held).isGreaterThan(Duration.ofMillis(2 * gapTimeoutMillis));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(early) == 200);
        System.out.println("RELIABILITY slow-transaction gapTimeoutMillis=" + gapTimeoutMillis + " heldMillis="
                + held.toMillis() + " eventsCommittedDuringHold=2 lateEventProjected=true");
    }

    private static GenericDomainEventMessage<CounterpartyRegisteredEvent> event(String id) {
        return new GenericDomainEventMessage<>(
                "Counterparty",
                id,
                0,
                new CounterpartyRegisteredEvent(id, "Held Compute (fictional)", null, LocalDate.of(2026, 1, 1)),
                MetaData.from(Map.of(MetadataKeys.ACTOR, "test-operator")));
    }

    private static int status(String counterpartyId) {
        return RestAssured.given()
                .get("/api/v1/counterparties/" + counterpartyId + "/totals")
                .statusCode();
    }
}
