package dev.dealledger.api.view;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A row's figures converted to the reporting currency of the read (docs/domain.md, "Reporting currency"): each total
 * converted on its own, rounded half-even to the reporting currency's minor unit once. {@code concentration} is the
 * row's converted remaining as a share of the converted remaining of every row of its direction, in every currency.
 * A schedule row carries {@code currency} and {@code remaining} only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportingView(
        String currency,
        String committed,
        String elapsed,
        String remaining,
        String potential,
        String exposure,
        String concentration) {

    /** The reporting form of one schedule year: its remaining only. */
    public static ReportingView remainingOnly(String currency, String remaining) {
        return new ReportingView(currency, null, null, remaining, null, null, null);
    }
}
