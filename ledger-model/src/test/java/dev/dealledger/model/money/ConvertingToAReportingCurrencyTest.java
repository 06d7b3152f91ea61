package dev.dealledger.model.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Reporting currency": which rate is in force, and how a total is converted with it. */
@DisplayName("Converting totals to a reporting currency")
class ConvertingToAReportingCurrencyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static ExchangeRateBook.RateFact fact(String base, String quote, String date, String rate, long position) {
        return new ExchangeRateBook.RateFact(base, quote, LocalDate.parse(date), new BigDecimal(rate), position);
    }

    private static BigInteger minor(long value) {
        return BigInteger.valueOf(value);
    }

    @Test
    void a_total_is_multiplied_by_the_rate_and_rounded_half_even_to_the_reporting_minor_unit_once() {
        ConversionRate rate = ConversionRate.direct(EUR, USD, new BigDecimal("1.5"));

        // 0.01 EUR = 0.015 USD: half-even keeps the even neighbour 0.02; 0.03 EUR = 0.045 USD -> 0.04.
        assertThat(rate.convertMinor(minor(1))).isEqualTo(minor(2));
        assertThat(rate.convertMinor(minor(3))).isEqualTo(minor(4));
        // Rounding the total once: 0.02 EUR = 0.03 USD, where two parts of 0.01 rounded apart would make 0.04.
        assertThat(rate.convertMinor(minor(2))).isEqualTo(minor(3));
        assertThat(rate.convertMinor(minor(1)).add(rate.convertMinor(minor(1))))
                .isNotEqualTo(rate.convertMinor(minor(2)));
    }

    @Test
    void a_currency_without_decimals_on_either_side_converts_at_its_own_minor_unit() {
        // 1,000.00 USD at 1 USD = 151.237 JPY is 151,237 JPY (no decimals); 100 JPY at the inverse is 0.66 USD.
        assertThat(ConversionRate.direct(USD, JPY, new BigDecimal("151.237")).convertMinor(minor(100_000)))
                .isEqualTo(minor(151_237));
        assertThat(ConversionRate.inverseOf(USD, JPY, new BigDecimal("151.237")).convertMinor(minor(100)))
                .isEqualTo(minor(66));
    }

    @Test
    void an_inverted_rate_divides_exactly_before_its_one_rounding() {
        // 1 USD = 0.8 EUR recorded; 1.00 EUR to USD is 1 / 0.8 = 1.25 exactly, 0.01 EUR is 0.0125 -> 0.01.
        ConversionRate inverse = ConversionRate.inverseOf(USD, EUR, new BigDecimal("0.8"));
        assertThat(inverse.from()).isEqualTo(EUR);
        assertThat(inverse.to()).isEqualTo(USD);
        assertThat(inverse.convertMinor(minor(100))).isEqualTo(minor(125));
        assertThat(inverse.convertMinor(minor(1))).isEqualTo(minor(1));
        // 1.00 EUR at 1 USD = 3 EUR: 0.333... USD, one rounding, 0.33 (not 1.00 * 0.33 rounded from a rounded rate).
        assertThat(ConversionRate.inverseOf(USD, EUR, new BigDecimal("3")).convertMinor(minor(100_000)))
                .isEqualTo(minor(33_333));
    }

    @Test
    void sums_beyond_a_long_convert_exactly() {
        BigInteger huge = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.TEN);
        BigInteger converted =
                ConversionRate.direct(EUR, USD, new BigDecimal("2")).convertMinor(huge);
        assertThat(converted).isEqualTo(huge.multiply(BigInteger.TWO));
    }

    @Test
    void the_rate_in_force_is_the_latest_dated_on_or_before_asOf_and_a_correction_wins_for_its_date() {
        List<ExchangeRateBook.RateFact> known = List.of(
                fact("EUR", "USD", "2026-03-31", "1.08", 10),
                fact("EUR", "USD", "2026-06-30", "1.10", 11),
                fact("EUR", "USD", "2026-03-31", "1.09", 12), // a correction of the March rate
                fact("EUR", "USD", "2026-09-30", "1.20", 13)); // dated after asOf
        ExchangeRateBook atJune = ExchangeRateBook.of(LocalDate.parse("2026-07-15"), known);
        ExchangeRateBook atApril = ExchangeRateBook.of(LocalDate.parse("2026-04-01"), known);

        assertThat(atJune.inForce("EUR", "USD").orElseThrow().rate()).isEqualByComparingTo("1.10");
        assertThat(atApril.inForce("EUR", "USD").orElseThrow().position()).isEqualTo(12);
        assertThat(atApril.conversion(EUR, USD).rate()).isEqualByComparingTo("1.09");
    }

    @Test
    void the_pair_as_asked_wins_over_its_inverse_and_the_inverse_serves_when_the_pair_has_none() {
        List<ExchangeRateBook.RateFact> known =
                List.of(fact("EUR", "USD", "2026-01-01", "1.25", 1), fact("USD", "EUR", "2026-06-01", "0.5", 2));
        ExchangeRateBook book = ExchangeRateBook.of(LocalDate.parse("2026-12-31"), known);

        assertThat(book.conversion(EUR, USD).inverted()).isFalse();
        assertThat(book.conversion(EUR, USD).rate()).isEqualByComparingTo("1.25");
        assertThat(book.conversion(USD, EUR).rate()).isEqualByComparingTo("0.5");

        ExchangeRateBook onlyEurUsd = ExchangeRateBook.of(LocalDate.parse("2026-12-31"), known.subList(0, 1));
        ConversionRate inverse = onlyEurUsd.conversion(USD, EUR);
        assertThat(inverse.inverted()).isTrue();
        assertThat(inverse.convertMinor(minor(125))).isEqualTo(minor(100));
        assertThat(onlyEurUsd.factBehind(USD, EUR).orElseThrow().position()).isEqualTo(1);
    }

    @Test
    void a_missing_rate_names_the_pair_and_the_date_and_is_never_zero() {
        ExchangeRateBook book =
                ExchangeRateBook.of(LocalDate.parse("2026-01-31"), List.of(fact("EUR", "USD", "2026-02-01", "1.1", 1)));

        assertThatThrownBy(() -> book.conversion(EUR, USD))
                .isInstanceOf(MissingExchangeRateException.class)
                .hasMessageContaining("EUR/USD")
                .hasMessageContaining("2026-01-31");
        assertThat(book.conversion(USD, USD).isIdentity()).isTrue();
    }

    @Test
    void a_rate_is_positive() {
        assertThatThrownBy(() -> ConversionRate.direct(EUR, USD, BigDecimal.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
