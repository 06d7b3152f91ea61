package dev.dealledger.api.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answer of GET /api/v1/counterparties/{counterpartyId}/totals. */
public record CounterpartyTotalsView(
        String counterpartyId, String legalName, LocalDate asOf, Instant knownAt, List<TotalsRowView> totals) {}
