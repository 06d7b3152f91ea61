package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DisplayTest {

    @Test
    @DisplayName("amounts are grouped by thousands, keeping their sign and every decimal, with their currency")
    void grouping() {
        assertThat(Display.money("14200000000.00", "USD")).isEqualTo("14,200,000,000.00 USD");
        assertThat(Display.grouped("999.99")).isEqualTo("999.99");
        assertThat(Display.grouped("1000")).isEqualTo("1,000");
        assertThat(Display.grouped("-1234567.8901")).isEqualTo("-1,234,567.8901");
        assertThat(Display.grouped("+100000")).isEqualTo("+100,000");
        assertThat(Display.grouped("0.000151")).isEqualTo("0.000151");
        assertThat(Display.grouped("n/a")).isEqualTo("n/a");
    }

    @Test
    @DisplayName("a change carries its sign and is exact")
    void differences() {
        assertThat(Display.difference("35200000000.00", "35450000000.00")).isEqualTo("+250,000,000.00");
        assertThat(Display.difference("1", "0")).isEqualTo("-1");
        assertThat(Display.difference("0.977117", "0.977268")).isEqualTo("+0.000151");
        assertThat(Display.difference("a", "1")).isEmpty();
    }

    @Test
    @DisplayName("minor units are written at the currency's scale")
    void minor_units() {
        assertThat(Display.ofMinor(18933333333L, 2)).isEqualTo("189333333.33");
        assertThat(Display.ofMinor(5, 0)).isEqualTo("5");
    }
}
