package dev.dealledger.query.console;

import static dev.dealledger.query.console.TheExample.END_OF_2026;
import static dev.dealledger.query.console.TheExample.shownAmount;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.DisclosureView;
import dev.dealledger.api.view.ExposureRowView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.HistoryFactView;
import dev.dealledger.api.view.PeriodView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.query.testing.Api;
import dev.dealledger.query.testing.CsvTable;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser shows the API's numbers at the same (asOf, knownAt), view by view, and what was known
 * before a backdated amendment; its restatement names the amendment; its CSV is the API's. Each view is saved as a
 * screenshot under target/console-screenshots.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingTheConsoleInABrowserTest {

    static final String[] MONEY = {"committed", "elapsed", "remaining", "potential", "exposure"};
    static final String[] COUNTS = {"deals", "commitments", "optionsOpen", "optionsExercised", "amendments"};

    @Inject
    EventStoreWriter writer;

    @TestHTTPResource("/")
    URL root;

    /** A period end no other test closes: the close is ledger-wide. */
    static final LocalDate CLOSED_PERIOD = LocalDate.parse("2026-06-30");

    TheExample example;
    Instant knownAt;
    Browser browser;
    EventStoreWriter.Stored close;
    EventStoreWriter.Stored postCloseAmendment;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        example = TheExample.record(ledger, "console-read");
        knownAt = example.afterAmendment();
        // A close after the example, then a backdated amendment of the other counterparty's commitment: a post-close
        // adjustment of the closed quarter. Every other view of this class reads at knownAt, before both.
        close = ledger.closePeriod(CLOSED_PERIOD, "Q2 2026 close (console test)");
        postCloseAmendment = ledger.amend(
                "console-read-of-other",
                "console-read-other-capacity",
                "console-read-post-close",
                "100000000.00",
                null,
                LocalDate.parse("2026-03-01"),
                "Backdated after the close (console test)");
        ledger.awaitProjection();
        browser = new Browser(root.toString()).signIn(JwtTestKeys.token("console-auditor", Roles.AUDITOR));
    }

    @AfterAll
    void close() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @DisplayName("the exposure table shows every row of the API's exposure at the same asOf and knownAt, grouped")
    void exposure_equals_the_api() {
        browser.open("/console/exposure?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        ExposureView api = Reads.exposure(END_OF_2026, knownAt);

        Map<String, Map<String, String>> shown = new LinkedHashMap<>();
        for (WebElement row : browser.all("#exposure tbody tr[data-counterparty]")) {
            String currency = row.getAttribute("data-currency");
            String key =
                    row.getAttribute("data-counterparty") + "/" + currency + "/" + row.getAttribute("data-direction");
            shown.put(key, figures(row, currency));
        }
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (ExposureRowView r : api.rows()) {
            expected.put(r.counterpartyId() + "/" + r.currency() + "/" + r.direction(), figures(r));
        }
        assertThat(shown).isEqualTo(expected);
        // The worked example's committed total after the amendment (docs/domain.md, "Example history").
        assertThat(shown.get(example.counterpartyId() + "/USD/PAYABLE").get("committed"))
                .isEqualTo("35450000000.00");
        assertThat(browser.find("#exposure td[data-field=committed]").getCssValue("text-align"))
                .isEqualTo("right");
        assertThat(browser.text("#shown-knownAt")).isEqualTo(knownAt.toString());
        assertThat(browser.all("#concentration-USD-PAYABLE rect.bar")).hasSizeGreaterThanOrEqualTo(2);
        browser.assertEveryControlIsLabelled();
        browser.assertEveryAssetIsServedByTheService();
        browser.screenshot("exposure");
    }

    @Test
    @DisplayName("sorting by a column keeps the API's rows and orders them by that column")
    void sorting_keeps_the_rows() {
        browser.open("/console/exposure?asOf=" + END_OF_2026 + "&knownAt=" + knownAt + "&currency=USD");
        browser.find("#exposure thead th a[href*='sort=remaining']").click();
        List<BigDecimal> remaining = browser.all("#exposure tbody td[data-field=remaining]").stream()
                .map(c -> new BigDecimal(c.getAttribute("data-value")))
                .toList();
        assertThat(remaining).isNotEmpty().isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(browser.url()).contains("sort=remaining").contains("knownAt=");
        assertThat(browser.all("#exposure tbody tr[data-counterparty]"))
                .allSatisfy(r -> assertThat(r.getAttribute("data-currency")).isEqualTo("USD"));
        assertThat(remaining).hasSize((int) Reads.exposure(Map.of(
                        "asOf",
                        END_OF_2026.toString(),
                        "knownAt",
                        knownAt.toString(),
                        "currency",
                        "USD",
                        "limit",
                        1000))
                .rows()
                .size());
    }

    @Test
    @DisplayName("a counterparty's totals, remaining by year and deals are the API's")
    void counterparty_equals_the_api() {
        browser.open(
                "/console/counterparties/" + example.counterpartyId() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        CounterpartyTotalsView totals = Reads.totals(example.counterpartyId(), END_OF_2026, knownAt);
        assertThat(totalsShown()).isEqualTo(totalsOf(totals));

        ScheduleView schedule = Reads.schedule(example.counterpartyId(), END_OF_2026, knownAt);
        Map<String, String> years = new LinkedHashMap<>();
        for (WebElement row : browser.all("#by-year tbody tr[data-year]")) {
            years.put(
                    row.getAttribute("data-year"),
                    shownAmount(
                            row.findElement(org.openqa.selenium.By.cssSelector("td[data-field=remaining]"))
                                    .getText(),
                            "USD"));
        }
        Map<String, String> expectedYears = new LinkedHashMap<>();
        schedule.rows().forEach(r -> expectedYears.put(Integer.toString(r.year()), r.remaining()));
        assertThat(years).isEqualTo(expectedYears);
        // docs/domain.md, "Example history": 2032 holds 3,230,769,231.48 after the amendment.
        assertThat(years.get("2032")).isEqualTo("3230769231.48");
        assertThat(browser.all("#by-year-USD-PAYABLE rect.bar"))
                .hasSize(schedule.rows().size());

        assertThat(browser.all("#deals tbody tr[data-deal]"))
                .extracting(r -> r.getAttribute("data-deal"))
                .containsExactly(example.firstDeal(), example.secondDeal());
        browser.assertEveryControlIsLabelled();
        browser.screenshot("counterparty");
    }

    @Test
    @DisplayName("before the backdated amendment was recorded, the counterparty shows what was known then")
    void known_at_before_the_amendment() {
        browser.open(
                "/console/counterparties/" + example.counterpartyId() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        WebElement input = browser.find("#knownAt");
        input.clear();
        input.sendKeys(example.beforeAmendment().toString(), Keys.ENTER);
        browser.find("#shown-knownAt");
        assertThat(browser.text("#shown-knownAt"))
                .isEqualTo(example.beforeAmendment().toString());
        assertThat(browser.url())
                .contains("knownAt=" + example.beforeAmendment().toString().replace(":", "%3A"));

        Map<String, Map<String, String>> then = totalsShown();
        assertThat(then)
                .isEqualTo(totalsOf(Reads.totals(example.counterpartyId(), END_OF_2026, example.beforeAmendment())));
        // docs/domain.md, "Example history": 35,200,000,000.00 before fact 4, no amendment yet.
        assertThat(then.get("USD/PAYABLE").get("committed")).isEqualTo("35200000000.00");
        assertThat(then.get("USD/PAYABLE").get("amendments")).isEqualTo("0");
        browser.screenshot("counterparty-before-amendment");
    }

    @Test
    @DisplayName("a deal shows the API's commitments and options, installments adding up, and its full history")
    void deal_equals_the_api() {
        browser.open("/console/deals/" + example.firstDeal() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        DealView deal = Reads.deal(example.firstDeal(), END_OF_2026, knownAt);
        for (DealView.Commitment c : deal.commitments()) {
            WebElement row = browser.find("#commitments tr[data-commitment='" + c.commitmentId() + "']");
            assertThat(cell(row, "committed", "USD")).isEqualTo(c.committed());
            assertThat(cell(row, "elapsed", "USD")).isEqualTo(c.elapsed());
            assertThat(cell(row, "remaining", "USD")).isEqualTo(c.remaining());
            // The month-by-month schedule beside it adds up to the committed amount, to the cent.
            BigDecimal sum =
                    browser.all("table.months[data-commitment='" + c.commitmentId() + "'] td[data-value]").stream()
                            .map(m -> new BigDecimal(m.getAttribute("data-value")))
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(sum).isEqualByComparingTo(c.committed());
        }
        for (DealView.Option o : deal.options()) {
            WebElement row = browser.find("#options tr[data-option='" + o.optionId() + "']");
            assertThat(cell(row, "potential", "USD")).isEqualTo(o.potential());
        }
        DealHistoryView history =
                Reads.history(example.firstDeal(), Map.of("knownAt", knownAt.toString(), "limit", 1000));
        assertThat(browser.all("#history-table tbody tr[data-position]"))
                .extracting(r -> Long.parseLong(r.getAttribute("data-position")))
                .containsExactlyElementsOf(
                        history.facts().stream().map(HistoryFactView::position).toList());
        // The backdated amendment stands out, in the table and in the bitemporal picture.
        WebElement amendment = browser.find("#fact-" + example.amendmentPosition());
        assertThat(amendment.getAttribute("class")).contains("backdated");
        assertThat(browser.all("svg polygon.fact.backdated")).hasSize(1);
        assertThat(browser.all("svg circle.fact.backdated")).isEmpty();
        browser.assertEveryControlIsLabelled();
        browser.screenshot("deal");
        browser.driver.executeScript("document.getElementById('history').scrollIntoView()");
        browser.screenshot("deal-history");
    }

    @Test
    @DisplayName("a commitment's total leads to the history rows behind it, as the API filters them")
    void a_total_leads_to_its_facts() {
        browser.open("/console/deals/" + example.firstDeal() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        browser.find("#commitments tr[data-commitment='console-read-blackwell'] td[data-field=committed] a")
                .click();
        List<Long> shown = browser.all("#history-table tbody tr[data-position]").stream()
                .map(r -> Long.parseLong(r.getAttribute("data-position")))
                .toList();
        Map<String, Object> params = new HashMap<>();
        params.put("asOf", END_OF_2026.toString());
        params.put("knownAt", knownAt.toString());
        params.put("limit", 1000);
        List<Long> expected = Reads.history(example.firstDeal(), params).facts().stream()
                .filter(f -> "console-read-blackwell"
                        .equals(f.payload().path("commitmentId").asText(null)))
                .map(HistoryFactView::position)
                .toList();
        assertThat(shown).isNotEmpty().containsExactlyElementsOf(expected).contains(example.amendmentPosition());
    }

    @Test
    @DisplayName("the restatement around the amendment lists it as the cause of the change in committed")
    void restatement_names_the_amendment() {
        browser.open("/console/deals/" + example.firstDeal() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        browser.find("#fact-" + example.amendmentPosition() + " a[href*='/console/restatements']")
                .click();
        WebElement cause = browser.find("#causes tr[data-position='" + example.amendmentPosition() + "']");
        assertThat(cause.getAttribute("data-kind")).isEqualTo("backdated-amendment");
        WebElement committed = browser.find("#changes tr[data-field=committed]");
        assertThat(shownAmount(
                        committed
                                .findElement(org.openqa.selenium.By.cssSelector("[data-part=before]"))
                                .getText(),
                        "USD"))
                .isEqualTo("35200000000.00");
        assertThat(shownAmount(
                        committed
                                .findElement(org.openqa.selenium.By.cssSelector("[data-part=after]"))
                                .getText(),
                        "USD"))
                .isEqualTo("35450000000.00");
        assertThat(committed.getText()).contains("#" + example.amendmentPosition());

        RestatementView api = Reads.restatement(
                example.counterpartyId(),
                END_OF_2026,
                example.afterAmendment().minusNanos(1000),
                example.afterAmendment());
        assertThat(browser.all("#changes tbody tr[data-field]"))
                .extracting(r -> r.getAttribute("data-field"))
                .containsExactlyElementsOf(api.changes().stream()
                        .map(RestatementView.Change::field)
                        .toList());
        assertThat(browser.all("#causes tbody tr[data-position]"))
                .extracting(r -> Long.parseLong(r.getAttribute("data-position")))
                .containsExactlyElementsOf(api.causes().stream()
                        .map(RestatementView.Cause::position)
                        .toList());
        browser.assertEveryControlIsLabelled();
        browser.screenshot("restatement");
    }

    @Test
    @DisplayName("a counterparty's disclosure by fiscal year and by band is the API's, and its CSV is the API's")
    void disclosure_equals_the_api() {
        browser.open(
                "/console/counterparties/" + example.counterpartyId() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        DisclosureView api = Reads.get(
                "/api/v1/disclosures/obligations",
                Map.of(
                        "direction",
                        "PAYABLE",
                        "counterpartyId",
                        example.counterpartyId(),
                        "asOf",
                        END_OF_2026.toString(),
                        "knownAt",
                        knownAt.toString()),
                DisclosureView.class);
        DisclosureView.Row expected = api.rows().get(0);
        WebElement row = browser.find("#disclosure tbody tr[data-currency=USD][data-direction=PAYABLE]");
        List<String> years = row.findElements(org.openqa.selenium.By.cssSelector("td[data-field=fiscalYear]")).stream()
                .map(c -> c.getAttribute("data-value"))
                .toList();
        assertThat(years)
                .containsExactlyElementsOf(expected.fiscalYears().stream()
                        .map(DisclosureView.FiscalYearAmount::amount)
                        .toList());
        Map<String, String> shown = new LinkedHashMap<>();
        for (String field : List.of(
                "thereafter", "withinOneYear", "oneToThreeYears", "threeToFiveYears", "afterFiveYears", "total")) {
            shown.put(
                    field,
                    row.findElement(org.openqa.selenium.By.cssSelector("td[data-field=" + field + "]"))
                            .getAttribute("data-value"));
        }
        DisclosureView.Bands b = expected.bands();
        Map<String, String> want = new LinkedHashMap<>();
        want.put("thereafter", expected.thereafter());
        want.put("withinOneYear", b.withinOneYear());
        want.put("oneToThreeYears", b.oneToThreeYears());
        want.put("threeToFiveYears", b.threeToFiveYears());
        want.put("afterFiveYears", b.afterFiveYears());
        want.put("total", expected.total());
        assertThat(shown).isEqualTo(want);
        // The disclosure adds up to the remaining the totals table shows.
        assertThat(expected.total()).isEqualTo(totalsShown().get("USD/PAYABLE").get("remaining"));

        String downloaded = browser.download("#disclosure a.disclosure-csv");
        String csv = Api.given()
                .accept("text/csv")
                .queryParam("direction", "PAYABLE")
                .queryParam("counterpartyId", example.counterpartyId())
                .queryParam("asOf", END_OF_2026.toString())
                .queryParam("knownAt", knownAt.toString())
                .get("/api/v1/disclosures/obligations")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(downloaded).isEqualTo(csv);
        browser.screenshot("counterparty-disclosure");
    }

    @Test
    @DisplayName(
            "a closed period shows the API's figures as reported beside as restated, and the post-close adjustment")
    void period_equals_the_api() {
        Instant now = postCloseAmendment.recordedAt();
        browser.open("/console/periods?knownAt=" + now);
        browser.find("#periods tbody tr[data-period-end='" + CLOSED_PERIOD + "'] a")
                .click();
        assertThat(browser.url()).contains("/console/periods/" + CLOSED_PERIOD).contains("knownAt=");
        browser.open("/console/periods/" + CLOSED_PERIOD + "?knownAt=" + now);
        PeriodView api =
                Reads.get("/api/v1/periods/" + CLOSED_PERIOD, Map.of("knownAt", now.toString()), PeriodView.class);

        assertThat(browser.text("#digest")).isEqualTo(api.digest());
        assertThat(browser.text("#closed-at")).isEqualTo(close.recordedAt().toString());
        Map<String, String> shownReported = new LinkedHashMap<>();
        Map<String, String> shownRestated = new LinkedHashMap<>();
        for (WebElement row : browser.all("#figures tbody tr[data-counterparty]")) {
            String key = row.getAttribute("data-counterparty") + "/" + row.getAttribute("data-currency") + "/"
                    + row.getAttribute("data-direction");
            shownReported.put(key, cellValue(row, "committed", "reported"));
            shownRestated.put(key, cellValue(row, "committed", "restated"));
        }
        Map<String, String> reported = new LinkedHashMap<>();
        api.asReported()
                .forEach(r ->
                        reported.put(r.counterpartyId() + "/" + r.currency() + "/" + r.direction(), r.committed()));
        Map<String, String> restated = new LinkedHashMap<>();
        api.asRestated()
                .forEach(r ->
                        restated.put(r.counterpartyId() + "/" + r.currency() + "/" + r.direction(), r.committed()));
        assertThat(shownReported).containsAllEntriesOf(reported);
        assertThat(shownRestated).containsAllEntriesOf(restated);
        String other = example.otherCounterpartyId() + "/USD/PAYABLE";
        assertThat(new BigDecimal(shownRestated.get(other)).subtract(new BigDecimal(shownReported.get(other))))
                .isEqualByComparingTo("100000000.00");

        WebElement adjustment =
                browser.find("#adjustments tbody tr[data-position='" + postCloseAmendment.position() + "']");
        assertThat(adjustment.getAttribute("data-kind")).isEqualTo("backdated-amendment");
        assertThat(api.adjustments())
                .extracting(PeriodView.Adjustment::position)
                .containsExactly(postCloseAmendment.position());
        browser.screenshot("period");

        // The fact behind the adjustment, in its deal's history.
        adjustment.findElement(org.openqa.selenium.By.cssSelector("a")).click();
        assertThat(browser.url())
                .contains("/console/deals/console-read-of-other")
                .contains("#fact-");
        assertThat(browser.all("#history-table tbody tr[data-position='" + postCloseAmendment.position() + "']"))
                .hasSize(1);

        // Known at the close itself, nothing is restated and nothing adjusted.
        browser.open("/console/periods/" + CLOSED_PERIOD + "?knownAt=" + close.recordedAt());
        assertThat(browser.all("#adjustments tbody tr[data-position]")).isEmpty();
        assertThat(browser.text("#digest")).isEqualTo(api.digest());
    }

    private static String cellValue(WebElement row, String field, String side) {
        return row.findElement(
                        org.openqa.selenium.By.cssSelector("td[data-field=" + field + "][data-side=" + side + "]"))
                .getAttribute("data-value");
    }

    @Test
    @DisplayName("the exposure CSV the browser downloads parses and is the API's CSV, byte for byte")
    void csv_download_is_the_apis() {
        browser.open("/console/exposure?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        String downloaded = browser.download("#exposure-csv");
        String api = Api.given()
                .accept("text/csv")
                .queryParam("asOf", END_OF_2026.toString())
                .queryParam("knownAt", knownAt.toString())
                .queryParam("limit", 1000)
                .get("/api/v1/exposure")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(downloaded).isEqualTo(api);
        CsvTable table = CsvTable.parse(downloaded);
        assertThat(table.rows())
                .filteredOn(r -> r.get("counterpartyId").equals(example.counterpartyId()))
                .singleElement()
                .satisfies(r -> assertThat(r.get("committed")).isEqualTo("35450000000.00"));
    }

    @Test
    @DisplayName("the history CSV the browser downloads is the API's history CSV")
    void history_csv_is_the_apis() {
        browser.open("/console/deals/" + example.firstDeal() + "?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        String downloaded = browser.download("#history-csv");
        String api = Api.given()
                .accept("text/csv")
                .queryParam("knownAt", knownAt.toString())
                .queryParam("limit", 1000)
                .get("/api/v1/deals/" + example.firstDeal() + "/history")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(downloaded).isEqualTo(api);
        assertThat(CsvTable.parse(downloaded).rows())
                .hasSize(browser.all("#history-table tbody tr[data-position]").size());
    }

    @Test
    @DisplayName("verification shows the API's standing verdict, its whole pass, and the latest signed checkpoint")
    void verification_equals_the_api() {
        browser.open("/console/verification?dealId=" + example.firstDeal());
        var api = Reads.tree(Reads.getJson("/api/v1/verification/standing", Map.of()));
        assertThat(Long.parseLong(browser.text("#pass-head")))
                .isEqualTo(api.path("wholeLogPass").path("head").asLong());
        assertThat(browser.text("#pass-started-at"))
                .isEqualTo(api.path("wholeLogPass").path("startedAt").asText());
        assertVerdict(api);
        var deal = Reads.tree(Reads.getJson("/api/v1/deals/" + example.firstDeal() + "/verification", Map.of()));
        assertThat(browser.text("#deal-verdict"))
                .startsWith(
                        deal.path("ok").asBoolean()
                                ? "The chain of " + example.firstDeal() + " holds over "
                                        + deal.path("eventsChecked").asLong() + " facts."
                                : "The chain of " + example.firstDeal() + " is broken at position "
                                        + deal.path("firstBrokenPosition").asLong());
        browser.screenshot("verification");

        browser.open(browser.find("#whole-pass").getAttribute("href"));
        assertThat(browser.url()).contains("pass=whole");
        assertThat(browser.all("#pass-head")).isEmpty();
        assertVerdict(Reads.tree(Reads.getJson("/api/v1/verification", Map.of())));
    }

    private void assertVerdict(com.fasterxml.jackson.databind.JsonNode api) {
        // The test database's log is written by EventStoreWriter, not the command service, so the whole-log verdict
        // may be either: the console must show the API's, whichever it is.
        assertThat(browser.text("#verdict"))
                .isEqualTo(api.path("ok").asBoolean() ? "The hash chain holds." : "The hash chain is broken.");
        if (!api.path("ok").asBoolean()) {
            assertThat(Long.parseLong(browser.text("#first-bad")))
                    .isEqualTo(api.path("firstBadPosition").asLong());
        }
        assertThat(Long.parseLong(browser.text("#head")))
                .isEqualTo(api.path("head").asLong());
        assertThat(Long.parseLong(browser.text("#events-checked")))
                .isEqualTo(api.path("eventsChecked").asLong());
        if (api.path("latestCheckpoint").isObject()) {
            assertThat(Long.parseLong(browser.text("#checkpoint-position")))
                    .isEqualTo(api.path("latestCheckpoint").path("position").asLong());
        } else {
            assertThat(browser.text("#checkpoint")).isEqualTo("No checkpoint is stored yet.");
        }
    }

    @Test
    @DisplayName("the keyboard reaches the skip link first, and it leads into the view")
    void keyboard_first_stop_is_the_skip_link() {
        browser.open("/console/exposure?asOf=" + END_OF_2026 + "&knownAt=" + knownAt);
        browser.find("body").sendKeys(Keys.TAB);
        WebElement focused = browser.driver.switchTo().activeElement();
        assertThat(focused.getText()).isEqualTo("Skip to the view");
        focused.sendKeys(Keys.ENTER);
        assertThat(browser.url()).endsWith("#main");
    }

    private Map<String, Map<String, String>> totalsShown() {
        Map<String, Map<String, String>> shown = new LinkedHashMap<>();
        for (WebElement row : browser.all("#totals tbody tr[data-currency]")) {
            String currency = row.getAttribute("data-currency");
            shown.put(currency + "/" + row.getAttribute("data-direction"), figures(row, currency));
        }
        return shown;
    }

    private static Map<String, Map<String, String>> totalsOf(CounterpartyTotalsView view) {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        for (TotalsRowView r : view.totals()) {
            Map<String, String> f = new LinkedHashMap<>();
            f.put("committed", r.committed());
            f.put("elapsed", r.elapsed());
            f.put("remaining", r.remaining());
            f.put("potential", r.potential());
            f.put("exposure", r.exposure());
            f.put("concentration", r.concentration());
            f.put("deals", Long.toString(r.deals()));
            f.put("commitments", Long.toString(r.commitments()));
            f.put("optionsOpen", Long.toString(r.optionsOpen()));
            f.put("optionsExercised", Long.toString(r.optionsExercised()));
            f.put("amendments", Long.toString(r.amendments()));
            expected.put(r.currency() + "/" + r.direction(), f);
        }
        return expected;
    }

    /** The figures a table row shows, read back from its text as the API writes them. */
    private static Map<String, String> figures(WebElement row, String currency) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String field : MONEY) {
            f.put(field, cell(row, field, currency));
        }
        f.put(
                "concentration",
                row.findElement(org.openqa.selenium.By.cssSelector("td[data-field=concentration]"))
                        .getText());
        for (String field : COUNTS) {
            f.put(
                    field,
                    row.findElement(org.openqa.selenium.By.cssSelector("td[data-field=" + field + "]"))
                            .getText());
        }
        return f;
    }

    private static Map<String, String> figures(ExposureRowView r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("committed", r.committed());
        f.put("elapsed", r.elapsed());
        f.put("remaining", r.remaining());
        f.put("potential", r.potential());
        f.put("exposure", r.exposure());
        f.put("concentration", r.concentration());
        f.put("deals", Long.toString(r.deals()));
        f.put("commitments", Long.toString(r.commitments()));
        f.put("optionsOpen", Long.toString(r.optionsOpen()));
        f.put("optionsExercised", Long.toString(r.optionsExercised()));
        f.put("amendments", Long.toString(r.amendments()));
        return f;
    }

    private static String cell(WebElement row, String field, String currency) {
        return shownAmount(
                row.findElement(org.openqa.selenium.By.cssSelector("td[data-field=" + field + "]"))
                        .getText(),
                currency);
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
