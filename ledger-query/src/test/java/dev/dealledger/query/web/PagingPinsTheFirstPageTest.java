package dev.dealledger.query.web;

import static dev.dealledger.query.testing.Api.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Problems;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A cursor carries the first page's (asOf, knownAt), defaults included: facts recorded between page 1 and page 2 do not
 * reach page 2, so the pages of one answer agree with each other.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
class PagingPinsTheFirstPageTest {

    static final LocalDate AS_OF = LocalDate.parse("2025-06-30");

    @Inject
    EventStoreWriter writer;

    @Test
    void writes_between_page_one_and_page_two_do_not_reach_page_two() {
        LedgerScript ledger = new LedgerScript(writer);
        for (int i = 0; i < 5; i++) {
            ledger.counterpartyWithDeal(
                    "pin-cp-" + i, "pin-deal-" + i, Direction.PAYABLE, "SEK", LocalDate.parse("2025-01-01"));
            ledger.commitment(
                    "pin-deal-" + i,
                    "c",
                    (100 * (i + 1)) + ".00",
                    LocalDate.parse("2025-01-01"),
                    LocalDate.parse("2025-12-31"),
                    "r",
                    LocalDate.parse("2025-01-01"));
        }
        ledger.awaitProjection();

        // Page 1 with knownAt left to its default (now).
        ExposureView first = Reads.exposure(pinned(null));
        assertThat(first.nextCursor()).isNotNull();

        // Then the ledger moves on: a new counterparty that sorts last, and a second commitment of the last one.
        ledger.counterpartyWithDeal(
                "pin-zz-late", "pin-deal-late", Direction.PAYABLE, "SEK", LocalDate.parse("2025-01-01"));
        ledger.commitment(
                "pin-deal-late",
                "c",
                "999.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                "r",
                LocalDate.parse("2025-01-01"));
        ledger.commitment(
                "pin-deal-4",
                "c-late",
                "5000.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2025-12-31"),
                "r",
                LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();

        List<ExposureRowView> paged = new ArrayList<>(first.rows());
        String cursor = first.nextCursor();
        while (cursor != null) {
            ExposureView page = Reads.exposure(pinned(cursor));
            assertThat(page.knownAt()).isEqualTo(first.knownAt());
            assertThat(page.asOf()).isEqualTo(first.asOf());
            paged.addAll(page.rows());
            cursor = page.nextCursor();
        }

        // Every page together is the one answer at page 1's knownAt, read again now in one page.
        Map<String, Object> once = Reads.at(AS_OF, first.knownAt());
        once.put("currency", "SEK");
        ExposureView whole = Reads.exposure(once);
        List<ExposureRowView> ours = paged.stream()
                .filter(r -> r.counterpartyId().startsWith("pin-"))
                .toList();
        assertThat(ours)
                .containsExactlyElementsOf(whole.rows().stream()
                        .filter(r -> r.counterpartyId().startsWith("pin-"))
                        .toList());
        assertThat(ours).extracting(ExposureRowView::counterpartyId).doesNotContain("pin-zz-late");
        assertThat(ours.stream().filter(r -> r.counterpartyId().equals("pin-cp-4")))
                .singleElement()
                .satisfies(r -> assertThat(r.committed()).isEqualTo("500.00"));
    }

    @Test
    void a_cursor_sent_with_another_knownAt_is_refused() {
        seed("pin-other", 1);
        ExposureView first = Reads.exposure(pinned(null));
        assertThat(first.nextCursor()).isNotNull();

        Response response = given().queryParam("asOf", AS_OF.toString())
                .queryParam("currency", "SEK")
                .queryParam("knownAt", "2025-01-01T00:00:00Z")
                .queryParam("limit", 2)
                .queryParam("cursor", first.nextCursor())
                .get("/api/v1/exposure");

        Problems.assertMalformed(response, "knownAt");
    }

    @Test
    void a_cursor_sent_with_other_filters_or_for_another_deal_is_refused() {
        seed("pin-scope", 3);
        ExposureView first = Reads.exposure(pinned(null));
        assertThat(first.nextCursor()).isNotNull();
        // The same cursor under another currency, direction or reporting currency would continue other rows.
        for (String[] other :
                List.of(new String[] {"currency", "EUR"}, new String[] {"direction", "RECEIVABLE"}, new String[] {
                    "reportingCurrency", "USD"
                })) {
            Map<String, Object> params = pinned(first.nextCursor());
            params.put(other[0], other[1]);
            Response response = given().queryParams(params).get("/api/v1/exposure");
            Problems.assertMalformed(response, "cursor");
        }
        // Under its own filters it still serves.
        given().queryParams(pinned(first.nextCursor()))
                .get("/api/v1/exposure")
                .then()
                .statusCode(200);

        Map<String, Object> history = new HashMap<>();
        history.put("limit", 1);
        String historyCursor = Reads.history("pin-scope-deal-0", history).nextCursor();
        assertThat(historyCursor).isNotNull();
        Problems.assertMalformed(
                given().queryParam("limit", 1)
                        .queryParam("cursor", historyCursor)
                        .get("/api/v1/deals/pin-scope-deal-1/history"),
                "cursor");
        given().queryParam("limit", 1)
                .queryParam("cursor", historyCursor)
                .get("/api/v1/deals/pin-scope-deal-0/history")
                .then()
                .statusCode(200);
    }

    /** Three SEK counterparties {@code prefix-0..2}, each with one deal {@code prefix-deal-i} of 100.00 commitments. */
    private void seed(String prefix, int commitmentsEach) {
        LedgerScript ledger = new LedgerScript(writer);
        for (int i = 0; i < 3; i++) {
            ledger.counterpartyWithDeal(
                    prefix + "-" + i, prefix + "-deal-" + i, Direction.PAYABLE, "SEK", LocalDate.parse("2025-01-01"));
            for (int c = 0; c < commitmentsEach; c++) {
                ledger.commitment(
                        prefix + "-deal-" + i,
                        "c" + (c == 0 ? "" : c),
                        "100.00",
                        LocalDate.parse("2025-01-01"),
                        LocalDate.parse("2025-12-31"),
                        "r",
                        LocalDate.parse("2025-01-01"));
            }
        }
        ledger.awaitProjection();
    }

    private static Map<String, Object> pinned(String cursor) {
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", AS_OF.toString());
        params.put("currency", "SEK");
        params.put("limit", 2);
        if (cursor != null) {
            params.put("cursor", cursor);
        }
        return params;
    }
}
