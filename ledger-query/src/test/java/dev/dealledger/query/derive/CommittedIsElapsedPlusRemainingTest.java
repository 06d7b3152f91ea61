package dev.dealledger.query.derive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.DealView;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import dev.dealledger.testkit.oracle.LedgerModel;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The key invariant of the read side (docs/domain.md, "Figures"): for every commitment at every date, committed = elapsed + remaining,
 * with neither part negative. Asserted over the deal view for many asOf dates and two knowledge instants, on a deal
 * with amendments (backdated, out of order, term changes), a termination and an exercised option.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedIsElapsedPlusRemainingTest {

    static final String CP = "invariant-cp";
    static final String DEAL = "invariant-deal";

    @Inject
    EventStoreWriter writer;

    LedgerScript ledger;
    Instant beforeBackdated;
    Instant afterAll;

    @BeforeAll
    void record() {
        ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(CP, DEAL, Direction.PAYABLE, "USD", date("2024-11-01"));
        ledger.commitment(DEAL, "a", "999999.99", date("2024-11-20"), date("2027-02-10"), "a", date("2024-11-01"));
        ledger.commitment(DEAL, "b", "100.01", date("2025-02-01"), date("2025-02-28"), "b", date("2024-11-01"));
        ledger.commitment(DEAL, "c", "7777.77", date("2025-01-31"), date("2026-01-01"), "c", date("2025-01-15"));
        ledger.option(DEAL, "o", "5000.00", date("2025-03-01"), date("2025-09-30"), date("2024-11-01"));
        ledger.amend(DEAL, "a", "a-1", "1234.56", null, date("2025-06-17"), "increase");
        ledger.amend(DEAL, "a", "a-3", "-5000.03", date("2026-08-31"), date("2025-12-31"), "decrease and shorten");
        ledger.amend(DEAL, "c", "c-1", "0.00", date("2026-12-31"), date("2025-07-31"), "extend");
        beforeBackdated = ledger.lastRecordedAt();
        ledger.amend(DEAL, "a", "a-2", "333.33", null, date("2025-09-01"), "backdated between a-1 and a-3");
        ledger.amend(DEAL, "a", "a-0", "10.00", null, date("2025-06-17"), "same date as a-1, recorded later");
        ledger.exercise(DEAL, "o", "d", "4321.09", date("2025-05-01"), date("2026-04-30"), "d", date("2025-04-10"));
        ledger.terminate(DEAL, "c", date("2026-03-15"), "terminated");
        afterAll = ledger.lastRecordedAt();
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("committed = elapsed + remaining for every commitment, at every month end, mid-month and random day")
    void invariant_holds_everywhere() {
        List<LocalDate> dates = dates();
        int checked = 0;
        for (Instant knownAt : List.of(beforeBackdated, afterAll)) {
            for (LocalDate asOf : dates) {
                DealView view = Reads.deal(DEAL, asOf, knownAt);
                for (DealView.Commitment c : view.commitments()) {
                    BigDecimal committed = new BigDecimal(c.committed());
                    BigDecimal elapsed = new BigDecimal(c.elapsed());
                    BigDecimal remaining = new BigDecimal(c.remaining());
                    String where = c.commitmentId() + " at " + asOf + " / " + knownAt;
                    assertThat(elapsed.add(remaining)).as(where).isEqualByComparingTo(committed);
                    assertThat(elapsed.signum()).as(where).isNotNegative();
                    assertThat(remaining.signum()).as(where).isNotNegative();
                    assertThat(committed.scale()).as(where).isEqualTo(2);
                    checked++;
                }
            }
        }
        // 4 commitments visible for most of the range: the sweep must really have looked at them.
        assertThat(checked).isGreaterThan(dates.size() * 3);
    }

    @Test
    @DisplayName("each commitment's figures agree with the independent model on the same dates")
    void figures_agree_with_the_model() {
        LedgerModel model = ledger.model();
        for (Instant knownAt : List.of(beforeBackdated, afterAll)) {
            for (LocalDate asOf : dates()) {
                DealView view = Reads.deal(DEAL, asOf, knownAt);
                List<String> shown = new ArrayList<>();
                for (DealView.Commitment c : view.commitments()) {
                    shown.add(c.commitmentId());
                    LedgerModel.CommitmentState s = model.commitment(DEAL, c.commitmentId(), asOf, knownAt)
                            .orElseThrow();
                    assertThat(List.of(c.committed(), c.elapsed(), c.remaining()))
                            .as("%s at %s / %s", c.commitmentId(), asOf, knownAt)
                            .containsExactly(
                                    LedgerModel.money(s.committedMinor(), "USD"),
                                    LedgerModel.money(s.elapsedMinor(), "USD"),
                                    LedgerModel.money(s.remainingMinor(), "USD"));
                    assertThat(c.termEnd()).isEqualTo(s.termEnd());
                    assertThat(c.terminatedOn()).isEqualTo(s.terminatedOn());
                    assertThat(c.amendments()).isEqualTo(s.amendments());
                }
                List<String> expected = model.commitments().stream()
                        .filter(c -> c.dealId().equals(DEAL))
                        .map(LedgerModel.Commitment::commitmentId)
                        .filter(id -> model.commitment(DEAL, id, asOf, knownAt).isPresent())
                        .toList();
                assertThat(shown)
                        .as("commitments at %s / %s", asOf, knownAt)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** Month ends and the 15th, from before the first term to after the last, and 30 seeded random days. */
    static List<LocalDate> dates() {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (LocalDate d = date("2024-10-01"); d.isBefore(date("2027-05-01")); d = d.plusMonths(1)) {
            dates.add(d.withDayOfMonth(15));
            dates.add(d.withDayOfMonth(d.lengthOfMonth()));
        }
        Random random = new Random(20260401L);
        for (int i = 0; i < 30; i++) {
            dates.add(date("2024-10-01").plusDays(random.nextInt(940)));
        }
        return List.copyOf(dates);
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
