package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.query.read.PeriodReads;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A restatement lists at most {@code ledger.read.restatement.max-causes} causes (here 2), the earliest, and says so;
 * its totals and bridges still count every cause. It walks at most {@code ledger.read.restatement.max-facts} facts
 * (here 3): a wider window is refused with a 422 problem before anything is loaded. A period's adjustments are bounded
 * alike, but its figures as reported and as restated stay readable however much was recorded since its close.
 */
@QuarkusTest
@TestProfile(BoundingRestatementCausesTest.TwoCauses.class)
@WithTestResource(LedgerQueryDatabase.class)
class BoundingRestatementCausesTest {

    public static class TwoCauses implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.read.restatement.max-causes", "2", "ledger.read.restatement.max-facts", "3");
        }
    }

    static final LocalDate START = LocalDate.parse("2025-01-01");
    static final LocalDate END = LocalDate.parse("2025-12-31");
    static final LocalDate AS_OF = LocalDate.parse("2025-01-15");

    @Inject
    EventStoreWriter writer;

    @Test
    @DisplayName("three commitments recorded between from and to: two listed, causesTruncated, the change still whole")
    void beyond_the_bound_the_earliest_causes_are_listed_and_the_answer_says_so() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("bound-cp", "bound-deal", Direction.PAYABLE, "NOK", START);
        Instant from = ledger.lastRecordedAt();
        List<Long> positions = new ArrayList<>();
        for (String id : List.of("c1", "c2", "c3")) {
            positions.add(ledger.commitment("bound-deal", id, "100.00", START, END, "r", START)
                    .position());
        }
        Instant to = ledger.lastRecordedAt();
        ledger.awaitProjection();

        RestatementView view = Reads.restatement("bound-cp", AS_OF, from, to);

        assertThat(view.causesTruncated()).isTrue();
        assertThat(view.causes())
                .extracting(RestatementView.Cause::position)
                .containsExactlyElementsOf(positions.subList(0, 2));
        RestatementView.Change committed = view.changes().stream()
                .filter(c -> c.field().equals("committed"))
                .findFirst()
                .orElseThrow();
        assertThat(committed.before()).isEqualTo("0.00");
        assertThat(committed.after()).isEqualTo("300.00");
        assertThat(committed.causes()).containsExactlyElementsOf(positions.subList(0, 2));
        assertThat(committed.bridge())
                .singleElement()
                .satisfies(line -> assertThat(line.effect()).isEqualTo("300.00"));
    }

    @Test
    @DisplayName("as many causes as the bound: every one listed, not truncated")
    void within_the_bound_every_cause_is_listed() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("within-cp", "within-deal", Direction.PAYABLE, "NOK", START);
        Instant from = ledger.lastRecordedAt();
        long first = ledger.commitment("within-deal", "c1", "100.00", START, END, "r", START)
                .position();
        long second = ledger.commitment("within-deal", "c2", "100.00", START, END, "r", START)
                .position();
        Instant to = ledger.lastRecordedAt();
        ledger.awaitProjection();

        RestatementView view = Reads.restatement("within-cp", AS_OF, from, to);

        assertThat(view.causesTruncated()).isFalse();
        assertThat(view.causes()).extracting(RestatementView.Cause::position).containsExactly(first, second);
    }

    @Test
    @DisplayName(
            "more facts since a close than one read walks: the period's figures answer whole, its adjustments are omitted"
                    + " and the answer says why; an earlier knownAt lists them")
    void a_period_read_omits_its_adjustments_past_the_fact_bound_and_keeps_its_figures() {
        LedgerScript ledger = new LedgerScript(writer);
        // A period end long before any other test's facts: as known at the close, nothing is in effect by it.
        LocalDate periodEnd = LocalDate.parse("1951-12-31");
        Instant closedAt = writer.lastRecordedAt();
        ledger.closePeriod(
                periodEnd, "FY1951 close", closedAt, PeriodReads.digest(periodEnd, closedAt, List.of()), List.of());
        LocalDate start = LocalDate.parse("1951-01-01");
        ledger.counterpartyWithDeal("period-bound-cp", "period-bound-deal", Direction.PAYABLE, "NOK", start);
        long first = ledger.commitment("period-bound-deal", "c1", "100.00", start, periodEnd, "backdated", start)
                .position();
        Instant withinTheBound = ledger.lastRecordedAt();
        for (String id : List.of("c2", "c3", "c4")) {
            ledger.commitment("period-bound-deal", id, "100.00", start, periodEnd, "backdated", start);
        }
        ledger.awaitProjection();

        JsonNode period = Reads.tree(Reads.getJson("/api/v1/periods/" + periodEnd, Map.of()));

        assertThat(period.path("asReported")).isEmpty();
        JsonNode restated = period.path("asRestated").get(0);
        assertThat(restated.path("counterpartyId").asText()).isEqualTo("period-bound-cp");
        assertThat(restated.path("committed").asText()).isEqualTo("400.00");
        assertThat(period.path("adjustments")).isEmpty();
        assertThat(period.path("adjustmentsOmitted").asText()).contains("more than 3 facts");
        String page = given().get("/console/periods/" + periodEnd + "?knownAt=" + writer.lastRecordedAt())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(page).contains("id=\"adjustments-omitted\"").contains("more than 3 facts");

        JsonNode earlier =
                Reads.tree(Reads.getJson("/api/v1/periods/" + periodEnd, Map.of("knownAt", withinTheBound.toString())));

        assertThat(earlier.path("adjustmentsOmitted").isNull()
                        || earlier.path("adjustmentsOmitted").isMissingNode())
                .as(earlier.toString())
                .isTrue();
        List<Long> adjusted = new ArrayList<>();
        earlier.path("adjustments").forEach(a -> adjusted.add(a.path("position").asLong()));
        assertThat(adjusted).contains(first);
    }

    @Test
    @DisplayName(
            "more facts in the window than one restatement walks: 422 restatement-too-large; a narrower window answers")
    void a_window_beyond_the_fact_bound_is_refused_not_run_out_of_memory() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("wide-cp", "wide-deal", Direction.PAYABLE, "NOK", START);
        Instant from = ledger.lastRecordedAt();
        for (String id : List.of("c1", "c2", "c3")) {
            ledger.commitment("wide-deal", id, "100.00", START, END, "r", START);
        }
        Instant narrower = ledger.lastRecordedAt();
        ledger.commitment("wide-deal", "c4", "100.00", START, END, "r", START);
        Instant to = ledger.lastRecordedAt();
        ledger.awaitProjection();

        JsonNode problem = Problems.assertProblem(
                given().accept("application/json")
                        .queryParam("counterpartyId", "wide-cp")
                        .queryParam("asOf", AS_OF.toString())
                        .queryParam("from", from.toString())
                        .queryParam("to", to.toString())
                        .get("/api/v1/restatements"),
                422);
        assertThat(problem.path("type").asText()).endsWith("/restatement-too-large");
        assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("from");

        RestatementView view = Reads.restatement("wide-cp", AS_OF, from, narrower);
        assertThat(view.changes()).isNotEmpty();
    }
}
