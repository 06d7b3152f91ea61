package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** Answer of GET /api/v1/exposure: one row per counterparty, currency and direction; paged. */
public record ExposureView(
        LocalDate asOf,
        Instant knownAt,
        List<ExposureRowView> rows,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {}
