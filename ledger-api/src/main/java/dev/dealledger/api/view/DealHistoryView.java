package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answer of GET /api/v1/deals/{dealId}/history: every fact of the deal in recorded order; paged. */
public record DealHistoryView(
        String dealId,
        LocalDate asOf,
        Instant knownAt,
        List<HistoryFactView> facts,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {}
