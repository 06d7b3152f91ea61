package dev.dealledger.model.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Figures": concentration, half-even to exactly 6 places, with the examples the document gives. */
@DisplayName("Concentration is a share of the market's remaining, half-even to 6 places")
class ConcentrationTest {

    static String share(long mine, long market) {
        return Concentration.share(BigInteger.valueOf(mine), BigInteger.valueOf(market))
                .toPlainString();
    }

    @Test
    void one_third_reads_0_333333() {
        assertThat(share(1, 3)).isEqualTo("0.333333");
    }

    @Test
    void halves_of_the_last_place_round_to_the_even_neighbour() {
        assertThat(share(5, 10_000_000)).isEqualTo("0.000000"); // 0.0000005
        assertThat(share(15, 10_000_000)).isEqualTo("0.000002"); // 0.0000015
    }

    @Test
    void the_only_counterparty_with_anything_remaining_reads_1() {
        assertThat(share(42, 42)).isEqualTo("1.000000");
    }

    @Test
    void an_empty_market_reads_0_with_six_places() {
        assertThat(share(0, 0)).isEqualTo("0.000000");
    }

    @Test
    void markets_beyond_a_long_are_divided_exactly() {
        BigInteger market = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(400));
        BigInteger mine = BigInteger.valueOf(Long.MAX_VALUE).multiply(BigInteger.valueOf(100));
        assertThat(Concentration.share(mine, market).toPlainString()).isEqualTo("0.250000");
    }

    @Test
    void a_share_larger_than_its_market_cannot_happen_and_says_so() {
        assertThatThrownBy(() -> share(2, 1)).hasMessageContaining("2 of 1");
    }
}
