package dev.dealledger.model.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * How one total in {@code from} becomes a total in {@code to} (docs/domain.md, "Reporting currency"): multiplied by a
 * recorded rate (1 from = {@code rate} to), divided by it when the recorded fact quotes the pair the other way round
 * ({@code inverted}), or taken as it is when both currencies are the same. The exact product or quotient is rounded
 * half-even to {@code to}'s minor unit once, and only here: a converted total is never built from converted parts.
 */
public record ConversionRate(Currency from, Currency to, BigDecimal rate, boolean inverted) {

    public ConversionRate {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(rate, "rate");
        if (rate.signum() <= 0) {
            throw new IllegalArgumentException("a rate is positive, not " + rate.toPlainString());
        }
        if (from.equals(to) && (rate.compareTo(BigDecimal.ONE) != 0 || inverted)) {
            throw new IllegalArgumentException("a currency converts to itself at 1 only");
        }
    }

    /** A total already in the reporting currency: taken as it is. */
    public static ConversionRate identity(Currency currency) {
        return new ConversionRate(currency, currency, BigDecimal.ONE, false);
    }

    /** The recorded fact 1 {@code base} = {@code rate} {@code quote}, used from base to quote. */
    public static ConversionRate direct(Currency base, Currency quote, BigDecimal rate) {
        return new ConversionRate(base, quote, rate, false);
    }

    /** The recorded fact 1 {@code base} = {@code rate} {@code quote}, used from quote to base: divided by the rate. */
    public static ConversionRate inverseOf(Currency base, Currency quote, BigDecimal rate) {
        return new ConversionRate(quote, base, rate, true);
    }

    public boolean isIdentity() {
        return from.equals(to);
    }

    /**
     * {@code amountMinor} minor units of {@code from}, converted to minor units of {@code to}: the exact value rounded
     * half-even once. Exact at any size ({@link BigInteger} in and out).
     */
    public BigInteger convertMinor(BigInteger amountMinor) {
        if (isIdentity()) {
            return amountMinor;
        }
        BigDecimal amount = new BigDecimal(amountMinor, Currencies.minorDigits(from));
        int scale = Currencies.minorDigits(to);
        BigDecimal converted = inverted
                // divide(divisor, scale, mode) rounds the exact quotient, so inverting costs no second rounding.
                ? amount.divide(rate, scale, RoundingMode.HALF_EVEN)
                : amount.multiply(rate).setScale(scale, RoundingMode.HALF_EVEN);
        return converted.unscaledValue();
    }

    /**
     * {@code amountMinor} minor units of {@code from} in minor units of {@code to}, before any rounding: exact for a
     * multiplication, and to 34 significant digits for a division by an inverted rate. For splitting a converted total
     * into parts ({@link dev.dealledger.model.figures.DisclosureSchedule#inReportingCurrency}), never as an amount.
     */
    public BigDecimal unroundedMinor(BigInteger amountMinor) {
        if (isIdentity()) {
            return new BigDecimal(amountMinor);
        }
        BigDecimal amount = new BigDecimal(amountMinor, Currencies.minorDigits(from));
        BigDecimal converted = inverted ? amount.divide(rate, MathContext.DECIMAL128) : amount.multiply(rate);
        return converted.movePointRight(Currencies.minorDigits(to));
    }

    /** {@link #convertMinor} of an amount in {@code from}, as money in {@code to}. */
    public Money convert(Money amount) {
        if (!amount.currency().equals(from)) {
            throw new CurrencyMismatchException(from, amount.currency());
        }
        BigInteger minor = convertMinor(amount.amount().unscaledValue());
        return Money.of(new BigDecimal(minor, Currencies.minorDigits(to)), to);
    }
}
