package dev.dealledger.model.money;

import java.util.Currency;

/** Two amounts in different currencies were combined. The ledger never converts or mixes currencies. */
public final class CurrencyMismatchException extends IllegalArgumentException {
    public CurrencyMismatchException(Currency expected, Currency actual) {
        super("amount in " + actual.getCurrencyCode() + " cannot be combined with " + expected.getCurrencyCode());
    }
}
