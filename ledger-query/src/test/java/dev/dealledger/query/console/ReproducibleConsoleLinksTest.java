package dev.dealledger.query.console;

import static dev.dealledger.query.console.TheExample.END_OF_2026;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * "Now" is resolved to an instant and put into the URL, so a link taken from the console shows the same numbers when
 * opened fresh later, after the ledger has learnt more; opening the same view as known now shows the new fact.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class ReproducibleConsoleLinksTest {

    @Inject
    EventStoreWriter writer;

    @TestHTTPResource("/")
    URL root;

    @Test
    @DisplayName("a link taken at 'now' shows the same numbers in a fresh browser after a further fact")
    void a_link_shows_the_same_numbers_later() {
        LedgerScript ledger = new LedgerScript(writer);
        TheExample example = TheExample.record(ledger, "console-link");
        String view = "/console/counterparties/" + example.counterpartyId() + "?asOf=" + END_OF_2026;
        String link;
        List<String> before;
        try (Browser browser = new Browser(root.toString()).signIn(JwtTestKeys.token("first-auditor", Roles.AUDITOR))) {
            browser.open(view);
            // "now" became an instant, shown as such and held by the URL.
            Instant resolved = Instant.parse(browser.text("#shown-knownAt"));
            assertThat(resolved).isAfterOrEqualTo(example.afterAmendment());
            assertThat(browser.url()).contains("knownAt=");
            link = browser.find("#permalink").getAttribute("href");
            assertThat(link).contains("knownAt=" + resolved.toString().replace(":", "%3A"));
            before = totals(browser);
            assertThat(before).isNotEmpty();
            assertThat(committed(browser))
                    .isEqualTo(Reads.totals(example.counterpartyId(), END_OF_2026, resolved)
                            .totals()
                            .get(0)
                            .committed());
        }

        // The ledger learns something that changes the totals as known now.
        ledger.commitment(
                example.firstDeal(),
                "console-link-late",
                "100000000.00",
                LocalDate.parse("2026-01-01"),
                LocalDate.parse("2026-12-31"),
                "Late capacity",
                LocalDate.parse("2025-12-01"));
        ledger.awaitProjection();

        try (Browser fresh = new Browser(root.toString()).signIn(JwtTestKeys.token("second-auditor", Roles.AUDITOR))) {
            fresh.open(link);
            assertThat(totals(fresh)).isEqualTo(before);
            fresh.screenshot("reproducible-link");
            fresh.find("a.now").click();
            assertThat(committed(fresh)).isEqualTo("35550000000.00");
        }
    }

    /** Every figure of the totals table, as shown. */
    private static List<String> totals(Browser browser) {
        return browser.all("#totals tbody td").stream().map(WebElement::getText).toList();
    }

    private static String committed(Browser browser) {
        return TheExample.shownAmount(browser.text("#totals tbody td[data-field=committed]"), "USD");
    }
}
