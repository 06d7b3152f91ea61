package dev.dealledger.api.view;

import dev.dealledger.api.Direction;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Answer of GET /api/v1/disclosures/obligations: the remaining installments of one direction at (asOf, knownAt) in the
 * two disclosure shapes of docs/domain.md ("Financial reporting"), one row per currency. In each row the five fiscal
 * years and {@code thereafter} add up to {@code total}, and so do the four bands; {@code total} is the remaining of
 * every matching counterparty in that currency and direction.
 *
 * @param counterpartyId the one counterparty disclosed, or null for all
 * @param currency the one currency disclosed, or null for all
 * @param fiscalYearEnd the month-day fiscal years end on, as {@code MM-DD}
 * @param reportingCurrency the currency every currency was converted into, one row; null for a row per currency
 */
public record DisclosureView(
        Direction direction,
        String counterpartyId,
        String currency,
        LocalDate asOf,
        Instant knownAt,
        String fiscalYearEnd,
        List<Row> rows,
        String reportingCurrency) {

    /** One currency's disclosure. */
    public record Row(
            String currency, List<FiscalYearAmount> fiscalYears, String thereafter, Bands bands, String total) {}

    /** What falls due in one fiscal year, named by the calendar year it ends in. */
    public record FiscalYearAmount(int fiscalYear, String amount) {}

    /** What falls due in each time band from asOf, each band closed at its far end. */
    public record Bands(String withinOneYear, String oneToThreeYears, String threeToFiveYears, String afterFiveYears) {}
}
