package dev.dealledger.model.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.regex.Pattern;

/** ISO 4217 handling shared by the write and read sides. */
public final class Currencies {

    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private Currencies() {}

    /**
     * @throws IllegalArgumentException if the code is not an ISO 4217 currency with a minor unit (funds codes and
     *     pseudo-currencies such as XAU have none and cannot carry a deal).
     */
    public static Currency parse(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("currency must be a three-letter upper-case ISO 4217 code");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown ISO 4217 currency: " + code);
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + code + " has no minor unit");
        }
        return currency;
    }

    public static boolean isValid(String code) {
        try {
            parse(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static int minorDigits(Currency currency) {
        return currency.getDefaultFractionDigits();
    }

    /** True when the amount needs no more decimals than the currency's minor unit. */
    public static boolean fitsMinorUnit(BigDecimal amount, Currency currency) {
        return amount.stripTrailingZeros().scale() <= minorDigits(currency);
    }

    static BigDecimal atMinorUnitScale(BigDecimal amount, Currency currency) {
        if (!fitsMinorUnit(amount, currency)) {
            throw new IllegalArgumentException("amount " + amount.toPlainString() + " has more decimals than "
                    + currency.getCurrencyCode() + " allows (" + minorDigits(currency) + ")");
        }
        // Exact: fitsMinorUnit guarantees no digit is lost.
        return amount.setScale(minorDigits(currency), RoundingMode.UNNECESSARY);
    }
}
