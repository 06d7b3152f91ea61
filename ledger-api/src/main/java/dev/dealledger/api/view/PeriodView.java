package dev.dealledger.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Direction;
import dev.dealledger.api.event.PeriodClosedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of GET /api/v1/periods/{periodEnd} (docs/domain.md, "Period close"). {@code asReported}: the exposure rows at
 * (asOf = periodEnd, knownAt = closedAt), as the close recorded them and never changed since; {@code recordedAt}: when
 * the close itself was recorded, the first knownAt at which the period reads as closed; {@code
 * digest}: SHA-256 over them in the encoding {@code digestEncoding} names. {@code asRestated}: the same rows at
 * (periodEnd, knownAt). {@code adjustments}: every fact recorded in (closedAt, knownAt] that moved a figure of the
 * closed period, with its own effect on each figure it moved; empty, with {@code adjustmentsOmitted} saying why, when
 * the window holds more facts than one read walks (docs/domain.md, "Period close"). {@code adjustmentsOmitted} is null
 * when every adjustment is listed.
 */
public record PeriodView(
        LocalDate periodEnd,
        Instant closedAt,
        Instant recordedAt,
        long position,
        String actor,
        String reason,
        String digestEncoding,
        String digest,
        Instant knownAt,
        List<Row> asReported,
        List<Row> asRestated,
        List<Adjustment> adjustments,
        String adjustmentsOmitted) {

    /** One counterparty's figures in one currency and direction, as the exposure table gives them. */
    public record Row(
            String counterpartyId,
            String currency,
            Direction direction,
            String committed,
            String elapsed,
            String remaining,
            String potential,
            String exposure,
            String concentration,
            long deals,
            long commitments,
            long optionsOpen,
            long optionsExercised,
            long amendments) {

        /** The row as a close recorded it: the same fields, so the same row. */
        public static Row of(PeriodClosedEvent.ReportedRow r) {
            return new Row(
                    r.counterpartyId(),
                    r.currency(),
                    r.direction(),
                    r.committed(),
                    r.elapsed(),
                    r.remaining(),
                    r.potential(),
                    r.exposure(),
                    r.concentration(),
                    r.deals(),
                    r.commitments(),
                    r.optionsOpen(),
                    r.optionsExercised(),
                    r.amendments());
        }
    }

    /**
     * A post-close adjustment: a fact recorded after the close, effective on or before the period end, that moved at
     * least one figure of the period. {@code kind} is a restatement cause kind ({@link CauseKind}, as seen from the
     * fact's own counterparty); {@code effects} its own step's effect on each figure it moved.
     */
    public record Adjustment(
            long position,
            String kind,
            String counterpartyId,
            String dealId,
            String eventType,
            LocalDate effectiveDate,
            Instant recordedAt,
            String actor,
            String reason,
            String sourceReference,
            JsonNode payload,
            List<Effect> effects) {}

    /** What one adjustment's own step changed in one figure, as a signed decimal string in the figure's own form. */
    public record Effect(String counterpartyId, String currency, Direction direction, String field, String effect) {}
}
