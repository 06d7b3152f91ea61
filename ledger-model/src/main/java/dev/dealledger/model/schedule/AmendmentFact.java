package dev.dealledger.model.schedule;

import java.time.LocalDate;

/**
 * One amendment as the arithmetic needs it. {@code recordedOrder} breaks ties between amendments with the same
 * effective date: they apply in the order the ledger recorded them (its global event position on the read side, the
 * aggregate sequence on the write side).
 *
 * @param amountDeltaMinor signed change of the committed amount in minor units; 0 when only the term changes
 * @param newTermEnd the new term end, or {@code null} to keep the current one
 */
public record AmendmentFact(
        String amendmentId, LocalDate effectiveDate, long recordedOrder, long amountDeltaMinor, LocalDate newTermEnd) {}
