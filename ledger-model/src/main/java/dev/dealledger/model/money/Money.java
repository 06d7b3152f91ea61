package dev.dealledger.model.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one ISO 4217 currency, always held at the currency's minor-unit scale so that equality never
 * depends on how a value was written ("1.5" and "1.50" USD are the same money).
 *
 * <p>{@link #parse(String, String)} and {@link #toPlainString()} round-trip. Amounts that need more decimals than the
 * currency has are refused rather than rounded: a ledger does not invent or drop cents.
 */
public final class Money implements Comparable<Money> {

    private final BigDecimal amount;
    private final Currency currency;

    private Money(BigDecimal amount, Currency currency) {
        this.amount = amount;
        this.currency = currency;
    }

    /** @throws IllegalArgumentException if the amount has more decimals than the currency's minor unit. */
    public static Money of(BigDecimal amount, Currency currency) {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        return new Money(Currencies.atMinorUnitScale(amount, currency), currency);
    }

    public static Money of(BigDecimal amount, String currencyCode) {
        return of(amount, Currencies.parse(currencyCode));
    }

    public static Money parse(String amount, String currencyCode) {
        return of(new BigDecimal(amount), currencyCode);
    }

    public static Money ofMinor(long amountMinor, Currency currency) {
        return new Money(BigDecimal.valueOf(amountMinor, Currencies.minorDigits(currency)), currency);
    }

    public static Money zero(Currency currency) {
        return ofMinor(0, currency);
    }

    public BigDecimal amount() {
        return amount;
    }

    public Currency currency() {
        return currency;
    }

    /** The amount in minor units (cents for USD). Exact: the scale is the currency's. */
    public long amountMinor() {
        BigInteger unscaled = amount.unscaledValue();
        return unscaled.longValueExact();
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return amount.compareTo(other.amount);
    }

    /** The amount as the API writes it: plain decimal at the currency's scale, e.g. {@code 14200000000.00}. */
    public String toPlainString() {
        return amount.toPlainString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money other && currency.equals(other.currency) && amount.equals(other.amount);
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount, currency);
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
