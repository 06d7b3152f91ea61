package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.query.testing.LedgerScript;
import java.time.Instant;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The example history of docs/domain.md ("Example history") under ids of the test's own, plus a fictional second
 * counterparty in the same market, so that concentration has something to compare with.
 *
 * @param beforeAmendment the knowledge instant after fact 3 and before the backdated amendment (fact 4)
 * @param afterAmendment the instant the amendment was recorded
 * @param amendmentPosition the amendment's position
 */
record TheExample(
        String counterpartyId,
        String firstDeal,
        String secondDeal,
        String otherCounterpartyId,
        Instant beforeAmendment,
        Instant afterAmendment,
        long amendmentPosition) {

    static final LocalDate END_OF_2026 = LocalDate.parse("2026-12-31");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})*(\\.\\d+)? [A-Z]{3}");

    static TheExample record(LedgerScript ledger, String prefix) {
        String cp = prefix + "-coreweave";
        String of2025 = prefix + "-of-2025-09";
        String of2026 = prefix + "-of-2026-04";
        String other = prefix + "-fictional";
        ledger.counterparty(cp, "CoreWeave (" + prefix + ")", date("2023-12-01"));
        ledger.agreement(prefix + "-msa-2023", cp, date("2023-12-01"));
        ledger.deal(of2025, prefix + "-msa-2023", Direction.PAYABLE, "USD", date("2025-09-30"), "8-K 2025-09-30");
        ledger.commitment(
                of2025,
                prefix + "-blackwell",
                "14200000000.00",
                date("2025-10-01"),
                date("2031-12-31"),
                "Nvidia Blackwell GPU capacity",
                date("2025-09-30"));
        ledger.option(
                of2025,
                prefix + "-expansion",
                "6000000000.00",
                date("2025-10-01"),
                date("2026-12-31"),
                date("2025-09-30"));
        ledger.deal(of2026, prefix + "-msa-2023", Direction.PAYABLE, "USD", date("2026-04-01"), "8-K 2026-04-01");
        ledger.commitment(
                of2026,
                prefix + "-vera-rubin",
                "15000000000.00",
                date("2026-07-01"),
                date("2032-12-31"),
                "Nvidia Vera Rubin GPU capacity",
                date("2026-04-01"));
        ledger.exercise(
                of2025,
                prefix + "-expansion",
                prefix + "-expansion-exercised",
                "6000000000.00",
                date("2026-07-01"),
                date("2032-12-31"),
                "Additional capacity",
                date("2026-04-01"));
        ledger.counterpartyWithDeal(other, prefix + "-of-other", Direction.PAYABLE, "USD", date("2025-01-01"));
        ledger.commitment(
                prefix + "-of-other",
                prefix + "-other-capacity",
                "1200000000.00",
                date("2025-01-01"),
                date("2029-12-31"),
                "Fictional capacity",
                date("2025-01-01"));
        Instant before = ledger.lastRecordedAt();
        var amendment = ledger.amend(
                of2025,
                prefix + "-blackwell",
                prefix + "-correction",
                "250000000.00",
                null,
                date("2026-01-01"),
                "Illustrative correction of the 2025 order form");
        ledger.awaitProjection();
        return new TheExample(cp, of2025, of2026, other, before, amendment.recordedAt(), amendment.position());
    }

    static LocalDate date(String value) {
        return LocalDate.parse(value);
    }

    /**
     * An amount as the console shows it ("35,450,000,000.00 USD") back as the API writes it ("35450000000.00"), after
     * checking that it is grouped by thousands and carries its currency.
     */
    static String shownAmount(String text, String currency) {
        assertThat(text).matches(GROUPED).endsWith(" " + currency);
        return text.substring(0, text.length() - currency.length() - 1).replace(",", "");
    }
}
