package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.HUNDRED_EFFECTIVE;
import static dev.dealledger.command.domain.DealFixtures.HUNDRED_END;
import static dev.dealledger.command.domain.DealFixtures.HUNDRED_START;
import static dev.dealledger.command.domain.DealFixtures.USD;
import static dev.dealledger.command.domain.DealFixtures.VERA_RUBIN;
import static dev.dealledger.command.domain.DealFixtures.blackwellRecorded;
import static dev.dealledger.command.domain.DealFixtures.commitmentRecorded;
import static dev.dealledger.command.domain.DealFixtures.date;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.expansionOptionGranted;
import static dev.dealledger.command.domain.DealFixtures.optionExercised;
import static dev.dealledger.command.domain.DealFixtures.recordBlackwell;
import static dev.dealledger.command.domain.DealFixtures.recordCommitment;

import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordingACommitmentTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void the_blackwell_commitment_is_recorded_in_the_deals_currency() {
        fixture.given(dealRecorded()).when(recordBlackwell()).expectEvents(blackwellRecorded());
    }

    @Test
    void a_commitment_on_a_deal_that_was_never_recorded_is_refused() {
        fixture.givenNoPriorActivity()
                .when(recordBlackwell())
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "-1.00", "-14200000000.00"})
    void an_amount_that_is_not_positive_is_refused(String amount) {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", amount, HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectException(Invalid.NonPositiveAmountException.class)
                .expectNoEvents();
    }

    @Test
    void the_smallest_positive_amount_of_the_currency_is_accepted() {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", "0.01", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectEvents(commitmentRecorded("c-1", "0.01", USD, HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE));
    }

    @Test
    void an_amount_with_more_decimals_than_usd_has_is_refused() {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", "1200.001", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectException(Invalid.AmountPrecisionException.class)
                .expectNoEvents();
    }

    @Test
    void trailing_zeros_beyond_the_minor_unit_lose_nothing_and_are_accepted() {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", "1200.000", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectEvents(
                        commitmentRecorded("c-1", "1200.000", USD, HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE));
    }

    @Test
    void a_yen_amount_with_any_decimal_is_refused() {
        fixture.given(dealRecorded("JPY"))
                .when(recordCommitment("c-1", "1000.5", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectException(Invalid.AmountPrecisionException.class)
                .expectNoEvents();
    }

    @Test
    void a_whole_yen_amount_is_recorded_in_yen() {
        fixture.given(dealRecorded("JPY"))
                .when(recordCommitment("c-1", "1000", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectEvents(commitmentRecorded("c-1", "1000", "JPY", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE));
    }

    @Test
    void three_decimals_are_accepted_in_a_currency_whose_minor_unit_has_three() {
        fixture.given(dealRecorded("KWD"))
                .when(recordCommitment("c-1", "1200.125", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectEvents(
                        commitmentRecorded("c-1", "1200.125", "KWD", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE));
    }

    @Test
    void a_term_that_ends_before_it_starts_is_refused() {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", "1200.00", date("2026-12-31"), date("2026-12-30"), HUNDRED_EFFECTIVE))
                .expectException(Invalid.TermEndBeforeStartException.class)
                .expectNoEvents();
    }

    @Test
    void a_term_that_ends_on_the_day_it_starts_is_accepted() {
        fixture.given(dealRecorded())
                .when(recordCommitment("c-1", "1200.00", date("2026-12-31"), date("2026-12-31"), HUNDRED_EFFECTIVE))
                .expectEvents(commitmentRecorded(
                        "c-1", "1200.00", USD, date("2026-12-31"), date("2026-12-31"), HUNDRED_EFFECTIVE));
    }

    @Test
    void a_commitment_id_already_recorded_on_the_deal_is_refused() {
        fixture.given(dealRecorded(), blackwellRecorded())
                .when(recordBlackwell())
                .expectException(Conflict.IdAlreadyUsedException.class)
                .expectNoEvents();
    }

    @Test
    void a_commitment_id_already_taken_by_an_exercised_option_is_refused() {
        fixture.given(
                        dealRecorded(),
                        expansionOptionGranted(),
                        optionExercised("6000000000.00", "0.00", date("2026-04-01")))
                .when(recordCommitment(VERA_RUBIN, "1200.00", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectException(Conflict.IdAlreadyUsedException.class)
                .expectNoEvents();
    }

    @Test
    void a_second_commitment_with_its_own_id_is_recorded_next_to_the_first() {
        fixture.given(dealRecorded(), blackwellRecorded())
                .when(recordCommitment("c-2", "1200.00", HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE))
                .expectEvents(commitmentRecorded("c-2", "1200.00", USD, HUNDRED_START, HUNDRED_END, HUNDRED_EFFECTIVE));
    }
}
