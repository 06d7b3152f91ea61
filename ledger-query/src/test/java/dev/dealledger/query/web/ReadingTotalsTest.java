package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.ScheduleView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.query.testing.Rows;
import dev.dealledger.testkit.oracle.LedgerModel;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** GET /api/v1/counterparties/{id}/totals and /schedule: per currency and direction, on both time axes. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadingTotalsTest {

    static final String CP = "totals-cp";

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    Instant afterUsd;
    Instant afterAll;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, "totals-usd", Direction.PAYABLE, "USD", date("2025-01-01"));
        ledger.commitment(
                "totals-usd", "u1", "1200.00", date("2025-01-01"), date("2025-12-31"), "u1", date("2025-01-01"));
        ledger.option("totals-usd", "uo", "250.00", date("2025-01-01"), date("2025-12-31"), date("2025-01-01"));
        afterUsd = ledger.lastRecordedAt();
        ledger.deal("totals-eur", "msa-" + CP, Direction.PAYABLE, "EUR", date("2025-02-01"), "ref-eur");
        ledger.commitment(
                "totals-eur", "e1", "600.00", date("2025-03-01"), date("2025-08-31"), "e1", date("2025-02-01"));
        ledger.deal("totals-sell", "msa-" + CP, Direction.RECEIVABLE, "USD", date("2025-02-01"), "ref-sell");
        ledger.commitment(
                "totals-sell", "s1", "300.00", date("2025-01-01"), date("2025-03-31"), "s1", date("2025-02-01"));
        afterAll = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("totals are grouped by currency and direction and never mixed across them")
    void grouped_by_currency_and_direction() {
        CounterpartyTotalsView view = Reads.totals(CP, date("2025-03-31"), afterAll);
        assertThat(view.counterpartyId()).isEqualTo(CP);
        assertThat(view.legalName()).isEqualTo("Fictional " + CP);
        assertThat(view.totals())
                .extracting(TotalsRowView::currency, TotalsRowView::direction)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("USD", Direction.PAYABLE),
                        org.assertj.core.groups.Tuple.tuple("USD", Direction.RECEIVABLE),
                        org.assertj.core.groups.Tuple.tuple("EUR", Direction.PAYABLE));
        LedgerModel model = ledger.model();
        assertThat(view.totals().stream().map(Rows::withoutConcentration).toList())
                .containsExactlyInAnyOrderElementsOf(model.totalsOf(CP, date("2025-03-31"), afterAll).stream()
                        .map(Rows::withoutConcentration)
                        .toList());
        // By hand: USD payable 1,200.00 over 2025, three months elapsed; option 250.00 open.
        TotalsRowView usd = row(view, "USD", Direction.PAYABLE);
        assertThat(usd.committed()).isEqualTo("1200.00");
        assertThat(usd.elapsed()).isEqualTo("300.00");
        assertThat(usd.remaining()).isEqualTo("900.00");
        assertThat(usd.potential()).isEqualTo("250.00");
        assertThat(usd.exposure()).isEqualTo("1150.00");
        assertThat(usd.optionsOpen()).isEqualTo(1);
        // EUR: 600.00 over Mar..Aug, March elapsed.
        TotalsRowView eur = row(view, "EUR", Direction.PAYABLE);
        assertThat(eur.elapsed()).isEqualTo("100.00");
        assertThat(eur.remaining()).isEqualTo("500.00");
        // Receivable USD is its own row: all three months due by 03-31.
        TotalsRowView sell = row(view, "USD", Direction.RECEIVABLE);
        assertThat(sell.remaining()).isEqualTo("0.00");
        assertThat(sell.elapsed()).isEqualTo("300.00");
    }

    @Test
    @DisplayName("knownAt hides facts recorded later; asOf hides facts effective later; both are echoed")
    void both_axes_honoured_and_echoed() {
        CounterpartyTotalsView earlier = Reads.totals(CP, date("2025-03-31"), afterUsd);
        assertThat(earlier.asOf()).isEqualTo(date("2025-03-31"));
        assertThat(earlier.knownAt()).isEqualTo(afterUsd);
        assertThat(earlier.totals())
                .singleElement()
                .satisfies(r -> assertThat(r.currency()).isEqualTo("USD"));
        CounterpartyTotalsView january = Reads.totals(CP, date("2025-01-31"), afterAll);
        // The EUR and receivable deals are signed 2025-02-01: not yet effective on 2025-01-31.
        assertThat(january.totals()).singleElement().satisfies(r -> {
            assertThat(r.direction()).isEqualTo(Direction.PAYABLE);
            assertThat(r.currency()).isEqualTo("USD");
            assertThat(r.elapsed()).isEqualTo("100.00");
        });
    }

    @Test
    @DisplayName("without asOf and knownAt the answer is for today and the newest settled knowledge, and says so")
    void defaults_are_today_and_now() {
        LocalDate todayBefore = LocalDate.now(ZoneOffset.UTC);
        CounterpartyTotalsView view = Reads.totals(CP, null, null);
        LocalDate todayAfter = LocalDate.now(ZoneOffset.UTC);
        assertThat(view.asOf()).isBetween(todayBefore, todayAfter);
        // Not the clock's now, which a write committing meanwhile could still precede (docs/domain.md, "Settled
        // knowledge"): the instant of the newest fact the read models hold with everything before it, at least this
        // class's last one.
        assertThat(view.knownAt()).isBetween(ledger.lastRecordedAt(), writer.lastRecordedAt());
        assertThat(view.totals()).hasSize(3);
    }

    @Test
    @DisplayName("money is a JSON string at the currency's minor-unit scale; counts are numbers")
    void json_shape() {
        String json = Reads.getJson("/api/v1/counterparties/" + CP + "/totals", Reads.at(date("2025-03-31"), null));
        JsonNode root = Reads.tree(json);
        assertThat(root.path("asOf").asText()).isEqualTo("2025-03-31");
        assertThat(root.path("knownAt").asText()).endsWith("Z");
        for (JsonNode row : root.path("totals")) {
            for (String money : List.of("committed", "elapsed", "remaining", "potential", "exposure")) {
                assertThat(row.path(money).isTextual()).as(money).isTrue();
                assertThat(new BigDecimal(row.path(money).asText()).scale())
                        .as(money)
                        .isEqualTo(2);
            }
            assertThat(row.path("concentration").isTextual()).isTrue();
            assertThat(new BigDecimal(row.path("concentration").asText()).scale())
                    .isEqualTo(6);
            for (String count : List.of("deals", "commitments", "optionsOpen", "optionsExercised", "amendments")) {
                assertThat(row.path(count).isIntegralNumber()).as(count).isTrue();
            }
            assertThat(row.path("currency").asText()).matches("[A-Z]{3}");
            assertThat(row.path("direction").asText()).isIn("PAYABLE", "RECEIVABLE");
        }
    }

    @Test
    @DisplayName("the schedule gives remaining by calendar year per currency and direction, and echoes both axes")
    void schedule() {
        ScheduleView view = Reads.schedule(CP, date("2025-03-31"), afterAll);
        assertThat(view.counterpartyId()).isEqualTo(CP);
        assertThat(view.asOf()).isEqualTo(date("2025-03-31"));
        assertThat(view.knownAt()).isEqualTo(afterAll);
        Map<String, String> byMarketAndYear = new java.util.TreeMap<>();
        view.rows().forEach(r -> {
            if (new BigDecimal(r.remaining()).signum() != 0) {
                byMarketAndYear.put(r.currency() + "/" + r.direction() + "/" + r.year(), r.remaining());
            }
        });
        assertThat(byMarketAndYear)
                .containsExactlyEntriesOf(
                        new java.util.TreeMap<>(Map.of("EUR/PAYABLE/2025", "500.00", "USD/PAYABLE/2025", "900.00")));
        String json = Reads.getJson("/api/v1/counterparties/" + CP + "/schedule", Reads.at(date("2025-03-31"), null));
        JsonNode first = Reads.tree(json).path("rows").get(0);
        assertThat(first.path("remaining").isTextual()).isTrue();
        assertThat(first.path("year").isIntegralNumber()).isTrue();
    }

    private static TotalsRowView row(CounterpartyTotalsView view, String currency, Direction direction) {
        return view.totals().stream()
                .filter(r -> r.currency().equals(currency) && r.direction() == direction)
                .findFirst()
                .orElseThrow();
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
