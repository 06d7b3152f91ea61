package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A counterparty with more deals than a page lists: the page shows the first ones in recorded order, says how many
 * there are, and links to the rest with asOf and knownAt kept, so that every deal is reachable and a later deal does
 * not shift a pinned page.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class PagingACounterpartysDealsTest {

    private static final Pattern DEAL_ROW = Pattern.compile("data-deal=\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("id=\"deals-next\" href=\"([^\"]+)\"");
    private static final LocalDate SIGNED = LocalDate.parse("2025-01-15");

    @Inject
    EventStoreWriter writer;

    @Test
    @DisplayName("a counterparty's deals come a page at a time, each deal once, with links that keep the instant")
    void deals_come_a_page_at_a_time() {
        LedgerScript ledger = new LedgerScript(writer);
        String cp = "paging-cp";
        int deals = ConsoleResource.DEALS_PER_PAGE + 7;
        List<String> recorded = new ArrayList<>();
        ledger.counterpartyWithDeal(cp, "paging-deal-000", Direction.PAYABLE, "USD", SIGNED);
        recorded.add("paging-deal-000");
        for (int i = 1; i < deals; i++) {
            String dealId = String.format("paging-deal-%03d", i);
            ledger.deal(dealId, "msa-" + cp, Direction.PAYABLE, "USD", SIGNED, "ref-" + dealId);
            recorded.add(dealId);
        }
        ledger.awaitProjection();
        Instant knownAt = ledger.lastRecordedAt();
        String token = JwtTestKeys.token("paging-auditor", Roles.AUDITOR);

        Response first = RestAssured.given()
                .auth()
                .oauth2(token)
                .get("/console/counterparties/" + cp + "?asOf=2026-12-31&knownAt=" + knownAt);
        assertThat(first.statusCode()).as(first.asString()).isEqualTo(200);
        String html = first.asString();
        assertThat(rows(html)).isEqualTo(recorded.subList(0, ConsoleResource.DEALS_PER_PAGE));
        assertThat(html).contains("Deals 1 to " + ConsoleResource.DEALS_PER_PAGE + " of " + deals);
        assertThat(html).doesNotContain("id=\"deals-previous\"");

        // A deal recorded later does not enter the pinned list.
        ledger.deal("paging-deal-late", "msa-" + cp, Direction.PAYABLE, "USD", SIGNED, "ref-late");
        ledger.awaitProjection();

        Matcher next = NEXT.matcher(html);
        assertThat(next.find()).as("a link to the next deals").isTrue();
        String nextHref = next.group(1).replace("&amp;", "&");
        assertThat(nextHref).contains("knownAt=").contains("asOf=2026-12-31");
        // The link is already encoded, as a browser would follow it.
        Response second = RestAssured.given()
                .urlEncodingEnabled(false)
                .auth()
                .oauth2(token)
                .get(nextHref);
        assertThat(second.statusCode()).isEqualTo(200);
        assertThat(rows(second.asString())).isEqualTo(recorded.subList(ConsoleResource.DEALS_PER_PAGE, deals));
        assertThat(second.asString())
                .contains("Deals " + (ConsoleResource.DEALS_PER_PAGE + 1) + " to " + deals + " of " + deals)
                .contains("id=\"deals-previous\"")
                .doesNotContain("id=\"deals-next\"");

        Response refused = RestAssured.given()
                .auth()
                .oauth2(token)
                .get("/console/counterparties/" + cp + "?asOf=2026-12-31&knownAt=" + knownAt + "&dealsFrom=-1");
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    private static List<String> rows(String html) {
        List<String> ids = new ArrayList<>();
        Matcher m = DEAL_ROW.matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }
}
