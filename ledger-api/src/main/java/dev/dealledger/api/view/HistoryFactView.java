package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One recorded fact as an auditor reads it. {@code postCloseAdjustment}: when the fact was recorded after a period
 * close and is effective on or before that period's end, the end of the earliest such period (docs/domain.md, "Period
 * close"); null otherwise.
 */
public record HistoryFactView(
        long position,
        String dealId,
        String eventType,
        LocalDate effectiveDate,
        Instant recordedAt,
        String actor,
        String reason,
        String sourceReference,
        String sourceDocumentSha256,
        JsonNode payload,
        LocalDate postCloseAdjustment) {

    /** The canonical constructor is the one JSON binds to (a client reading an answer). */
    @JsonCreator
    public HistoryFactView {}

    /** A fact that adjusts no closed period. */
    public HistoryFactView(
            long position,
            String dealId,
            String eventType,
            LocalDate effectiveDate,
            Instant recordedAt,
            String actor,
            String reason,
            String sourceReference,
            String sourceDocumentSha256,
            JsonNode payload) {
        this(
                position,
                dealId,
                eventType,
                effectiveDate,
                recordedAt,
                actor,
                reason,
                sourceReference,
                sourceDocumentSha256,
                payload,
                null);
    }
}
