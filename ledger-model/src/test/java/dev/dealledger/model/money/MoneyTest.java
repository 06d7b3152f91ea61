package dev.dealledger.model.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Money as a value: exact, one currency, equal regardless of how it was written (docs/domain.md, "Money and schedules"; after Strata). */
class MoneyTest {

    /** Currencies with 0, 2 and 3 minor digits. */
    @Provide
    Arbitrary<Currency> currencies() {
        return Arbitraries.of("USD", "EUR", "GBP", "CHF", "JPY", "KRW", "KWD", "BHD")
                .map(Currency::getInstance);
    }

    /** Writes {@code minor} minor units at {@code digits} decimals by hand, e.g. -1234 at 2 digits as "-12.34". */
    private static String written(long minor, int digits) {
        String sign = minor < 0 ? "-" : "";
        String magnitude = BigInteger.valueOf(minor).abs().toString();
        if (digits == 0) {
            return sign + magnitude;
        }
        String padded = "0".repeat(Math.max(0, digits + 1 - magnitude.length())) + magnitude;
        int point = padded.length() - digits;
        return sign + padded.substring(0, point) + "." + padded.substring(point);
    }

    @Property
    @Label("parse and toPlainString round-trip at the currency's scale")
    void parseAndPrintRoundTrip(
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long minor,
            @ForAll("currencies") Currency currency) {
        String text = written(minor, currency.getDefaultFractionDigits());

        Money money = Money.parse(text, currency.getCurrencyCode());

        assertThat(money.toPlainString()).isEqualTo(text);
        assertThat(money.amountMinor()).isEqualTo(minor);
        assertThat(Money.parse(money.toPlainString(), currency.getCurrencyCode()))
                .isEqualTo(money);
        assertThat(Money.ofMinor(minor, currency)).isEqualTo(money);
    }

    @Property
    @Label("equality and hash code do not depend on trailing zeros in the written amount")
    void equalityIgnoresWrittenScale(
            @ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long minor,
            @ForAll("currencies") Currency currency,
            @ForAll @IntRange(min = 1, max = 4) int extraZeros) {
        String canonical = written(minor, currency.getDefaultFractionDigits());
        String longer = currency.getDefaultFractionDigits() == 0
                ? canonical + "." + "0".repeat(extraZeros)
                : canonical + "0".repeat(extraZeros);

        Money a = Money.parse(canonical, currency.getCurrencyCode());
        Money b = Money.parse(longer, currency.getCurrencyCode());

        assertThat(b).isEqualTo(a);
        assertThat(b.hashCode()).isEqualTo(a.hashCode());
        assertThat(b.toPlainString()).isEqualTo(canonical);
    }

    @Property
    @Label("an amount with a non-zero digit beyond the currency's minor unit is refused, not rounded")
    void tooManyDecimalsRefused(
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long minor,
            @ForAll("currencies") Currency currency,
            @ForAll @IntRange(min = 1, max = 9) int extraDigit) {
        // One more decimal than the currency has, and it is not zero: 12.345 USD, 100.5 JPY.
        String text =
                written(minor * 10 + (minor < 0 ? -extraDigit : extraDigit), currency.getDefaultFractionDigits() + 1);

        assertThatThrownBy(() -> Money.parse(text, currency.getCurrencyCode()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("decimals");
    }

    @Property
    @Label("adding and subtracting are exact in minor units")
    void arithmeticIsExact(
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000_000_000L, max = 1_000_000_000_000_000L) long b,
            @ForAll("currencies") Currency currency) {
        Money x = Money.ofMinor(a, currency);
        Money y = Money.ofMinor(b, currency);

        assertThat(x.plus(y)).isEqualTo(Money.ofMinor(a + b, currency));
        assertThat(x.minus(y)).isEqualTo(Money.ofMinor(a - b, currency));
        assertThat(Integer.signum(x.compareTo(y))).isEqualTo(Long.signum(Long.compare(a, b)));
    }

    @Property
    @Label("two different currencies are never added, subtracted or compared")
    void currenciesNeverMix(
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long a,
            @ForAll @LongRange(min = -1_000_000, max = 1_000_000) long b,
            @ForAll("currencies") Currency first,
            @ForAll("currencies") Currency second) {
        Money x = Money.ofMinor(a, first);
        Money y = Money.ofMinor(b, second);
        if (first.equals(second)) {
            assertThat(x.plus(y).currency()).isEqualTo(first);
            return;
        }

        assertThatThrownBy(() -> x.plus(y)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> x.minus(y)).isInstanceOf(CurrencyMismatchException.class);
        assertThatThrownBy(() -> x.compareTo(y)).isInstanceOf(CurrencyMismatchException.class);
        // Same number, different currency: not the same money.
        assertThat(Money.ofMinor(a, first)).isNotEqualTo(Money.ofMinor(a, second));
    }

    @Test
    @DisplayName("\"1.5\" and \"1.50\" USD are the same money, written 1.50")
    void onePointFiveDollars() {
        Money written1 = Money.parse("1.5", "USD");
        Money written2 = Money.parse("1.50", "USD");

        assertThat(written1).isEqualTo(written2);
        assertThat(written1.hashCode()).isEqualTo(written2.hashCode());
        assertThat(written1.toPlainString()).isEqualTo("1.50");
        assertThat(written1.amountMinor()).isEqualTo(150);
    }

    @Test
    @DisplayName("JPY has no minor unit: 1500 yen is 1500 minor units and 1500.5 is refused")
    void yenHasNoDecimals() {
        Currency yen = Currency.getInstance("JPY");
        assertThat(Currencies.minorDigits(yen)).isZero();

        Money money = Money.parse("1500", "JPY");
        assertThat(money.amountMinor()).isEqualTo(1500);
        assertThat(money.toPlainString()).isEqualTo("1500");
        assertThat(Money.ofMinor(1500, yen)).isEqualTo(money);
        assertThat(Money.parse("1500.0", "JPY")).isEqualTo(money);
        assertThatThrownBy(() -> Money.parse("1500.5", "JPY")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("too many decimals are refused: 0.001 USD, 0.0001 KWD")
    void tooManyDecimals() {
        assertThatThrownBy(() -> Money.parse("0.001", "USD")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Money.of(new BigDecimal("0.0001"), "KWD"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Money.parse("0.001", "KWD").amountMinor()).isEqualTo(1);
    }

    @Test
    @DisplayName("the example history adds up to 35,450,000,000.00 USD; adding EUR to it is refused")
    void exampleHistoryTotal() {
        // 14,200,000,000.00 + 250,000,000.00 (amendment) + 15,000,000,000.00 + 6,000,000,000.00 (exercise).
        Money total = Money.parse("14200000000.00", "USD")
                .plus(Money.parse("250000000", "USD"))
                .plus(Money.parse("15000000000.0", "USD"))
                .plus(Money.parse("6000000000.00", "USD"));

        assertThat(total.toPlainString()).isEqualTo("35450000000.00");
        assertThat(total.amountMinor()).isEqualTo(3_545_000_000_000L);
        assertThatThrownBy(() -> total.plus(Money.parse("1.00", "EUR")))
                .isInstanceOf(CurrencyMismatchException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
    }

    @Test
    @DisplayName("only ISO 4217 currencies with a minor unit are accepted")
    void currencyCodes() {
        assertThat(Currencies.isValid("USD")).isTrue();
        assertThat(Currencies.isValid("usd")).isFalse();
        assertThat(Currencies.isValid("XAU")).isFalse(); // gold: no minor unit
        assertThat(Currencies.isValid("ABC")).isFalse();
        assertThat(Currencies.isValid(null)).isFalse();
    }
}
