package dev.dealledger.api.view;

import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answer of GET /api/v1/deals/{dealId}: the deal as of (asOf, knownAt), with derived amounts. */
public record DealView(
        String dealId,
        String agreementId,
        String counterpartyId,
        Direction direction,
        String currency,
        String title,
        LocalDate signedOn,
        String sourceReference,
        String sourceDocumentSha256,
        LocalDate asOf,
        Instant knownAt,
        List<Commitment> commitments,
        List<Option> options) {

    /** A commitment with its numbers at asOf; {@code termEnd} is the one in effect then. */
    public record Commitment(
            String commitmentId,
            String resource,
            LocalDate termStart,
            LocalDate termEnd,
            LocalDate effectiveDate,
            String committed,
            String elapsed,
            String remaining,
            long amendments,
            LocalDate terminatedOn,
            String fromOptionId) {}

    /** An option with its status and potential at asOf. */
    public record Option(
            String optionId,
            String maxAmount,
            LocalDate exercisableFrom,
            LocalDate expiresOn,
            LocalDate effectiveDate,
            OptionStatus status,
            String potential,
            String exercisedAs) {}

    /** Where an option stands at asOf. */
    public enum OptionStatus {
        OPEN,
        EXERCISED,
        EXPIRED
    }
}
