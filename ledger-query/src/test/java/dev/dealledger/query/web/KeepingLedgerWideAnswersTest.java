package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.query.read.KeptAnswers.Outcome;
import dev.dealledger.query.testing.Api;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ledger-wide answers are kept between reads (FiguresCache), and the projection's change journal decides when a kept
 * answer may no longer be served: never an answer that misses a fact visible at its knownAt, even one whose
 * transaction committed after the answer was kept.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
class KeepingLedgerWideAnswersTest {

    static final LocalDate AS_OF = LocalDate.of(2025, 6, 30);
    static final LocalDate JAN_1 = LocalDate.of(2025, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2025, 12, 31);

    @Inject
    EventStoreWriter writer;

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    MeterRegistry registry;

    @Test
    @DisplayName("a kept answer is served until a fact it would show is projected, even one committed late")
    void kept_answers_follow_the_journal() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String cp = "keep-cp-" + suffix;
        String deal = "keep-deal-" + suffix;
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(cp, deal, Direction.RECEIVABLE, "USD", JAN_1);
        ledger.commitment(deal, "c1", "1200.00", JAN_1, DEC_31, "gpu-hours", JAN_1);
        Instant k1 = ledger.lastRecordedAt();
        ledger.counterparty("keep-marker-a-" + suffix, "Marker A", JAN_1);
        ledger.awaitProjection();

        // A past knownAt: computed once, then kept.
        assertThat(committed(cp, k1, Outcome.COMPUTED)).isEqualTo("1200.00");
        assertThat(committed(cp, k1, Outcome.KEPT)).isEqualTo("1200.00");

        // A fact recorded after k1 does not change the answer at k1: kept after checking the journal. The current
        // answer (no knownAt) shows it.
        ledger.commitment(deal, "c2", "600.00", JAN_1, DEC_31, "gpu-hours", JAN_1);
        ledger.awaitProjection();
        assertThat(committed(cp, k1, Outcome.KEPT_AFTER_CHECK)).isEqualTo("1200.00");
        assertThat(committed(cp, null, Outcome.COMPUTED)).isEqualTo("1800.00");
        assertThat(committed(cp, null, Outcome.KEPT)).isEqualTo("1800.00");

        // A commitment recorded at t0 whose transaction stays open while later events commit and are projected.
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> held = CompletableFuture.runAsync(() -> QuarkusTransaction.requiringNew()
                .run(() -> {
                    storageEngine.appendEvents(new GenericDomainEventMessage<>(
                            "Deal",
                            deal,
                            3,
                            new CommitmentRecordedEvent(
                                    deal, "c3", new BigDecimal("600.00"), "USD", JAN_1, DEC_31, "gpu-hours", JAN_1),
                            MetaData.from(Map.of(MetadataKeys.ACTOR, EventStoreWriter.ACTOR))));
                    appended.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }));
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();
        String markerB = "keep-marker-b-" + suffix;
        String markerC = "keep-marker-c-" + suffix;
        Instant t1 = ledger.counterparty(markerB, "Marker B", JAN_1).recordedAt();
        ledger.counterparty(markerC, "Marker C", JAN_1);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(markerC) == 200);

        // At t1 the open commitment is not visible yet; this answer is kept under t1.
        assertThat(committed(cp, t1, Outcome.COMPUTED)).isEqualTo("1800.00");
        assertThat(committed(cp, t1, Outcome.KEPT)).isEqualTo("1800.00");

        release.countDown();
        held.get(30, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(30)).until(() -> "2400.00".equals(committedNow(cp)));

        // Recorded before t1 and projected after the answer was kept: the journal voids it.
        assertThat(committed(cp, t1, Outcome.COMPUTED)).isEqualTo("2400.00");
        assertThat(committed(cp, k1, Outcome.KEPT_AFTER_CHECK)).isEqualTo("1200.00");
    }

    /** Reads committed at (AS_OF, knownAt) and checks that the read was answered the expected way. */
    private String committed(String cp, Instant knownAt, Outcome expected) {
        double before = count(expected);
        CounterpartyTotalsView view = Reads.totals(cp, AS_OF, knownAt);
        assertThat(count(expected)).as("reads answered %s", expected).isEqualTo(before + 1);
        assertThat(view.totals()).hasSize(1);
        return view.totals().get(0).committed();
    }

    private static String committedNow(String cp) {
        CounterpartyTotalsView view = Reads.totals(cp, AS_OF, null);
        return view.totals().isEmpty() ? null : view.totals().get(0).committed();
    }

    private static int status(String counterpartyId) {
        return Api.given()
                .get("/api/v1/counterparties/" + counterpartyId + "/totals")
                .statusCode();
    }

    private double count(Outcome outcome) {
        // Registered with the first read of a service that has not answered one yet.
        var counter = registry.find("ledger.read.figures")
                .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
