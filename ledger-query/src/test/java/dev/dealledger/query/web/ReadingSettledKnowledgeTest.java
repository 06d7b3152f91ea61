package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.query.processing.QueryAxonConfiguration;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.EventStoreWriter.Stored;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An answer at a knowledge instant K comes only from settled knowledge (docs/domain.md, "Settled knowledge"): every
 * fact recorded by K is in the read models, so the same read gives the same answer forever after. The projection is
 * stopped on purpose to hold a recorded fact back from the read models.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
class ReadingSettledKnowledgeTest {

    static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

    @Inject
    EventStoreWriter writer;

    @Inject
    QueryAxonConfiguration axon;

    @Test
    @DisplayName("knownAt at a fact the read models do not hold yet waits for it, then answers 503, never without it")
    void an_explicit_known_at_past_the_projection_is_not_answered_without_its_facts() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("settled-cp", "settled-deal", Direction.PAYABLE, "USD", AS_OF.minusMonths(6));
        ledger.awaitProjection();
        axon.processor().shutDown();
        Stored held;
        try {
            held = commitment(ledger, "settled-deal", "held");
            Response unsettled = given().queryParam("asOf", AS_OF.toString())
                    .queryParam("knownAt", held.recordedAt().toString())
                    .get("/api/v1/counterparties/settled-cp/totals");
            Problems.assertProblem(unsettled, 503);
            assertThat(unsettled.header("Retry-After")).isNotBlank();

            // Without knownAt the read answers at once, at the newest instant it holds whole: before the fact (how
            // far before depends on the tokens the stopped processor stored last).
            CounterpartyTotalsView now = Reads.totals("settled-cp", AS_OF, null);
            assertThat(now.knownAt()).isBefore(held.recordedAt());
            assertThat(now.totals()).allSatisfy(r -> assertThat(r.commitments()).isZero());
        } finally {
            axon.processor().start();
        }
        ledger.awaitProjection();
        CounterpartyTotalsView settled = Reads.totals("settled-cp", AS_OF, held.recordedAt());
        assertThat(settled.knownAt()).isEqualTo(held.recordedAt());
        assertThat(settled.totals())
                .singleElement()
                .satisfies(r -> assertThat(r.commitments()).isEqualTo(1));
    }

    @Test
    @DisplayName("without knownAt, a read answers at the recorded instant of the newest fact, once it holds the log")
    void the_default_known_at_is_the_newest_recorded_instant() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(
                "settled-now-cp", "settled-now-deal", Direction.PAYABLE, "USD", AS_OF.minusMonths(6));
        Stored last = commitment(ledger, "settled-now-deal", "last");
        ledger.awaitProjection();
        CounterpartyTotalsView view = Reads.totals("settled-now-cp", AS_OF, null);
        assertThat(view.knownAt()).isEqualTo(last.recordedAt());
        // Asked again at the instant it echoed, it answers the same: that is what settled means.
        assertThat(Reads.totals("settled-now-cp", AS_OF, view.knownAt())).isEqualTo(view);
    }

    @Test
    @DisplayName("with X-Ledger-Min-Position and no knownAt, a read answers at the write's own recorded instant")
    void reading_your_write_answers_at_its_recorded_instant() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(
                "settled-own-cp", "settled-own-deal", Direction.PAYABLE, "USD", AS_OF.minusMonths(6));
        Stored mine = commitment(ledger, "settled-own-deal", "mine");
        commitment(ledger, "settled-own-deal", "later");
        Response response = given().header("X-Ledger-Min-Position", mine.position())
                .queryParam("asOf", AS_OF.toString())
                .get("/api/v1/counterparties/settled-own-cp/totals");
        assertThat(response.statusCode()).isEqualTo(200);
        CounterpartyTotalsView view = Reads.read(response.asString(), CounterpartyTotalsView.class);
        assertThat(view.knownAt()).isEqualTo(mine.recordedAt());
        assertThat(view.totals())
                .singleElement()
                .satisfies(r -> assertThat(r.commitments()).isEqualTo(1));
    }

    @Test
    @DisplayName("a knownAt a little ahead of the clock, as a client whose clock runs ahead sends, is waited for")
    void a_known_at_within_the_bound_ahead_is_waited_for() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(
                "settled-ahead-cp", "settled-ahead-deal", Direction.PAYABLE, "USD", AS_OF.minusMonths(6));
        ledger.awaitProjection();
        Instant ahead = Instant.now().plusMillis(300).truncatedTo(ChronoUnit.MICROS);
        CounterpartyTotalsView view = Reads.totals("settled-ahead-cp", AS_OF, ahead);
        assertThat(view.knownAt()).isEqualTo(ahead);
        assertThat(Instant.now()).isAfterOrEqualTo(ahead);
    }

    @Test
    @DisplayName("an instant finer than a microsecond is floored: the database and the service compare the same one")
    void a_sub_microsecond_known_at_is_floored() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterparty("settled-fine-cp", "Fine (fictional)", AS_OF.minusMonths(6));
        ledger.agreement("settled-fine-msa", "settled-fine-cp", AS_OF.minusMonths(6));
        Stored deal = ledger.deal(
                "settled-fine-deal", "settled-fine-msa", Direction.PAYABLE, "USD", AS_OF.minusMonths(6), "order form");
        ledger.awaitProjection();
        // Half a microsecond before the deal was recorded: the PostgreSQL driver would round it up to the deal's own
        // instant, and the deal would be counted in the totals while its view said it was not recorded yet.
        Instant justBefore = deal.recordedAt().minusNanos(500);
        given().queryParam("asOf", AS_OF.toString())
                .queryParam("knownAt", justBefore.toString())
                .get("/api/v1/deals/settled-fine-deal")
                .then()
                .statusCode(404);
        CounterpartyTotalsView totals = Reads.totals("settled-fine-cp", AS_OF, justBefore);
        assertThat(totals.knownAt()).isEqualTo(deal.recordedAt().minus(1, ChronoUnit.MICROS));
        assertThat(totals.totals()).allSatisfy(r -> assertThat(r.deals()).isZero());
    }

    private static Stored commitment(LedgerScript ledger, String dealId, String commitmentId) {
        return ledger.commitment(
                dealId,
                commitmentId,
                "1200.00",
                AS_OF.minusMonths(6),
                AS_OF.plusMonths(6),
                "GPU hours",
                AS_OF.minusMonths(6));
    }
}
