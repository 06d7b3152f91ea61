package dev.dealledger.model.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.model.money.ConversionRate;
import dev.dealledger.model.schedule.CommitmentTimeline;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Reporting currency": totals converted one by one, and concentration across currencies. */
@DisplayName("A market's totals in a reporting currency")
class ReportingFiguresTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency USD = Currency.getInstance("USD");

    private static FigureTotals totals(long committed, long elapsed, long potential) {
        FigureTotals t = new FigureTotals();
        t.addCommitment(new CommitmentTimeline.Figures(committed, elapsed, committed - elapsed, new TreeMap<>()), 0, 1);
        t.addOption(new OptionStanding(potential, false), 1);
        return t;
    }

    @Test
    void each_total_is_converted_from_its_exact_value() {
        // committed 0.03 EUR, elapsed 0.01, remaining 0.02, potential 0.01, exposure 0.03, at 1 EUR = 1.5 USD.
        ReportingFigures usd =
                ReportingFigures.convert(totals(3, 1, 1), ConversionRate.direct(EUR, USD, new BigDecimal("1.5")));

        assertThat(usd.plain(usd.committedMinor())).isEqualTo("0.04"); // 0.045 -> 0.04
        assertThat(usd.plain(usd.elapsedMinor())).isEqualTo("0.02"); // 0.015 -> 0.02
        assertThat(usd.plain(usd.remainingMinor())).isEqualTo("0.03"); // exactly 0.03
        assertThat(usd.plain(usd.exposureMinor())).isEqualTo("0.04");
        // The documented price of rounding each total once: elapsed + remaining is a cent above committed.
        assertThat(usd.elapsedMinor().add(usd.remainingMinor()))
                .isEqualTo(usd.committedMinor().add(BigInteger.ONE));
    }

    @Test
    void concentration_is_a_share_of_the_converted_remaining_of_every_currency_of_the_direction() {
        Map<String, ReportingFigures> converted = new LinkedHashMap<>();
        converted.put("a/EUR/PAYABLE", figures(300));
        converted.put("b/USD/PAYABLE", figures(100));
        converted.put("c/USD/RECEIVABLE", figures(50));

        Map<String, BigDecimal> shares =
                ReportingFigures.concentrations(converted, k -> k.substring(k.lastIndexOf('/')));

        assertThat(shares.get("a/EUR/PAYABLE")).isEqualByComparingTo("0.750000");
        assertThat(shares.get("b/USD/PAYABLE")).isEqualByComparingTo("0.250000");
        assertThat(shares.get("c/USD/RECEIVABLE").toPlainString()).isEqualTo("1.000000");
    }

    private static ReportingFigures figures(long remaining) {
        BigInteger r = BigInteger.valueOf(remaining);
        return new ReportingFigures(USD, r, BigInteger.ZERO, r, BigInteger.ZERO, r);
    }
}
