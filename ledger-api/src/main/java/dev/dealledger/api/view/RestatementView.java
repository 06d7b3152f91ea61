package dev.dealledger.api.view;

import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of GET /api/v1/restatements: for one counterparty at one asOf, every total that differs between knowledge
 * instants {@code from} and {@code to}, and the facts recorded in between that caused the difference.
 */
public record RestatementView(
        String counterpartyId,
        LocalDate asOf,
        Instant from,
        Instant to,
        Instant knownAt,
        List<Change> changes,
        List<HistoryFactView> causes) {

    /** One total that differs. */
    public record Change(String currency, Direction direction, String field, String before, String after) {}
}
