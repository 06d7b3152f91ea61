package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.BLACKWELL;
import static dev.dealledger.command.domain.DealFixtures.OPTION;
import static dev.dealledger.command.domain.DealFixtures.OPTION_EXPIRES;
import static dev.dealledger.command.domain.DealFixtures.OPTION_FROM;
import static dev.dealledger.command.domain.DealFixtures.SIGNED_2026;
import static dev.dealledger.command.domain.DealFixtures.blackwellRecorded;
import static dev.dealledger.command.domain.DealFixtures.date;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.exercise;
import static dev.dealledger.command.domain.DealFixtures.expansionOptionGranted;
import static dev.dealledger.command.domain.DealFixtures.optionExercised;
import static dev.dealledger.command.domain.DealFixtures.optionGranted;

import dev.dealledger.api.command.ExerciseOptionCommand;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExercisingAnOptionTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void exercising_the_whole_option_turns_it_into_a_commitment_and_nothing_lapses() {
        fixture.given(dealRecorded(), blackwellRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.00", SIGNED_2026))
                .expectEvents(optionExercised("6000000000.00", "0.00", SIGNED_2026));
    }

    @Test
    void exercising_part_of_the_option_lets_the_unexercised_rest_lapse() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("4500000000.00", SIGNED_2026))
                .expectEvents(optionExercised("4500000000.00", "1500000000.00", SIGNED_2026));
    }

    @Test
    void the_lapsed_amount_is_exact_to_the_cent() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("5999999999.99", SIGNED_2026))
                .expectEvents(optionExercised("5999999999.99", "0.01", SIGNED_2026));
    }

    @Test
    void an_option_is_exercised_at_most_once() {
        fixture.given(
                        dealRecorded(),
                        expansionOptionGranted(),
                        optionExercised("1000000000.00", "5000000000.00", SIGNED_2026))
                .when(exercise(OPTION, "c-again", "1000000000.00", date("2026-05-01")))
                .expectException(Conflict.OptionAlreadyExercisedException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_before_the_window_opens_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.00", OPTION_FROM.minusDays(1)))
                .expectException(Conflict.OptionNotExercisableException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_on_the_day_the_window_opens_is_accepted() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.00", OPTION_FROM))
                .expectEvents(optionExercised("6000000000.00", "0.00", OPTION_FROM));
    }

    @Test
    void an_exercise_on_the_expiry_date_is_accepted() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.00", OPTION_EXPIRES))
                .expectEvents(optionExercised("6000000000.00", "0.00", OPTION_EXPIRES));
    }

    @Test
    void an_exercise_after_the_option_expired_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.00", OPTION_EXPIRES.plusDays(1)))
                .expectException(Conflict.OptionNotExercisableException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_before_the_option_itself_holds_is_refused() {
        // Granted effective 2025-09-30 with a window already open in 2025: the window alone would allow 2025-06-30.
        fixture.given(dealRecorded(), optionGranted(OPTION, "6000000000.00", date("2025-01-01"), OPTION_EXPIRES))
                .when(exercise("6000000000.00", date("2025-06-30")))
                .expectException(Conflict.OptionNotExercisableException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_above_the_options_maximum_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("6000000000.01", SIGNED_2026))
                .expectException(Conflict.ExerciseExceedsOptionException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_of_an_unknown_option_is_not_found() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("opt-never-granted", "c-new", "1.00", SIGNED_2026))
                .expectException(NotFound.UnknownOptionException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_into_a_commitment_id_already_recorded_is_refused() {
        fixture.given(dealRecorded(), blackwellRecorded(), expansionOptionGranted())
                .when(exercise(OPTION, BLACKWELL, "6000000000.00", SIGNED_2026))
                .expectException(Conflict.IdAlreadyUsedException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_of_a_non_positive_amount_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("0.00", SIGNED_2026))
                .expectException(Invalid.NonPositiveAmountException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_amount_with_more_decimals_than_the_currency_has_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(exercise("100.001", SIGNED_2026))
                .expectException(Invalid.AmountPrecisionException.class)
                .expectNoEvents();
    }

    @Test
    void an_exercise_whose_term_ends_before_it_starts_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(new ExerciseOptionCommand(
                        DealFixtures.DEAL,
                        OPTION,
                        "c-new",
                        new BigDecimal("1.00"),
                        date("2026-07-01"),
                        date("2026-06-30"),
                        "capacity",
                        SIGNED_2026,
                        null))
                .expectException(Invalid.TermEndBeforeStartException.class)
                .expectNoEvents();
    }
}
