package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.query.processing.QueryAxonConfiguration;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.EventStoreWriter.Stored;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * X-Ledger-Min-Position: the query service waits, up to a bounded time ({@link LedgerQueryDatabase#MIN_POSITION_WAIT}
 * here), for its read models to reach the position; if they are still behind it answers 503 with Retry-After.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
class ReadingYourOwnWritesTest {

    static final Duration WAIT = Duration.parse(LedgerQueryDatabase.MIN_POSITION_WAIT);

    @Inject
    EventStoreWriter writer;

    @Inject
    QueryAxonConfiguration axon;

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Test
    @DisplayName("a position beyond the log's head names no write: refused at once with 400, without waiting")
    void beyond_the_head_is_refused_at_once() {
        long farAhead = writer.headPosition() + 1_000_000;
        long started = System.nanoTime();
        Response response = given().header("X-Ledger-Min-Position", farAhead).get("/api/v1/exposure");
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        Problems.assertMalformed(response, "X-Ledger-Min-Position");
        assertThat(took).isLessThan(WAIT);
    }

    @Test
    @DisplayName("a recorded position the projection has not reached answers 503 with Retry-After after the bound")
    void not_yet_projected_is_503_after_the_bounded_wait() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(
                "ryw-bound-cp", "ryw-bound-deal", Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
        axon.processor().shutDown();
        try {
            Stored write = ledger.commitment(
                    "ryw-bound-deal",
                    "c",
                    "100.00",
                    LocalDate.parse("2025-01-01"),
                    LocalDate.parse("2025-12-31"),
                    "r",
                    LocalDate.parse("2025-01-01"));
            long started = System.nanoTime();
            Response response =
                    given().header("X-Ledger-Min-Position", write.position()).get("/api/v1/exposure");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Problems.assertProblem(response, 503);
            assertThat(Integer.parseInt(response.header("Retry-After"))).isPositive();
            // It did wait for the bound, and not much longer.
            assertThat(took).isGreaterThanOrEqualTo(WAIT);
            assertThat(took).isLessThan(WAIT.plusSeconds(5));
        } finally {
            axon.processor().start();
        }
    }

    @Test
    @DisplayName("with the projection stopped a fresh write is 503; once it runs, the same read sees the write")
    void waits_for_the_projection_and_then_sees_the_write() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("ryw-cp", "ryw-deal", Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
        axon.processor().shutDown();
        Stored write;
        try {
            write = ledger.commitment(
                    "ryw-deal",
                    "c",
                    "1200.00",
                    LocalDate.parse("2025-01-01"),
                    LocalDate.parse("2025-12-31"),
                    "r",
                    LocalDate.parse("2025-01-01"));
            Response behind = given().header("X-Ledger-Min-Position", write.position())
                    .get("/api/v1/counterparties/ryw-cp/totals");
            Problems.assertProblem(behind, 503);
            assertThat(behind.header("Retry-After")).isNotBlank();
            // Without the header the read answers at once, without the write: at the newest instant the read models
            // hold whole, which may lie before the deal too (the stopped processor's stored tokens can lag).
            CounterpartyTotalsView stale = Reads.totals("ryw-cp", LocalDate.parse("2025-06-30"), null);
            assertThat(stale.knownAt()).isBefore(write.recordedAt());
            assertThat(stale.totals())
                    .allSatisfy(r -> assertThat(r.commitments()).isZero());
        } finally {
            axon.processor().start();
        }
        // A client retries on 503 as told; the first 200 must already include its write.
        AtomicReference<Response> answer = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Response r = given().header("X-Ledger-Min-Position", write.position())
                            .queryParam("asOf", "2025-06-30")
                            .get("/api/v1/counterparties/ryw-cp/totals");
                    if (r.statusCode() == 503) {
                        assertThat(r.header("Retry-After")).isNotBlank();
                        return false;
                    }
                    answer.set(r);
                    return true;
                });
        assertThat(answer.get().statusCode()).isEqualTo(200);
        CounterpartyTotalsView view = Reads.read(answer.get().asString(), CounterpartyTotalsView.class);
        assertThat(view.totals()).singleElement().satisfies(r -> {
            assertThat(r.commitments()).isEqualTo(1);
            assertThat(r.committed()).isEqualTo("1200.00");
            assertThat(r.elapsed()).isEqualTo("600.00");
        });
    }

    @Test
    @DisplayName("a position already projected answers at once")
    void covered_position_answers_at_once() {
        LedgerScript ledger = new LedgerScript(writer);
        Stored stored = ledger.counterparty("ryw-fast", "Fast (fictional)", LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
        long started = System.nanoTime();
        given().header("X-Ledger-Min-Position", stored.position())
                .get("/api/v1/counterparties/ryw-fast/totals")
                .then()
                .statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
    }

    @Test
    @DisplayName("a write that rolled back leaves a gap in the global index; later writes are still read at once")
    void a_rolled_back_write_does_not_hold_back_later_reads() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterparty("ryw-before-gap", "Before (fictional)", LocalDate.parse("2025-01-01"));
        // A write that loses a race or hits a duplicate id takes a global index and rolls back: a gap for good.
        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    storageEngine.appendEvents(new GenericDomainEventMessage<>(
                            "Counterparty",
                            "ryw-rolled-back",
                            0,
                            new CounterpartyRegisteredEvent(
                                    "ryw-rolled-back", "Rolled back (fictional)", null, LocalDate.parse("2025-01-01")),
                            MetaData.with(MetadataKeys.ACTOR, EventStoreWriter.ACTOR)));
                    throw new IllegalStateException("the write lost its race");
                }))
                .hasMessageContaining("lost its race");
        Stored after = ledger.counterparty("ryw-after-gap", "After (fictional)", LocalDate.parse("2025-01-01"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().get("/api/v1/counterparties/ryw-after-gap/totals")
                                .statusCode()
                        == 200);
        long started = System.nanoTime();
        given().header("X-Ledger-Min-Position", after.position())
                .get("/api/v1/counterparties/ryw-after-gap/totals")
                .then()
                .statusCode(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(WAIT);
    }
}
