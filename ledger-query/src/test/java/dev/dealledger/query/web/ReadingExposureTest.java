package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.query.testing.CsvTable;
import dev.dealledger.query.testing.EventStoreWriter;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/exposure: one row per counterparty, currency and direction; filters, paging, and CSV equal to JSON. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingExposureTest {

    static final LocalDate AS_OF = LocalDate.parse("2025-06-30");
    static final List<String> COLUMNS = List.of(
            "counterpartyId",
            "legalName",
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
            "amendments");

    @Inject
    EventStoreWriter writer;

    Instant knownAt;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        // A legal name that CSV must quote: comma, double quotes.
        ledger.counterparty("exp-quoted", "Quote \"Q\", Comma & Co (fictional)", LocalDate.parse("2025-01-01"));
        ledger.agreement("msa-exp-quoted", "exp-quoted", LocalDate.parse("2025-01-01"));
        ledger.deal("exp-q-usd", "msa-exp-quoted", Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"), null);
        ledger.commitment(
                "exp-q-usd",
                "c",
                "1000.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-10-31"),
                "r",
                LocalDate.parse("2025-01-01"));
        ledger.deal("exp-q-eur", "msa-exp-quoted", Direction.RECEIVABLE, "EUR", LocalDate.parse("2025-01-01"), null);
        ledger.option(
                "exp-q-eur",
                "o",
                "50.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                LocalDate.parse("2025-01-01"));
        for (int i = 0; i < 6; i++) {
            String cp = "exp-cp-" + i;
            String deal = "exp-deal-" + i;
            ledger.counterpartyWithDeal(
                    cp,
                    deal,
                    i % 2 == 0 ? Direction.PAYABLE : Direction.RECEIVABLE,
                    i % 3 == 0 ? "EUR" : "USD",
                    LocalDate.parse("2025-01-01"));
            ledger.commitment(
                    deal,
                    "c",
                    (100 * (i + 1)) + ".00",
                    LocalDate.parse("2025-01-01"),
                    LocalDate.parse("2026-12-31"),
                    "r",
                    LocalDate.parse("2025-01-01"));
        }
        knownAt = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("the CSV export parses and says exactly what the JSON says, row by row")
    void csv_matches_json() {
        ExposureView json = Reads.exposure(AS_OF, knownAt);
        Response csv = given().accept("text/csv")
                .queryParam("asOf", AS_OF.toString())
                .queryParam("knownAt", knownAt.toString())
                .queryParam("limit", 1000)
                .get("/api/v1/exposure");
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.header("X-Ledger-As-Of")).isEqualTo(AS_OF.toString());
        assertThat(Instant.parse(csv.header("X-Ledger-Known-At"))).isEqualTo(knownAt);
        CsvTable table = CsvTable.parse(csv.asString());
        assertThat(table.header()).containsExactlyElementsOf(COLUMNS);
        List<Map<String, String>> expected = new ArrayList<>();
        for (ExposureRowView r : json.rows()) {
            expected.add(csvRow(r));
        }
        assertThat(table.rows()).containsExactlyElementsOf(expected);
        assertThat(table.rows())
                .anySatisfy(r -> assertThat(r.get("legalName")).isEqualTo("Quote \"Q\", Comma & Co (fictional)"));
        assertThat(json.rows().stream().map(ExposureRowView::counterpartyId).filter(id -> id.startsWith("exp-")))
                .hasSize(8);
    }

    @Test
    @DisplayName("direction and currency filters keep only the matching rows")
    void filters() {
        ExposureView all = Reads.exposure(AS_OF, knownAt);
        for (Direction direction : Direction.values()) {
            Map<String, Object> params = params();
            params.put("direction", direction.name());
            ExposureView filtered = Reads.exposure(params);
            assertThat(filtered.rows())
                    .containsExactlyElementsOf(all.rows().stream()
                            .filter(r -> r.direction() == direction)
                            .toList());
        }
        Map<String, Object> eurReceivable = params();
        eurReceivable.put("currency", "EUR");
        eurReceivable.put("direction", "RECEIVABLE");
        ExposureView filtered = Reads.exposure(eurReceivable);
        assertThat(filtered.rows()).isNotEmpty();
        assertThat(filtered.rows())
                .containsExactlyElementsOf(all.rows().stream()
                        .filter(r -> r.direction() == Direction.RECEIVABLE
                                && r.currency().equals("EUR"))
                        .toList());
        assertThat(filtered.asOf()).isEqualTo(AS_OF);
        assertThat(filtered.knownAt()).isEqualTo(knownAt);
    }

    @Test
    @DisplayName("paging with limit and cursor visits every row exactly once, in order, and ends without a cursor")
    void paging_json() {
        ExposureView all = Reads.exposure(AS_OF, knownAt);
        assertThat(all.nextCursor()).isNull();
        List<ExposureRowView> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = params();
            params.put("limit", 3);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            ExposureView page = Reads.exposure(params);
            assertThat(page.rows().size()).isLessThanOrEqualTo(3);
            paged.addAll(page.rows());
            cursor = page.nextCursor();
            pages++;
            assertThat(pages).as("pages").isLessThan(100);
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(all.rows());
        assertThat(pages).isGreaterThanOrEqualTo((all.rows().size() + 2) / 3);
    }

    @Test
    @DisplayName("CSV pages carry the next cursor in X-Ledger-Next-Cursor, and together equal the full export")
    void paging_csv() {
        Map<String, Object> everything = params();
        everything.put("limit", 1000);
        List<Map<String, String>> all = csv(everything).rows();
        List<Map<String, String>> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Map<String, Object> params = params();
            params.put("limit", 4);
            if (cursor != null) {
                params.put("cursor", cursor);
            }
            Response response = csvResponse(params);
            paged.addAll(CsvTable.parse(response.asString()).rows());
            cursor = response.header("X-Ledger-Next-Cursor");
            pages++;
            assertThat(pages).isLessThan(100);
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(pages).isGreaterThan(1);
    }

    @Test
    @DisplayName("without a limit a page holds at most 100 rows")
    void default_limit_is_100() {
        LedgerScript ledger = new LedgerScript(writer);
        for (int i = 0; i < 101; i++) {
            ledger.counterpartyWithDeal(
                    String.format("exp-many-%03d", i),
                    String.format("exp-many-deal-%03d", i),
                    Direction.PAYABLE,
                    "CHF",
                    LocalDate.parse("2025-01-01"));
        }
        ledger.awaitProjection();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("currency", "CHF");
        ExposureView first = Reads.exposure(params);
        assertThat(first.rows()).hasSize(100);
        assertThat(first.nextCursor()).isNotNull();
        params.put("cursor", first.nextCursor());
        ExposureView second = Reads.exposure(params);
        Set<String> ids = new HashSet<>();
        first.rows().forEach(r -> ids.add(r.counterpartyId()));
        second.rows().forEach(r -> ids.add(r.counterpartyId()));
        assertThat(ids).hasSizeGreaterThanOrEqualTo(101);
        assertThat(second.rows()).noneMatch(r -> first.rows().contains(r));
    }

    private Map<String, Object> params() {
        Map<String, Object> params = Reads.at(AS_OF, knownAt);
        return params;
    }

    private static Map<String, String> csvRow(ExposureRowView r) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("counterpartyId", r.counterpartyId());
        row.put("legalName", r.legalName() == null ? "" : r.legalName());
        row.put("currency", r.currency());
        row.put("direction", r.direction().name());
        row.put("committed", r.committed());
        row.put("elapsed", r.elapsed());
        row.put("remaining", r.remaining());
        row.put("potential", r.potential());
        row.put("exposure", r.exposure());
        row.put("concentration", r.concentration());
        row.put("deals", Long.toString(r.deals()));
        row.put("commitments", Long.toString(r.commitments()));
        row.put("optionsOpen", Long.toString(r.optionsOpen()));
        row.put("optionsExercised", Long.toString(r.optionsExercised()));
        row.put("amendments", Long.toString(r.amendments()));
        return row;
    }

    private static CsvTable csv(Map<String, Object> params) {
        return CsvTable.parse(csvResponse(params).asString());
    }

    private static Response csvResponse(Map<String, Object> params) {
        var request = given().accept("text/csv");
        params.forEach(request::queryParam);
        Response response = request.get("/api/v1/exposure");
        assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
        return response;
    }
}
