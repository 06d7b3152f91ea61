package dev.dealledger.demo;

import java.time.Instant;

/**
 * The command service's answer to a write (its {@code WriteReceipt}): the ids it touched, the aggregate version, the
 * instant the ledger recorded the fact and its global event position. A replayed write answers the original receipt.
 */
public record Receipt(
        String counterpartyId,
        String agreementId,
        String dealId,
        String commitmentId,
        String optionId,
        String amendmentId,
        long version,
        Instant recordedAt,
        long position) {

    Receipt atPosition(long headerPosition) {
        return new Receipt(
                counterpartyId,
                agreementId,
                dealId,
                commitmentId,
                optionId,
                amendmentId,
                version,
                recordedAt,
                headerPosition);
    }
}
