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
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A termination effective on T removes the installments due after T, from T on; before T nothing changes. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TerminationsTest {

    static final String CP = "term-cp";
    static final String DEAL = "term-deal";
    static final String CUT_DEAL = "term-deal-cut";

    @Inject
    EventStoreWriter writer;

    Instant beforeTermination;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.RECEIVABLE, "EUR", date("2024-12-01"));
        // 1,200.00 over 2025, 100.00 a month.
        ledger.commitment(DEAL, "mid", "1200.00", date("2025-01-01"), date("2025-12-31"), "mid", date("2024-12-01"));
        ledger.commitment(DEAL, "end", "1200.00", date("2025-01-01"), date("2025-12-31"), "end", date("2024-12-01"));
        // Amended effective 2025-10-01, recorded before the termination effective 2025-06-30 that cuts it off.
        ledger.counterpartyWithDeal("term-cp-cut", CUT_DEAL, Direction.RECEIVABLE, "EUR", date("2024-12-01"));
        ledger.commitment(
                CUT_DEAL, "cut", "1200.00", date("2025-01-01"), date("2025-12-31"), "cut", date("2024-12-01"));
        ledger.amend(CUT_DEAL, "cut", "cut-1", "300.00", date("2026-03-31"), date("2025-10-01"), "planned extension");
        beforeTermination = ledger.lastRecordedAt();
        ledger.terminate(CUT_DEAL, "cut", date("2025-06-30"), "cut short before the planned extension");
        ledger.terminate(DEAL, "mid", date("2025-06-15"), "ended mid-month");
        ledger.terminate(DEAL, "end", date("2025-06-30"), "ended on a month end");
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("an amendment effective after T, recorded before the termination, changes nothing from T on")
    void a_later_effective_amendment_recorded_earlier_changes_nothing_after_the_termination() {
        for (String asOf : new String[] {"2025-06-30", "2025-10-01", "2026-06-30"}) {
            DealView.Commitment cut = Rows.commitment(Reads.deal(CUT_DEAL, date(asOf), null), "cut");
            assertThat(cut.committed()).as("committed on %s", asOf).isEqualTo("600.00");
            assertThat(cut.elapsed()).as("elapsed on %s", asOf).isEqualTo("600.00");
            assertThat(cut.remaining()).as("remaining on %s", asOf).isEqualTo("0.00");
            assertThat(cut.termEnd()).as("term end on %s", asOf).isEqualTo(date("2025-12-31"));
        }
        // Before the termination was recorded, the same deal read with the amendment in force.
        DealView.Commitment known = Rows.commitment(Reads.deal(CUT_DEAL, date("2025-10-01"), beforeTermination), "cut");
        assertThat(known.committed()).isEqualTo("1500.00");
        assertThat(known.termEnd()).isEqualTo(date("2026-03-31"));
    }

    @Test
    @DisplayName("asOf before T reads as if the commitment were not terminated")
    void before_the_termination() {
        DealView view = Reads.deal(DEAL, date("2025-06-14"), null);
        DealView.Commitment mid = Rows.commitment(view, "mid");
        assertThat(mid.committed()).isEqualTo("1200.00");
        assertThat(mid.elapsed()).isEqualTo("500.00");
        assertThat(mid.remaining()).isEqualTo("700.00");
        assertThat(mid.terminatedOn()).isNull();
    }

    @Test
    @DisplayName("from T on, committed is what fell due on or before T and nothing remains")
    void on_and_after_the_termination() {
        // Installments due by 2025-06-15: Jan..May. June's (due 06-30) and later are removed.
        DealView.Commitment onT = Rows.commitment(Reads.deal(DEAL, date("2025-06-15"), null), "mid");
        assertThat(onT.committed()).isEqualTo("500.00");
        assertThat(onT.elapsed()).isEqualTo("500.00");
        assertThat(onT.remaining()).isEqualTo("0.00");
        assertThat(onT.terminatedOn()).isEqualTo(date("2025-06-15"));
        DealView.Commitment later = Rows.commitment(Reads.deal(DEAL, date("2026-01-01"), null), "mid");
        assertThat(later.committed()).isEqualTo("500.00");
        assertThat(later.elapsed()).isEqualTo("500.00");
    }

    @Test
    @DisplayName("a termination on a month end keeps that month's installment")
    void termination_on_a_month_end() {
        DealView.Commitment before = Rows.commitment(Reads.deal(DEAL, date("2025-06-29"), null), "end");
        assertThat(before.committed()).isEqualTo("1200.00");
        assertThat(before.remaining()).isEqualTo("700.00");
        DealView.Commitment onT = Rows.commitment(Reads.deal(DEAL, date("2025-06-30"), null), "end");
        assertThat(onT.committed()).isEqualTo("600.00");
        assertThat(onT.elapsed()).isEqualTo("600.00");
        assertThat(onT.remaining()).isEqualTo("0.00");
    }

    @Test
    @DisplayName("known before the termination was recorded, the full commitment still stands")
    void known_before_the_termination_was_recorded() {
        DealView.Commitment mid = Rows.commitment(Reads.deal(DEAL, date("2025-09-30"), beforeTermination), "mid");
        assertThat(mid.committed()).isEqualTo("1200.00");
        assertThat(mid.elapsed()).isEqualTo("900.00");
        assertThat(mid.terminatedOn()).isNull();
        TotalsRowView totals = Rows.only(Reads.totals(CP, date("2025-09-30"), beforeTermination));
        assertThat(totals.committed()).isEqualTo("2400.00");
        assertThat(totals.remaining()).isEqualTo("600.00");
        TotalsRowView now = Rows.only(Reads.totals(CP, date("2025-09-30"), null));
        assertThat(now.committed()).isEqualTo("1100.00");
        assertThat(now.remaining()).isEqualTo("0.00");
        assertThat(now.commitments()).isEqualTo(2);
        assertThat(now.currency()).isEqualTo("EUR");
        assertThat(now.direction()).isEqualTo(Direction.RECEIVABLE);
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
