package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.query.testing.CsvTable;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.EventStoreWriter.Stored;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * GET /api/v1/deals/{dealId}/history: every fact of the deal with effective date, recorded-at, actor, reason, source
 * reference, position and payload, in recorded order; paged; CSV too.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingHistoryTest {

    static final String DEAL = "history-deal";
    static final String AWKWARD_REASON = "Correction, per \"side letter\"\nsecond line";
    /** SHA-256 of the bytes "illustrative order form": the deal fact is anchored to it, the later facts are not. */
    static final String ORDER_FORM_SHA256 = "d80833ae0113ba7762445930c322429c63334791e520f02efa8f060c12b7fcbc";

    @Inject
    EventStoreWriter writer;

    List<Stored> stored = new ArrayList<>();
    Instant afterThird;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterparty("history-cp", "History (fictional)", date("2025-01-01"));
        ledger.agreement("history-msa", "history-cp", date("2025-01-01"));
        stored.add(ledger.deal(
                DEAL,
                "history-msa",
                Direction.PAYABLE,
                "USD",
                date("2025-01-01"),
                "8-K 2025-01-01",
                ORDER_FORM_SHA256));
        stored.add(ledger.commitment(
                DEAL, "c", "1200.00", date("2025-01-01"), date("2025-12-31"), "GPU", date("2025-01-01")));
        stored.add(ledger.option(DEAL, "o", "500.00", date("2025-01-01"), date("2025-12-31"), date("2025-01-01")));
        afterThird = ledger.lastRecordedAt();
        stored.add(ledger.amend(DEAL, "c", "c-1", "100.00", null, date("2025-06-30"), AWKWARD_REASON));
        stored.add(ledger.exercise(
                DEAL, "o", "c-o", "200.00", date("2025-08-01"), date("2025-12-31"), "Opt", date("2025-07-15")));
        // Effective in the future relative to the other facts, recorded last.
        stored.add(ledger.terminate(DEAL, "c", date("2025-11-15"), "ended"));
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("every fact of the deal, in recorded order, with who, why, when and from where")
    void every_fact() {
        DealHistoryView view = Reads.history(DEAL, Map.of());
        assertThat(view.dealId()).isEqualTo(DEAL);
        assertThat(view.nextCursor()).isNull();
        assertThat(view.facts())
                .extracting(HistoryFactView::eventType)
                .containsExactly(
                        "DealRecordedEvent",
                        "CommitmentRecordedEvent",
                        "OptionGrantedEvent",
                        "CommitmentAmendedEvent",
                        "OptionExercisedEvent",
                        "CommitmentTerminatedEvent");
        assertThat(view.facts())
                .extracting(HistoryFactView::position)
                .containsExactlyElementsOf(stored.stream().map(Stored::position).toList());
        assertThat(view.facts())
                .extracting(HistoryFactView::recordedAt)
                .containsExactlyElementsOf(
                        stored.stream().map(Stored::recordedAt).toList());
        assertThat(view.facts()).allSatisfy(f -> {
            assertThat(f.actor()).isEqualTo(EventStoreWriter.ACTOR);
            assertThat(f.dealId()).isEqualTo(DEAL);
        });
        HistoryFactView deal = view.facts().get(0);
        assertThat(deal.sourceReference()).isEqualTo("8-K 2025-01-01");
        assertThat(deal.sourceDocumentSha256()).isEqualTo(ORDER_FORM_SHA256);
        assertThat(view.facts().subList(1, view.facts().size()))
                .as("facts recorded without a document hash")
                .allSatisfy(f -> assertThat(f.sourceDocumentSha256()).isNull());
        assertThat(deal.effectiveDate()).isEqualTo(date("2025-01-01"));
        HistoryFactView amendment = view.facts().get(3);
        assertThat(amendment.reason()).isEqualTo(AWKWARD_REASON);
        assertThat(amendment.effectiveDate()).isEqualTo(date("2025-06-30"));
        assertThat(amendment.payload().path("amendmentId").asText()).isEqualTo("c-1");
        assertThat(amendment.payload().path("amountDelta").asText()).isEqualTo("100.00");
        assertThat(view.facts().get(5).reason()).isEqualTo("ended");
        assertThat(view.facts().get(4).payload().path("commitmentId").asText()).isEqualTo("c-o");
    }

    @Test
    @DisplayName("knownAt leaves out facts recorded later; asOf those effective later; both are echoed")
    void both_axes() {
        DealHistoryView known = Reads.history(DEAL, Reads.at(null, afterThird));
        assertThat(known.facts()).hasSize(3);
        assertThat(known.knownAt()).isEqualTo(afterThird);
        DealHistoryView effective = Reads.history(DEAL, Reads.at(date("2025-07-14"), null));
        assertThat(effective.asOf()).isEqualTo(date("2025-07-14"));
        assertThat(effective.facts())
                .extracting(HistoryFactView::eventType)
                .containsExactly(
                        "DealRecordedEvent", "CommitmentRecordedEvent", "OptionGrantedEvent", "CommitmentAmendedEvent");
        DealHistoryView both = Reads.history(DEAL, Reads.at(date("2025-07-15"), afterThird));
        assertThat(both.facts()).hasSize(3);
        assertThat(both.asOf()).isEqualTo(date("2025-07-15"));
    }

    @Test
    @DisplayName("paging with limit and cursor visits every fact once, in order, and ends without a cursor")
    void paging() {
        List<HistoryFactView> all = Reads.history(DEAL, Map.of()).facts();
        for (int limit : List.of(1, 2, 4, 6)) {
            List<HistoryFactView> paged = new ArrayList<>();
            String cursor = null;
            int pages = 0;
            do {
                Map<String, Object> params = new LinkedHashMap<>();
                params.put("limit", limit);
                if (cursor != null) {
                    params.put("cursor", cursor);
                }
                DealHistoryView page = Reads.history(DEAL, params);
                assertThat(page.facts().size()).isLessThanOrEqualTo(limit);
                paged.addAll(page.facts());
                cursor = page.nextCursor();
                pages++;
                assertThat(pages).isLessThan(20);
            } while (cursor != null);
            assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(all);
            assertThat(pages).as("limit %d", limit).isEqualTo((all.size() + limit - 1) / limit);
        }
    }

    @Test
    @DisplayName("the CSV export parses, quotes awkward text, and says exactly what the JSON says")
    void csv_matches_json() {
        DealHistoryView json = Reads.history(DEAL, Map.of());
        Response response = given().accept("text/csv").get("/api/v1/deals/" + DEAL + "/history");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv");
        CsvTable table = CsvTable.parse(response.asString());
        assertThat(table.header())
                .containsExactly(
                        "position",
                        "eventType",
                        "effectiveDate",
                        "recordedAt",
                        "actor",
                        "reason",
                        "sourceReference",
                        "payload",
                        "sourceDocumentSha256",
                        "postCloseAdjustment");
        assertThat(table.rows()).hasSameSizeAs(json.facts());
        for (int i = 0; i < json.facts().size(); i++) {
            HistoryFactView f = json.facts().get(i);
            Map<String, String> row = table.rows().get(i);
            assertThat(Long.parseLong(row.get("position"))).isEqualTo(f.position());
            assertThat(row.get("eventType")).isEqualTo(f.eventType());
            assertThat(LocalDate.parse(row.get("effectiveDate"))).isEqualTo(f.effectiveDate());
            assertThat(Instant.parse(row.get("recordedAt"))).isEqualTo(f.recordedAt());
            assertThat(row.get("actor")).isEqualTo(f.actor());
            assertThat(row.get("reason")).isEqualTo(f.reason() == null ? "" : f.reason());
            assertThat(row.get("sourceReference")).isEqualTo(f.sourceReference() == null ? "" : f.sourceReference());
            assertThat(row.get("sourceDocumentSha256"))
                    .isEqualTo(f.sourceDocumentSha256() == null ? "" : f.sourceDocumentSha256());
            JsonNode payload = Reads.tree(row.get("payload"));
            assertThat(payload).isEqualTo(f.payload());
        }
        assertThat(table.rows().get(3).get("reason")).isEqualTo(AWKWARD_REASON);
        assertThat(table.rows().get(0).get("sourceDocumentSha256")).isEqualTo(ORDER_FORM_SHA256);
        assertThat(table.rows().get(1).get("sourceDocumentSha256")).isEmpty();
    }

    @Test
    @DisplayName("the deal shows the SHA-256 of its signed order form beside its source reference")
    void the_deal_shows_its_document_hash() {
        DealView view = Reads.deal(DEAL, date("2025-12-31"), null);
        assertThat(view.sourceReference()).isEqualTo("8-K 2025-01-01");
        assertThat(view.sourceDocumentSha256()).isEqualTo(ORDER_FORM_SHA256);
    }

    @Test
    @DisplayName("CSV pages carry the next cursor in X-Ledger-Next-Cursor")
    void csv_paging() {
        List<Map<String, String>> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().accept("text/csv").queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            Response response = request.get("/api/v1/deals/" + DEAL + "/history");
            assertThat(response.statusCode()).isEqualTo(200);
            paged.addAll(CsvTable.parse(response.asString()).rows());
            cursor = response.header("X-Ledger-Next-Cursor");
            pages++;
        } while (cursor != null && pages < 20);
        assertThat(pages).isEqualTo(2);
        assertThat(paged)
                .extracting(r -> Long.parseLong(r.get("position")))
                .containsExactlyElementsOf(stored.stream().map(Stored::position).toList());
    }

    @Test
    @DisplayName("counterparty and agreement facts are not part of a deal's history")
    void only_the_deals_facts() {
        assertThat(Reads.history(DEAL, Map.of()).facts())
                .noneMatch(f -> f.eventType().equals("CounterpartyRegisteredEvent")
                        || f.eventType().equals("AgreementSignedEvent"));
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
