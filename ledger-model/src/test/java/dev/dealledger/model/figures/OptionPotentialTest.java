package dev.dealledger.model.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Figures": an option's potential, in plain Java. */
@DisplayName("An option adds its amount as potential until it is exercised or expires")
class OptionPotentialTest {

    static final LocalDate EXPIRES = LocalDate.parse("2025-06-30");

    @Test
    void an_open_option_counts_its_whole_amount() {
        OptionStanding standing = OptionStanding.asOf(50_000, EXPIRES, false, LocalDate.parse("2025-01-01"));
        assertThat(standing.potentialMinor()).isEqualTo(50_000);
        assertThat(standing.open()).isTrue();
        assertThat(standing.exercised()).isFalse();
    }

    @Test
    void on_its_expiry_date_it_still_counts_and_the_day_after_it_has_lapsed() {
        assertThat(OptionStanding.asOf(50_000, EXPIRES, false, EXPIRES).potentialMinor())
                .isEqualTo(50_000);
        OptionStanding lapsed = OptionStanding.asOf(50_000, EXPIRES, false, EXPIRES.plusDays(1));
        assertThat(lapsed.potentialMinor()).isZero();
        assertThat(lapsed.open()).isFalse();
        assertThat(lapsed.exercised()).isFalse();
    }

    @Test
    void an_exercised_option_has_no_potential_left_even_before_its_expiry() {
        OptionStanding exercised = OptionStanding.asOf(50_000, EXPIRES, true, LocalDate.parse("2025-01-01"));
        assertThat(exercised.potentialMinor()).isZero();
        assertThat(exercised.open()).isFalse();
        assertThat(exercised.exercised()).isTrue();
    }

    @Test
    void a_standing_that_cannot_happen_is_refused_with_a_message() {
        assertThatThrownBy(() -> new OptionStanding(1, true)).hasMessageContaining("exercised option");
        assertThatThrownBy(() -> new OptionStanding(-1, false)).hasMessageContaining("never negative");
    }
}
