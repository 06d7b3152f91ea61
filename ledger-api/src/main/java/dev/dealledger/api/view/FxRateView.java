package dev.dealledger.api.view;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Answer of GET /api/v1/fx-rates/{baseCurrency}/{quoteCurrency}: the rate in force at (asOf, knownAt), 1 base =
 * {@code rate} quote, and the fact it comes from ({@code position}, {@code recordedAt}, {@code rateDate},
 * {@code source}).
 */
public record FxRateView(
        String baseCurrency,
        String quoteCurrency,
        LocalDate asOf,
        Instant knownAt,
        String rate,
        LocalDate rateDate,
        String source,
        long position,
        Instant recordedAt) {}
