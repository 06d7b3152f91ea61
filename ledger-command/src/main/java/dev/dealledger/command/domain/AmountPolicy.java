package dev.dealledger.command.domain;

import dev.dealledger.api.money.Currencies;
import java.math.BigDecimal;
import java.util.Currency;

/** Amounts are positive and fit the deal currency's minor unit; deltas may be negative but must fit too. */
final class AmountPolicy {

    private AmountPolicy() {}

    static long positiveMinor(String field, BigDecimal amount, Currency currency) {
        if (amount == null || amount.signum() <= 0) {
            throw new Invalid.NonPositiveAmountException(field);
        }
        return toMinor(field, amount, currency);
    }

    static long toMinor(String field, BigDecimal amount, Currency currency) {
        if (!Currencies.fitsMinorUnit(amount, currency)) {
            throw new Invalid.AmountPrecisionException(
                    field, currency.getCurrencyCode(), Currencies.minorDigits(currency));
        }
        return amount.movePointRight(Currencies.minorDigits(currency)).longValueExact();
    }
}
