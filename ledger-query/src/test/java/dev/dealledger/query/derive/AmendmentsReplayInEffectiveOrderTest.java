package dev.dealledger.query.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DealView;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Amendments keep what has fallen due and re-spread the rest; they apply in effective-date order, so a backdated
 * amendment that lands between two earlier ones changes the later one's re-spread. Hand derivations in comments.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AmendmentsReplayInEffectiveOrderTest {

    static final String CP = "amend-cp";
    static final String DEAL = "amend-deal";

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    Instant afterFirstTwo;
    Instant afterAll;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.PAYABLE, "USD", date("2024-12-01"));
        // Three commitments of 1,200.00 over 2025: 100.00 a month each.
        for (String id : List.of("month-end", "day-before", "between")) {
            ledger.commitment(DEAL, id, "1200.00", date("2025-01-01"), date("2025-12-31"), id, date("2024-12-01"));
        }
        ledger.amend(DEAL, "month-end", "me-1", "300.00", null, date("2025-03-31"), "on a month end");
        ledger.amend(DEAL, "day-before", "db-1", "300.00", null, date("2025-03-30"), "the day before");
        // Recorded in the order 1, 3, 2: amendment 2 is backdated between the other two.
        ledger.amend(DEAL, "between", "b-1", "120.00", null, date("2025-02-15"), "first");
        ledger.amend(DEAL, "between", "b-3", "-100.00", null, date("2025-08-31"), "third by date");
        afterFirstTwo = ledger.lastRecordedAt();
        ledger.amend(DEAL, "between", "b-2", "90.00", null, date("2025-05-31"), "backdated, lands between");
        // A term change without an amount change, and a shortening one.
        ledger.commitment(DEAL, "extend", "1200.00", date("2025-01-01"), date("2025-12-31"), "x", date("2024-12-01"));
        ledger.amend(DEAL, "extend", "x-1", "0.00", date("2026-06-30"), date("2025-06-30"), "extend the term");
        ledger.commitment(DEAL, "shorten", "1200.00", date("2025-01-01"), date("2025-12-31"), "s", date("2024-12-01"));
        ledger.amend(DEAL, "shorten", "s-1", "-300.00", date("2025-09-15"), date("2025-06-30"), "shorten");
        afterAll = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("an amendment on a month end keeps that month's installment")
    void amendment_on_a_month_end() {
        // Jan..Mar (300.00) stay; 1,500.00 - 300.00 = 1,200.00 over Apr..Dec: 133.33 x 8 and 133.36.
        DealView.Commitment april = Rows.commitment(Reads.deal(DEAL, date("2025-04-30"), null), "month-end");
        assertThat(april.committed()).isEqualTo("1500.00");
        assertThat(april.elapsed()).isEqualTo("433.33");
        assertThat(april.remaining()).isEqualTo("1066.67");
        assertThat(april.amendments()).isEqualTo(1);
        DealView.Commitment march = Rows.commitment(Reads.deal(DEAL, date("2025-03-31"), null), "month-end");
        assertThat(march.elapsed()).isEqualTo("300.00");
        // The day before the amendment it does not apply yet.
        DealView.Commitment before = Rows.commitment(Reads.deal(DEAL, date("2025-03-30"), null), "month-end");
        assertThat(before.committed()).isEqualTo("1200.00");
        assertThat(before.amendments()).isZero();
    }

    @Test
    @DisplayName("an amendment the day before a month end re-spreads that month too")
    void amendment_the_day_before() {
        // Jan..Feb (200.00) stay; 1,300.00 over Mar..Dec: 130.00 a month.
        DealView.Commitment march = Rows.commitment(Reads.deal(DEAL, date("2025-03-31"), null), "day-before");
        assertThat(march.committed()).isEqualTo("1500.00");
        assertThat(march.elapsed()).isEqualTo("330.00");
        assertThat(march.remaining()).isEqualTo("1170.00");
    }

    @Test
    @DisplayName("a backdated amendment landing between two earlier ones is replayed in effective-date order")
    void backdated_amendment_between_two_earlier_ones() {
        // Known before the backdated one: b-1 (02-15, +120) then b-3 (08-31, -100).
        //   b-1: Jan 100.00 stays; 1,220.00 over Feb..Dec: 110.90 x 10 and 111.00.
        //   b-3: Jan..Aug = 100.00 + 7 x 110.90 = 876.30 stay; 1,220.00 - 876.30 = 343.70 over Sep..Dec: 85.92 x 3,
        // 85.94.
        DealView.Commitment before = Rows.commitment(Reads.deal(DEAL, date("2025-09-30"), afterFirstTwo), "between");
        assertThat(before.committed()).isEqualTo("1220.00");
        assertThat(before.elapsed()).isEqualTo("962.22");
        assertThat(before.remaining()).isEqualTo("257.78");
        assertThat(before.amendments()).isEqualTo(2);
        // Known after: b-1, then b-2 (05-31, +90), then b-3.
        //   b-2: Jan..May = 100.00 + 4 x 110.90 = 543.60 stay; 1,410.00 - 543.60 = 866.40 over Jun..Dec: 123.77 x 6,
        // 123.78.
        //   b-3: Jan..Aug = 543.60 + 3 x 123.77 = 914.91 stay; 1,310.00 - 914.91 = 395.09 over Sep..Dec: 98.77 x 3,
        // 98.78.
        DealView.Commitment after = Rows.commitment(Reads.deal(DEAL, date("2025-09-30"), afterAll), "between");
        assertThat(after.committed()).isEqualTo("1310.00");
        assertThat(after.elapsed()).isEqualTo("1013.68");
        assertThat(after.remaining()).isEqualTo("296.32");
        assertThat(after.amendments()).isEqualTo(3);
        // As of 2025-06-30 only b-1 and b-2 are effective: Jan..May 543.60 and June's 123.77.
        DealView.Commitment june = Rows.commitment(Reads.deal(DEAL, date("2025-06-30"), afterAll), "between");
        assertThat(june.committed()).isEqualTo("1410.00");
        assertThat(june.elapsed()).isEqualTo("667.37");
        assertThat(june.amendments()).isEqualTo(2);
    }

    @Test
    @DisplayName("a new term end spreads what is left over the changed number of months")
    void term_changes() {
        // Extend from 2025-06-30 to 2026-06-30: Jan..Jun (600.00) stay; 600.00 over Jul 2025..Jun 2026 = 50.00 a month.
        DealView.Commitment extended = Rows.commitment(Reads.deal(DEAL, date("2025-07-31"), null), "extend");
        assertThat(extended.termEnd()).isEqualTo(date("2026-06-30"));
        assertThat(extended.committed()).isEqualTo("1200.00");
        assertThat(extended.elapsed()).isEqualTo("650.00");
        DealView.Commitment notYet = Rows.commitment(Reads.deal(DEAL, date("2025-06-29"), null), "extend");
        assertThat(notYet.termEnd()).isEqualTo(date("2025-12-31"));
        // Shorten to 2025-09-15 with -300.00: Jan..Jun (600.00) stay; 300.00 over Jul..Sep = 100.00 a month.
        DealView.Commitment shortened = Rows.commitment(Reads.deal(DEAL, date("2025-12-31"), null), "shorten");
        assertThat(shortened.termEnd()).isEqualTo(date("2025-09-15"));
        assertThat(shortened.committed()).isEqualTo("900.00");
        assertThat(shortened.elapsed()).isEqualTo("900.00");
        assertThat(shortened.remaining()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("every commitment matches the model at every month end, before and after the backdated amendment")
    void every_commitment_matches_the_model() {
        LedgerModel model = ledger.model();
        for (Instant knownAt : List.of(afterFirstTwo, afterAll)) {
            for (LocalDate asOf = date("2024-12-31"); asOf.isBefore(date("2026-08-01")); asOf = nextMonthEnd(asOf)) {
                DealView view = Reads.deal(DEAL, asOf, knownAt);
                for (DealView.Commitment c : view.commitments()) {
                    LedgerModel.CommitmentState s = model.commitment(DEAL, c.commitmentId(), asOf, knownAt)
                            .orElseThrow();
                    assertThat(List.of(c.committed(), c.elapsed(), c.remaining()))
                            .as("%s at %s / %s", c.commitmentId(), asOf, knownAt)
                            .containsExactly(
                                    LedgerModel.money(s.committedMinor(), "USD"),
                                    LedgerModel.money(s.elapsedMinor(), "USD"),
                                    LedgerModel.money(s.remainingMinor(), "USD"));
                }
            }
        }
        TotalsRowView total = Rows.only(Reads.totals(CP, date("2025-09-30"), afterAll));
        assertThat(Rows.withoutConcentration(total))
                .isEqualTo(Rows.withoutConcentration(model.totals(date("2025-09-30"), afterAll)
                        .get(new LedgerModel.RowKey(CP, "USD", Direction.PAYABLE))));
        assertThat(total.amendments()).isEqualTo(7);
    }

    static LocalDate nextMonthEnd(LocalDate monthEnd) {
        return monthEnd.plusDays(1).plusMonths(1).minusDays(1);
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
