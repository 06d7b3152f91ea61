package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.query.read.PeriodReads;
import dev.dealledger.query.testing.CsvTable;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.EventStoreWriter.Stored;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.verify.Encoding;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * docs/domain.md, "Period close": a close followed by a backdated fact. The figures as reported stay exactly what they
 * were, with the same digest; the figures as restated move; the backdated fact is listed as a post-close adjustment
 * with its effect, and flagged as one in the deal's history.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingAClosedPeriodTest {

    /** A period end no other test class closes: closes are ledger-wide. */
    static final LocalDate PERIOD_END = LocalDate.parse("2019-06-30");

    static final String CP = "period-close-cp";
    static final String DEAL = "period-close-deal";

    @Inject
    EventStoreWriter writer;

    Stored commitment;
    /** The instant the close's figures are as known at: the last fact recorded before it. */
    Instant closedAt;

    Stored close;
    Stored backdated;
    Stored afterThePeriod;
    /** The answer read right after the close, before any later fact. */
    JsonNode atClose;

    LedgerScript ledger;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.RECEIVABLE, "SEK", LocalDate.parse("2019-01-01"));
        // 1,200.00 over 2019: 100.00 a month; as of 2019-06-30, 600.00 elapsed and 600.00 remaining.
        commitment = ledger.commitment(
                DEAL,
                "c-2019",
                "1200.00",
                LocalDate.parse("2019-01-01"),
                LocalDate.parse("2019-12-31"),
                "capacity",
                LocalDate.parse("2019-01-01"));
        ledger.awaitProjection();
    }

    /**
     * The period is closed as the command service closes it: with the exposure rows as known at the last fact
     * recorded, read from the exposure read (HTTP is up only once the tests run). It is first read right after its
     * close, before any later fact; then the later facts are recorded.
     */
    @BeforeEach
    void closeAndReadThenRecordLaterFacts() {
        if (atClose != null) {
            return;
        }
        closedAt = writer.lastRecordedAt();
        List<PeriodClosedEvent.ReportedRow> rows =
                ExposureRowsAtClose.read(closedAt).reported();
        close = ledger.closePeriod(
                PERIOD_END, "H1 2019 close", closedAt, PeriodReads.digest(PERIOD_END, closedAt, view(rows)), rows);
        ledger.awaitProjection();
        atClose = period(PERIOD_END, close.recordedAt());
        backdated = ledger.amend(
                DEAL, "c-2019", "a-backdated", "600.00", null, LocalDate.parse("2019-03-31"), "late correction");
        // Recorded after the close too, but effective after the period: it adjusts nothing in it.
        afterThePeriod =
                ledger.amend(DEAL, "c-2019", "a-later", "90.00", null, LocalDate.parse("2019-09-30"), "later change");
        ledger.awaitProjection();
    }

    static JsonNode period(LocalDate periodEnd, Instant knownAt) {
        return Reads.tree(Reads.getJson("/api/v1/periods/" + periodEnd, Map.of("knownAt", knownAt.toString())));
    }

    JsonNode now() {
        return period(PERIOD_END, afterThePeriod.recordedAt());
    }

    static JsonNode rowOf(JsonNode rows, String counterpartyId) {
        for (JsonNode row : rows) {
            if (row.path("counterpartyId").asText().equals(counterpartyId)) {
                return row;
            }
        }
        throw new AssertionError("no row of " + counterpartyId + " in " + rows);
    }

    @Test
    @DisplayName("the close answers the figures as of the period end as known at the close, with who and why")
    void the_figures_as_reported() {
        assertThat(atClose.path("periodEnd").asText()).isEqualTo(PERIOD_END.toString());
        assertThat(Instant.parse(atClose.path("closedAt").asText())).isEqualTo(closedAt);
        assertThat(Instant.parse(atClose.path("recordedAt").asText())).isEqualTo(close.recordedAt());
        assertThat(atClose.path("position").asLong()).isEqualTo(close.position());
        assertThat(atClose.path("reason").asText()).isEqualTo("H1 2019 close");
        assertThat(atClose.path("actor").asText()).isEqualTo(EventStoreWriter.ACTOR);
        assertThat(atClose.path("digestEncoding").asText()).isEqualTo("dealledger-period-close/1");
        assertThat(atClose.path("digest").asText()).matches("[0-9a-f]{64}");
        JsonNode row = rowOf(atClose.path("asReported"), CP);
        assertThat(row.path("currency").asText()).isEqualTo("SEK");
        assertThat(row.path("direction").asText()).isEqualTo("RECEIVABLE");
        assertThat(row.path("committed").asText()).isEqualTo("1200.00");
        assertThat(row.path("elapsed").asText()).isEqualTo("600.00");
        assertThat(row.path("remaining").asText()).isEqualTo("600.00");
        assertThat(row.path("exposure").asText()).isEqualTo("600.00");
        // Nothing was recorded after the close yet: restated is reported, and nothing adjusts it.
        assertThat(atClose.path("asRestated")).isEqualTo(atClose.path("asReported"));
        assertThat(atClose.path("adjustments")).isEmpty();
    }

    @Test
    @DisplayName("the figures as reported are the exposure table as of the period end as known at the close")
    void reported_rows_are_the_exposure_rows() {
        ExposureRowsAtClose exposure = ExposureRowsAtClose.read(closedAt);
        JsonNode reported = now().path("asReported");
        assertThat(reported.size()).isEqualTo(exposure.rows.size());
        for (int i = 0; i < reported.size(); i++) {
            JsonNode r = reported.get(i);
            JsonNode e = exposure.rows.get(i);
            for (String field : List.of(
                    "counterpartyId",
                    "currency",
                    "direction",
                    "committed",
                    "elapsed",
                    "remaining",
                    "potential",
                    "exposure",
                    "concentration",
                    "deals",
                    "commitments",
                    "optionsOpen",
                    "optionsExercised",
                    "amendments")) {
                assertThat(r.path(field)).as("%s of row %d", field, i).isEqualTo(e.path(field));
            }
        }
    }

    @Test
    @DisplayName("a backdated fact leaves the figures as reported byte for byte as they were, with the same digest")
    void reported_figures_never_move() {
        JsonNode later = now();
        assertThat(later.path("asReported").toString())
                .isEqualTo(atClose.path("asReported").toString());
        assertThat(later.path("digest").asText())
                .isEqualTo(atClose.path("digest").asText());
        // Read again with the default knownAt (now): still the same.
        JsonNode again = Reads.tree(Reads.getJson("/api/v1/periods/" + PERIOD_END, Map.of()));
        assertThat(again.path("asReported").toString())
                .isEqualTo(atClose.path("asReported").toString());
        assertThat(again.path("digest").asText())
                .isEqualTo(atClose.path("digest").asText());
    }

    @Test
    @DisplayName(
            "the digest is the SHA-256 of the period end, the close instant and the reported rows, length-prefixed")
    void the_digest_is_reproducible_from_the_answer() {
        JsonNode answer = now();
        JsonNode rows = answer.path("asReported");
        Encoding e = Encoding.of(answer.path("digestEncoding").asText())
                .text(answer.path("periodEnd").asText())
                .text(Instant.parse(answer.path("closedAt").asText()).toString())
                .number(rows.size());
        for (JsonNode r : rows) {
            for (String field : List.of(
                    "counterpartyId",
                    "currency",
                    "direction",
                    "committed",
                    "elapsed",
                    "remaining",
                    "potential",
                    "exposure",
                    "concentration")) {
                e.text(r.path(field).asText());
            }
            for (String count : List.of("deals", "commitments", "optionsOpen", "optionsExercised", "amendments")) {
                e.number(r.path(count).asLong());
            }
        }
        assertThat(e.sha256()).isEqualTo(answer.path("digest").asText());
    }

    @Test
    @DisplayName(
            "the figures as restated move with the backdated fact, and not with the one effective after the period")
    void restated_figures_move() {
        JsonNode later = now();
        JsonNode reported = rowOf(later.path("asReported"), CP);
        JsonNode restated = rowOf(later.path("asRestated"), CP);
        // +600.00 from 2019-03-31: January..March stay (300.00); 1,500.00 over April..December, 166.66 a month
        // and 166.72 in December; by 2019-06-30, 300.00 + 3 x 166.66 = 799.98 has fallen due.
        assertThat(restated.path("committed").asText()).isEqualTo("1800.00");
        assertThat(restated.path("elapsed").asText()).isEqualTo("799.98");
        assertThat(restated.path("remaining").asText()).isEqualTo("1000.02");
        assertThat(restated.path("amendments").asLong()).isEqualTo(1);
        assertThat(reported.path("committed").asText()).isEqualTo("1200.00");
    }

    @Test
    @DisplayName("the backdated fact is the one adjustment, listed with its own effect on each figure it moved")
    void the_adjustment_and_its_effect() {
        JsonNode later = now();
        JsonNode adjustments = later.path("adjustments");
        assertThat(adjustments).hasSize(1);
        JsonNode adjustment = adjustments.get(0);
        assertThat(adjustment.path("position").asLong()).isEqualTo(backdated.position());
        assertThat(adjustment.path("kind").asText()).isEqualTo("backdated-amendment");
        assertThat(adjustment.path("eventType").asText()).isEqualTo("CommitmentAmendedEvent");
        assertThat(adjustment.path("counterpartyId").asText()).isEqualTo(CP);
        assertThat(adjustment.path("dealId").asText()).isEqualTo(DEAL);
        assertThat(adjustment.path("effectiveDate").asText()).isEqualTo("2019-03-31");
        assertThat(adjustment.path("reason").asText()).isEqualTo("late correction");

        // The one adjustment of this counterparty: its effects are the whole move from reported to restated.
        JsonNode reported = rowOf(later.path("asReported"), CP);
        JsonNode restated = rowOf(later.path("asRestated"), CP);
        List<String> moved = new ArrayList<>();
        for (JsonNode effect : adjustment.path("effects")) {
            if (!effect.path("counterpartyId").asText().equals(CP)) {
                continue; // the market's other counterparties: their concentration moved too
            }
            String field = effect.path("field").asText();
            moved.add(field);
            BigDecimal change = new BigDecimal(restated.path(field).asText())
                    .subtract(new BigDecimal(reported.path(field).asText()));
            assertThat(new BigDecimal(effect.path("effect").asText())).as(field).isEqualByComparingTo(change);
        }
        assertThat(moved).contains("committed", "elapsed", "remaining", "exposure", "amendments");
        assertThat(moved).doesNotContain("potential", "deals", "commitments");
    }

    @Test
    @DisplayName(
            "the deal's history flags the backdated fact as a post-close adjustment of the period, and no other fact as one of it")
    void history_flags_the_adjustment() {
        DealHistoryView history = Reads.history(
                DEAL, Map.of("knownAt", afterThePeriod.recordedAt().toString()));
        for (HistoryFactView fact : history.facts()) {
            if (fact.position() == backdated.position()) {
                assertThat(fact.postCloseAdjustment()).isEqualTo(PERIOD_END);
            } else {
                // Other tests of this module close later periods of the shared ledger (the console's closes
                // 2026-06-30), which these facts, recorded after it, then adjust: of this period, none does.
                assertThat(fact.postCloseAdjustment())
                        .as("fact at %d", fact.position())
                        .isNotEqualTo(PERIOD_END);
            }
        }
        assertThat(history.facts())
                .extracting(HistoryFactView::position)
                .contains(commitment.position(), backdated.position(), afterThePeriod.position());
        JsonNode json = Reads.tree(Reads.getJson("/api/v1/deals/" + DEAL + "/history", Map.of()));
        assertThat(json.path("facts").get(0).has("postCloseAdjustment")).isTrue();

        Response csv = given().accept("text/csv").get("/api/v1/deals/" + DEAL + "/history");
        CsvTable table = CsvTable.parse(csv.asString());
        assertThat(table.header()).last().isEqualTo("postCloseAdjustment");
        for (Map<String, String> row : table.rows()) {
            if (Long.parseLong(row.get("position")) == backdated.position()) {
                assertThat(row.get("postCloseAdjustment")).isEqualTo(PERIOD_END.toString());
            } else {
                // As above: a later period closed by another test may be named, never this one.
                assertThat(row.get("postCloseAdjustment")).isNotEqualTo(PERIOD_END.toString());
            }
        }
    }

    @Test
    @DisplayName("as known before its close, a period is not closed: 404")
    void not_closed_before_its_close() {
        Response response = given().queryParam(
                        "knownAt", commitment.recordedAt().toString())
                .get("/api/v1/periods/" + PERIOD_END);
        Problems.assertProblem(response, 404);
    }

    @Test
    @DisplayName("the close is known from its own recorded instant: at closedAt, just before, the period is not closed")
    void known_from_the_close_not_from_its_figures_instant() {
        Problems.assertProblem(
                given().queryParam("knownAt", closedAt.toString()).get("/api/v1/periods/" + PERIOD_END), 404);
        assertThat(period(PERIOD_END, close.recordedAt()).path("closedAt").asText())
                .isEqualTo(closedAt.toString());
    }

    @Test
    @DisplayName(
            "a close of a large ledger, one row per counterparty, currency and direction, is served as it holds it")
    void a_close_with_many_rows_is_projected_and_served() {
        // Long before any fact of the shared test ledger, so that no other test's history gains a post-close flag.
        LocalDate periodEnd = LocalDate.parse("1901-12-31");
        List<PeriodClosedEvent.ReportedRow> rows = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            rows.add(new PeriodClosedEvent.ReportedRow(
                    "many-rows-cp-%03d".formatted(i),
                    "USD",
                    Direction.PAYABLE,
                    "1000.00",
                    "400.00",
                    "600.00",
                    "0.00",
                    "600.00",
                    "0.003333",
                    1,
                    1,
                    0,
                    0,
                    0));
        }
        Instant known = writer.lastRecordedAt();
        String digest = PeriodReads.digest(periodEnd, known, view(rows));
        Stored stored = ledger.closePeriod(periodEnd, "FY1901 close", known, digest, rows);
        ledger.awaitProjection();

        JsonNode answer = period(periodEnd, stored.recordedAt());
        assertThat(answer.path("asReported")).hasSize(300);
        assertThat(answer.path("asReported").get(299).path("counterpartyId").asText())
                .isEqualTo("many-rows-cp-299");
        assertThat(answer.path("digest").asText()).isEqualTo(digest);
    }

    @Test
    @DisplayName("a period never closed is 404, a malformed period end or knownAt is 400")
    void unknown_and_malformed_periods() {
        Problems.assertProblem(given().get("/api/v1/periods/2019-05-31"), 404);
        Problems.assertMalformed(given().get("/api/v1/periods/2019-6-30"), "periodEnd");
        Problems.assertMalformed(given().get("/api/v1/periods/2019-02-30"), "periodEnd");
        Problems.assertMalformed(
                given().queryParam("knownAt", "yesterday").get("/api/v1/periods/" + PERIOD_END), "knownAt");
    }

    /** Every row of GET /exposure at (period end, knownAt), across its pages. */
    record ExposureRowsAtClose(List<JsonNode> rows) {
        static ExposureRowsAtClose read(Instant knownAt) {
            List<JsonNode> rows = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, Object> params = cursor == null
                        ? Map.of("asOf", PERIOD_END.toString(), "knownAt", knownAt.toString(), "limit", "1000")
                        : Map.of("cursor", cursor, "limit", "1000");
                JsonNode page = Reads.tree(Reads.getJson("/api/v1/exposure", params));
                page.path("rows").forEach(rows::add);
                cursor = page.path("nextCursor").isNull()
                        ? null
                        : page.path("nextCursor").asText(null);
            } while (cursor != null);
            return new ExposureRowsAtClose(rows);
        }

        /** The rows as a close holds them. */
        List<PeriodClosedEvent.ReportedRow> reported() {
            return rows.stream()
                    .map(r -> new PeriodClosedEvent.ReportedRow(
                            r.path("counterpartyId").asText(),
                            r.path("currency").asText(),
                            Direction.valueOf(r.path("direction").asText()),
                            r.path("committed").asText(),
                            r.path("elapsed").asText(),
                            r.path("remaining").asText(),
                            r.path("potential").asText(),
                            r.path("exposure").asText(),
                            r.path("concentration").asText(),
                            r.path("deals").asLong(),
                            r.path("commitments").asLong(),
                            r.path("optionsOpen").asLong(),
                            r.path("optionsExercised").asLong(),
                            r.path("amendments").asLong()))
                    .toList();
        }
    }

    private static List<PeriodView.Row> view(List<PeriodClosedEvent.ReportedRow> rows) {
        return rows.stream().map(PeriodView.Row::of).toList();
    }
}
