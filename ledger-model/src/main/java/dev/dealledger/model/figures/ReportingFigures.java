package dev.dealledger.model.figures;

import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.money.Currencies;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * One market's totals in a reporting currency (docs/domain.md, "Reporting currency"). Each total is converted on its
 * own from its exact value, rounded half-even to the reporting currency's minor unit once: committed, elapsed,
 * remaining, potential and exposure each, and each year or disclosure period a caller converts. Converted totals are
 * then added exactly. Rounding each total on its own keeps every figure within half a minor unit of its exact value;
 * the price is that identities between them (committed = elapsed + remaining, exposure = remaining + potential) may be
 * off by a minor unit after conversion (docs/domain.md, "Reporting currency").
 */
public record ReportingFigures(
        Currency currency,
        BigInteger committedMinor,
        BigInteger elapsedMinor,
        BigInteger remainingMinor,
        BigInteger potentialMinor,
        BigInteger exposureMinor) {

    /** The totals of one market converted with {@code rate}, whose {@code from} must be the market's currency. */
    public static ReportingFigures convert(FigureTotals totals, ConversionRate rate) {
        return new ReportingFigures(
                rate.to(),
                rate.convertMinor(totals.committedMinor()),
                rate.convertMinor(totals.elapsedMinor()),
                rate.convertMinor(totals.remainingMinor()),
                rate.convertMinor(totals.potentialMinor()),
                rate.convertMinor(totals.exposureMinor()));
    }

    /** A minor-unit amount of the reporting currency as the API writes it, e.g. {@code 1234.50}. */
    public String plain(BigInteger minor) {
        return new BigDecimal(minor, Currencies.minorDigits(currency)).toPlainString();
    }

    /**
     * Concentration in the reporting currency: each key's converted remaining as a share of the converted remaining
     * of every key in the same group (in practice, the same direction, across every currency), half-even to 6 places
     * ({@link Concentration}).
     */
    public static <K> Map<K, BigDecimal> concentrations(Map<K, ReportingFigures> converted, Function<K, ?> group) {
        Map<Object, BigInteger> groupRemaining = new HashMap<>();
        converted.forEach(
                (key, figures) -> groupRemaining.merge(group.apply(key), figures.remainingMinor(), BigInteger::add));
        Map<K, BigDecimal> shares = new LinkedHashMap<>();
        converted.forEach((key, figures) ->
                shares.put(key, Concentration.share(figures.remainingMinor(), groupRemaining.get(group.apply(key)))));
        return shares;
    }
}
