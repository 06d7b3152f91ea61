package dev.dealledger.model.money;

import java.time.LocalDate;
import java.util.Currency;

/**
 * No rate converts {@code from} to {@code to} at {@code date} (neither way round): a read in a reporting currency
 * fails with it rather than count the total as zero (docs/domain.md, "Reporting currency").
 */
public final class MissingExchangeRateException extends RuntimeException {

    private final Currency from;
    private final Currency to;
    private final LocalDate date;

    public MissingExchangeRateException(Currency from, Currency to, LocalDate date) {
        super("no exchange rate " + from.getCurrencyCode() + "/" + to.getCurrencyCode() + " is recorded for " + date
                + " or any earlier date");
        this.from = from;
        this.to = to;
        this.date = date;
    }

    public Currency from() {
        return from;
    }

    public Currency to() {
        return to;
    }

    public LocalDate date() {
        return date;
    }

    /** The pair as the problem names it, e.g. {@code EUR/USD}. */
    public String pair() {
        return from.getCurrencyCode() + "/" + to.getCurrencyCode();
    }
}
