package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AmountsTest {

    @Test
    @DisplayName("decimal strings are grouped by thousands, keeping sign and every decimal")
    void groups() {
        assertThat(Amounts.grouped("14200000000.00")).isEqualTo("14,200,000,000.00");
        assertThat(Amounts.grouped("-250000.5")).isEqualTo("-250,000.5");
        assertThat(Amounts.grouped("+1000")).isEqualTo("+1,000");
        assertThat(Amounts.grouped("999.99")).isEqualTo("999.99");
        assertThat(Amounts.grouped("0.911821")).isEqualTo("0.911821");
        assertThat(Amounts.grouped("123456789012345678901234.0001")).isEqualTo("123,456,789,012,345,678,901,234.0001");
    }

    @Test
    @DisplayName("text that is not a plain decimal is left as it is")
    void leavesTextAlone() {
        assertThat(Amounts.grouped("USD")).isEqualTo("USD");
        assertThat(Amounts.grouped("1e10")).isEqualTo("1e10");
        assertThat(Amounts.grouped(null)).isNull();
    }

    @Test
    @DisplayName("a difference is exact, signed and grouped")
    void differences() {
        assertThat(Amounts.difference("14200000000.00", "14450000000.00")).isEqualTo("+250,000,000.00");
        assertThat(Amounts.difference("0.913271", "0.911821")).isEqualTo("-0.001450");
        assertThat(Amounts.difference("1", "1")).isEqualTo("0");
        assertThat(Amounts.difference("0.1", "0.3")).isEqualTo("+0.2");
        assertThat(Amounts.difference("a", "1")).isEmpty();
    }

    @Test
    @DisplayName("a sum of cents is exact where doubles would drift")
    void sums() {
        assertThat(Amounts.sum(List.of("0.10", "0.20", "14199999999.70"))).isEqualTo("14200000000.00");
    }
}
