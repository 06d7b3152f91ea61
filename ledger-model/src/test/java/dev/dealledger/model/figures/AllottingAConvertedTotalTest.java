package dev.dealledger.model.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.figures.DisclosureSchedule.Band;
import dev.dealledger.model.money.ConversionRate;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.BigRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A disclosure in a reporting currency (docs/domain.md, "Financial reporting"): the converted total is rounded once,
 * and each shape is allotted exactly that total, no bucket more than one minor unit from its unrounded amount.
 */
class AllottingAConvertedTotalTest {

    private static final Currency USD = Currency.getInstance("USD");
    private static final Currency EUR = Currency.getInstance("EUR");

    @Property
    @Label("the parts add up to the rounded total and each is within one minor unit of its unrounded amount")
    void partsAddUpToTheTotal(
            @ForAll @Size(min = 1, max = 8)
                    List<@BigRange(min = "-1000000", max = "1000000000") @Scale(6) BigDecimal> parts) {
        BigDecimal[] unrounded = parts.toArray(new BigDecimal[0]);
        BigInteger total = parts.stream()
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(0, RoundingMode.HALF_EVEN)
                .toBigIntegerExact();

        BigInteger[] allotted = DisclosureSchedule.allotted(unrounded, total);

        BigInteger sum = BigInteger.ZERO;
        for (int i = 0; i < allotted.length; i++) {
            sum = sum.add(allotted[i]);
            assertThat(new BigDecimal(allotted[i]).subtract(unrounded[i]).abs()).isLessThan(BigDecimal.ONE);
        }
        assertThat(sum).isEqualTo(total);
    }

    @Test
    void two_currencies_convert_into_one_row_whose_shapes_add_up() {
        LocalDate asOf = LocalDate.of(2026, 12, 31);
        DisclosureSchedule dollars = new DisclosureSchedule(asOf, MonthDay.of(12, 31));
        dollars.add(LocalDate.of(2027, 1, 31), 100_01);
        dollars.add(LocalDate.of(2029, 1, 31), 200_02);
        DisclosureSchedule euros = new DisclosureSchedule(asOf, MonthDay.of(12, 31));
        euros.add(LocalDate.of(2027, 2, 28), 33_33);
        euros.add(LocalDate.of(2033, 3, 31), 66_67);
        Map<DisclosureSchedule, ConversionRate> parts = new LinkedHashMap<>();
        parts.put(dollars, ConversionRate.identity(USD));
        parts.put(euros, ConversionRate.direct(EUR, USD, new BigDecimal("1.0999")));

        DisclosureSchedule.Converted c = DisclosureSchedule.inReportingCurrency(parts, USD);

        // 300.03 + 100.00 EUR x 1.0999 = 410.02 once rounded.
        assertThat(c.totalMinor()).isEqualTo(BigInteger.valueOf(410_02));
        BigInteger years = c.fiscalYears().stream()
                .map(DisclosureSchedule.FiscalYear::amountMinor)
                .reduce(c.thereafterMinor(), BigInteger::add);
        BigInteger bands = c.bands().values().stream().reduce(BigInteger.ZERO, BigInteger::add);
        assertThat(years).isEqualTo(c.totalMinor());
        assertThat(bands).isEqualTo(c.totalMinor());
        // FY2027: 100.01 + 36.66 (33.33 x 1.0999 = 36.659667); after five years: 73.33 (66.67 x 1.0999 = 73.330333).
        assertThat(c.fiscalYears().get(0).amountMinor()).isEqualTo(BigInteger.valueOf(136_67));
        assertThat(c.bands().get(Band.AFTER_FIVE_YEARS)).isEqualTo(BigInteger.valueOf(73_33));
    }
}
