package dev.dealledger.command.domain;

import dev.dealledger.model.money.Currencies;
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
        BigDecimal minor = amount.movePointRight(Currencies.minorDigits(currency));
        // A fact carries its amount as a long count of minor units; in a 4-decimal currency (CLF) a 15-digit amount
        // does not fit one. Refused as input, never a failure later: sums of facts are exact at any size.
        if (minor.abs().compareTo(LARGEST_MINOR) > 0) {
            throw new Invalid.AmountOutOfRangeException(field, currency.getCurrencyCode());
        }
        return minor.longValueExact();
    }

    private static final BigDecimal LARGEST_MINOR = BigDecimal.valueOf(Long.MAX_VALUE);

    /** The largest amount one commitment or option can carry in {@code currencyCode}, as the API writes it. */
    static String largest(String currencyCode) {
        return BigDecimal.valueOf(Long.MAX_VALUE, Currencies.minorDigits(Currencies.parse(currencyCode)))
                .toPlainString();
    }
}
