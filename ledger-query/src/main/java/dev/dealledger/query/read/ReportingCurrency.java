package dev.dealledger.query.read;

import dev.dealledger.api.view.ReportingView;
import dev.dealledger.model.figures.FigureTotals;
import dev.dealledger.model.figures.ReportingFigures;
import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.money.Currencies;
import dev.dealledger.model.money.ExchangeRateBook;
import dev.dealledger.query.derive.CounterpartyMarket;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.FxRateEntity;
import dev.dealledger.query.readmodel.ReadModelQueries;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One read's figures in a reporting currency (docs/domain.md, "Reporting currency"): the rates in force at the read's
 * (asOf, knownAt) from the same snapshot as the figures, and the conversion of {@code ledger-model}
 * ({@link ExchangeRateBook}, {@link ReportingFigures}). A currency without a rate fails the read with {@link
 * dev.dealledger.model.money.MissingExchangeRateException}, never a zero.
 */
final class ReportingCurrency {

    private final Currency currency;
    private final ExchangeRateBook rates;
    private final LedgerFigures figures;
    private Map<CounterpartyMarket, ReportingFigures> converted;
    private Map<CounterpartyMarket, BigDecimal> concentrations;

    private ReportingCurrency(Currency currency, ExchangeRateBook rates, LedgerFigures figures) {
        this.currency = currency;
        this.rates = rates;
        this.figures = figures;
    }

    /** Null when the read has no reporting currency. */
    static ReportingCurrency of(
            String code, ReadModelQueries q, LedgerFigures figures, LocalDate asOf, Instant knownAt) {
        if (code == null) {
            return null;
        }
        return new ReportingCurrency(Currencies.parse(code), rates(code, q, asOf, knownAt), figures);
    }

    /**
     * For amounts converted one by one ({@link #remaining}), which need no figures of the ledger: a schedule's years.
     * Null when {@code code} is null.
     */
    static ReportingCurrency ofAmounts(String code, ReadModelQueries q, LocalDate asOf, Instant knownAt) {
        return of(code, q, LedgerFigures.summed(asOf, Map.of()), asOf, knownAt);
    }

    /** The rates into or out of {@code code} in force at (asOf, knownAt), from the read's snapshot. */
    static ExchangeRateBook rates(String code, ReadModelQueries q, LocalDate asOf, Instant knownAt) {
        return ExchangeRateBook.of(
                asOf,
                q.fxRatesWith(code, asOf, knownAt).stream()
                        .map(ReportingCurrency::fact)
                        .toList());
    }

    static ExchangeRateBook.RateFact fact(FxRateEntity r) {
        return new ExchangeRateBook.RateFact(
                r.baseCurrency, r.quoteCurrency, r.rateDate, new BigDecimal(r.rate), r.position);
    }

    private ConversionRate rateFor(String from) {
        return rates.conversion(Currencies.parse(from), currency);
    }

    /**
     * Every market of the ledger converted, so that concentration can span the currencies of a direction: one row
     * needs the converted remaining of all of them, and a missing rate for any of them fails the read.
     */
    private void convertAll() {
        if (converted != null) {
            return;
        }
        Map<String, ConversionRate> byCurrency = new HashMap<>();
        converted = new TreeMap<>();
        for (Map.Entry<CounterpartyMarket, FigureTotals> e : figures.totals().entrySet()) {
            ConversionRate rate = byCurrency.computeIfAbsent(e.getKey().currency(), this::rateFor);
            converted.put(e.getKey(), ReportingFigures.convert(e.getValue(), rate));
        }
        concentrations = ReportingFigures.concentrations(converted, CounterpartyMarket::direction);
    }

    /** A row's figures in the reporting currency. */
    ReportingFigures figures(CounterpartyMarket key) {
        convertAll();
        return converted.get(key);
    }

    /** A row's concentration in the reporting currency, across every currency of its direction. */
    BigDecimal concentration(CounterpartyMarket key) {
        convertAll();
        return concentrations.get(key);
    }

    /** A totals or exposure row's figures in the reporting currency. */
    ReportingView row(CounterpartyMarket key) {
        convertAll();
        ReportingFigures f = Objects.requireNonNull(
                converted.get(key), () -> key + " is not a row of the figures this read converted");
        return new ReportingView(
                currency.getCurrencyCode(),
                f.plain(f.committedMinor()),
                f.plain(f.elapsedMinor()),
                f.plain(f.remainingMinor()),
                f.plain(f.potentialMinor()),
                f.plain(f.exposureMinor()),
                concentrations.get(key).toPlainString());
    }

    /** One amount of {@code from} (a schedule year's remaining), converted on its own. */
    ReportingView remaining(String from, BigInteger amountMinor) {
        BigInteger minor = rateFor(from).convertMinor(amountMinor);
        return ReportingView.remainingOnly(
                currency.getCurrencyCode(), new BigDecimal(minor, Currencies.minorDigits(currency)).toPlainString());
    }
}
