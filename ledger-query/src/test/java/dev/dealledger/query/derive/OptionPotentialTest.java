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

/**
 * An option counts its maximum as potential from its effective date until it is exercised (effective on or before
 * asOf) or expires (expiresOn before asOf).
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OptionPotentialTest {

    static final String EXPIRING = "opt-expiring";
    static final String EXERCISED = "opt-exercised";

    @Inject
    EventStoreWriter writer;

    Instant beforeExercise;

    @BeforeAll
    void record() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal(EXPIRING, "exp-deal", Direction.PAYABLE, "USD", date("2024-12-01"));
        ledger.option("exp-deal", "exp", "500.00", date("2025-01-01"), date("2025-06-30"), date("2025-01-01"));
        ledger.counterpartyWithDeal(EXERCISED, "ex-deal", Direction.PAYABLE, "USD", date("2024-12-01"));
        ledger.option("ex-deal", "ex", "1000.00", date("2025-03-01"), date("2025-12-31"), date("2025-01-01"));
        beforeExercise = ledger.lastRecordedAt();
        // 600.00 of the 1,000.00 exercised on 2025-03-15, over 2025-04..2025-09: 100.00 a month; 400.00 lapses.
        ledger.exercise(
                "ex-deal",
                "ex",
                "ex-commitment",
                "600.00",
                date("2025-04-01"),
                date("2025-09-30"),
                "exercised",
                date("2025-03-15"));
        ledger.awaitProjection();
    }

    @Test
    @DisplayName("before its effective date an option is not counted")
    void before_the_option_holds() {
        TotalsRowView row = Rows.only(Reads.totals(EXPIRING, date("2024-12-31"), null));
        assertThat(row.deals()).isEqualTo(1);
        assertThat(row.potential()).isEqualTo("0.00");
        assertThat(row.optionsOpen()).isZero();
        assertThat(Reads.deal("exp-deal", date("2024-12-31"), null).options()).isEmpty();
    }

    @Test
    @DisplayName("an option is open through its expiry date and counts nothing the day after")
    void expiry() {
        TotalsRowView onExpiry = Rows.only(Reads.totals(EXPIRING, date("2025-06-30"), null));
        assertThat(onExpiry.potential()).isEqualTo("500.00");
        assertThat(onExpiry.exposure()).isEqualTo("500.00");
        assertThat(onExpiry.optionsOpen()).isEqualTo(1);
        assertThat(Rows.option(Reads.deal("exp-deal", date("2025-06-30"), null), "exp")
                        .status())
                .isEqualTo(DealView.OptionStatus.OPEN);

        TotalsRowView after = Rows.only(Reads.totals(EXPIRING, date("2025-07-01"), null));
        assertThat(after.potential()).isEqualTo("0.00");
        assertThat(after.exposure()).isEqualTo("0.00");
        assertThat(after.optionsOpen()).isZero();
        assertThat(after.optionsExercised()).isZero();
        DealView.Option expired = Rows.option(Reads.deal("exp-deal", date("2025-07-01"), null), "exp");
        assertThat(expired.status()).isEqualTo(DealView.OptionStatus.EXPIRED);
        assertThat(expired.potential()).isEqualTo("0.00");
        assertThat(expired.maxAmount()).isEqualTo("500.00");
    }

    @Test
    @DisplayName("the day before its exercise an option is open; from the exercise on it is a commitment")
    void exercise() {
        TotalsRowView before = Rows.only(Reads.totals(EXERCISED, date("2025-03-14"), null));
        assertThat(before.potential()).isEqualTo("1000.00");
        assertThat(before.optionsOpen()).isEqualTo(1);
        assertThat(before.optionsExercised()).isZero();
        assertThat(before.commitments()).isZero();
        assertThat(before.committed()).isEqualTo("0.00");

        TotalsRowView on = Rows.only(Reads.totals(EXERCISED, date("2025-03-15"), null));
        assertThat(on.potential()).isEqualTo("0.00");
        assertThat(on.optionsOpen()).isZero();
        assertThat(on.optionsExercised()).isEqualTo(1);
        assertThat(on.commitments()).isEqualTo(1);
        assertThat(on.committed()).isEqualTo("600.00");
        assertThat(on.elapsed()).isEqualTo("0.00");
        assertThat(on.remaining()).isEqualTo("600.00");
        assertThat(on.exposure()).isEqualTo("600.00");

        TotalsRowView may = Rows.only(Reads.totals(EXERCISED, date("2025-05-31"), null));
        assertThat(may.elapsed()).isEqualTo("200.00");
        assertThat(may.remaining()).isEqualTo("400.00");

        DealView view = Reads.deal("ex-deal", date("2025-03-15"), null);
        DealView.Option option = Rows.option(view, "ex");
        assertThat(option.status()).isEqualTo(DealView.OptionStatus.EXERCISED);
        assertThat(option.exercisedAs()).isEqualTo("ex-commitment");
        assertThat(option.potential()).isEqualTo("0.00");
        DealView.Commitment commitment = Rows.commitment(view, "ex-commitment");
        assertThat(commitment.fromOptionId()).isEqualTo("ex");
        assertThat(commitment.effectiveDate()).isEqualTo(date("2025-03-15"));
    }

    @Test
    @DisplayName("known before the exercise was recorded, the option is still open after its exercise date")
    void known_before_the_exercise() {
        TotalsRowView row = Rows.only(Reads.totals(EXERCISED, date("2025-05-31"), beforeExercise));
        assertThat(row.potential()).isEqualTo("1000.00");
        assertThat(row.optionsOpen()).isEqualTo(1);
        assertThat(row.commitments()).isZero();
        // And after its expiry, unexercised as then known, it counts nothing.
        TotalsRowView expired = Rows.only(Reads.totals(EXERCISED, date("2026-01-01"), beforeExercise));
        assertThat(expired.potential()).isEqualTo("0.00");
        assertThat(expired.optionsOpen()).isZero();
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }
}
