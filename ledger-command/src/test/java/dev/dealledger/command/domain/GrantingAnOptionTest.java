package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.OPTION;
import static dev.dealledger.command.domain.DealFixtures.OPTION_EXPIRES;
import static dev.dealledger.command.domain.DealFixtures.OPTION_FROM;
import static dev.dealledger.command.domain.DealFixtures.OPTION_MAX;
import static dev.dealledger.command.domain.DealFixtures.blackwellRecorded;
import static dev.dealledger.command.domain.DealFixtures.date;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.expansionOptionGranted;
import static dev.dealledger.command.domain.DealFixtures.grantOption;
import static dev.dealledger.command.domain.DealFixtures.optionGranted;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrantingAnOptionTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void the_expansion_option_is_granted_in_the_deals_currency() {
        fixture.given(dealRecorded(), blackwellRecorded())
                .when(grantOption(OPTION, OPTION_MAX, OPTION_FROM, OPTION_EXPIRES))
                .expectEvents(expansionOptionGranted());
    }

    @Test
    void an_option_on_a_deal_that_was_never_recorded_is_refused() {
        fixture.givenNoPriorActivity()
                .when(grantOption(OPTION, OPTION_MAX, OPTION_FROM, OPTION_EXPIRES))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-6000000000.00"})
    void a_maximum_that_is_not_positive_is_refused(String maxAmount) {
        fixture.given(dealRecorded())
                .when(grantOption(OPTION, maxAmount, OPTION_FROM, OPTION_EXPIRES))
                .expectException(Invalid.NonPositiveAmountException.class)
                .expectNoEvents();
    }

    @Test
    void a_maximum_with_more_decimals_than_the_currency_has_is_refused() {
        fixture.given(dealRecorded())
                .when(grantOption(OPTION, "6000000000.005", OPTION_FROM, OPTION_EXPIRES))
                .expectException(Invalid.AmountPrecisionException.class)
                .expectNoEvents();
    }

    @Test
    void a_window_that_expires_before_it_opens_is_refused() {
        fixture.given(dealRecorded())
                .when(grantOption(OPTION, OPTION_MAX, date("2026-12-31"), date("2026-12-30")))
                .expectException(Invalid.OptionWindowInvalidException.class)
                .expectNoEvents();
    }

    @Test
    void a_window_of_a_single_day_is_accepted() {
        fixture.given(dealRecorded())
                .when(grantOption(OPTION, OPTION_MAX, date("2026-12-31"), date("2026-12-31")))
                .expectEvents(optionGranted(OPTION, OPTION_MAX, date("2026-12-31"), date("2026-12-31")));
    }

    @Test
    void an_option_id_already_granted_on_the_deal_is_refused() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(grantOption(OPTION, "1.00", OPTION_FROM, OPTION_EXPIRES))
                .expectException(Conflict.IdAlreadyUsedException.class)
                .expectNoEvents();
    }

    @Test
    void a_second_option_with_its_own_id_is_granted() {
        fixture.given(dealRecorded(), expansionOptionGranted())
                .when(grantOption("opt-second", "1.00", OPTION_FROM, OPTION_EXPIRES))
                .expectEvents(optionGranted("opt-second", "1.00", OPTION_FROM, OPTION_EXPIRES));
    }
}
