package dev.dealledger.api.view;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/** One recorded fact as an auditor reads it. */
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
        JsonNode payload) {}
