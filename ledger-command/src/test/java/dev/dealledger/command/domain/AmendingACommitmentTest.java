package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.BLACKWELL;
import static dev.dealledger.command.domain.DealFixtures.DEAL;
import static dev.dealledger.command.domain.DealFixtures.HUNDRED_A_MONTH;
import static dev.dealledger.command.domain.DealFixtures.REASON;
import static dev.dealledger.command.domain.DealFixtures.SIGNED_2026;
import static dev.dealledger.command.domain.DealFixtures.USD;
import static dev.dealledger.command.domain.DealFixtures.VERA_RUBIN;
import static dev.dealledger.command.domain.DealFixtures.amend;
import static dev.dealledger.command.domain.DealFixtures.amended;
import static dev.dealledger.command.domain.DealFixtures.amendmentRefused;
import static dev.dealledger.command.domain.DealFixtures.blackwellRecorded;
import static dev.dealledger.command.domain.DealFixtures.date;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.expansionOptionGranted;
import static dev.dealledger.command.domain.DealFixtures.hundredAMonthRecorded;
import static dev.dealledger.command.domain.DealFixtures.optionExercised;
import static dev.dealledger.command.domain.DealFixtures.terminated;

import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.model.schedule.AmendmentRefusal;
import java.math.BigDecimal;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Most cases use {@link DealFixtures#HUNDRED_A_MONTH}: 1,200.00 over 2026, 100.00 due at each month end, so "what has
 * fallen due" on a date can be read off the calendar.
 */
class AmendingACommitmentTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void the_backdated_correction_of_the_example_is_recorded_after_the_later_facts() {
        fixture.given(
                        dealRecorded(),
                        blackwellRecorded(),
                        expansionOptionGranted(),
                        optionExercised("6000000000.00", "0.00", SIGNED_2026))
                .when(amend(BLACKWELL, "amd-2026-01", "250000000.00", null, date("2026-01-01")))
                .expectEvents(amended(BLACKWELL, "amd-2026-01", "250000000.00", null, date("2026-01-01")));
    }

    @Test
    void a_commitment_that_came_from_an_exercise_can_be_amended() {
        fixture.given(dealRecorded(), expansionOptionGranted(), optionExercised("6000000000.00", "0.00", SIGNED_2026))
                .when(amend(VERA_RUBIN, "amd-1", "1000000000.00", null, date("2027-01-01")))
                .expectEvents(amended(VERA_RUBIN, "amd-1", "1000000000.00", null, date("2027-01-01")));
    }

    @Nested
    class What_has_fallen_due {

        @Test
        void a_reduction_down_to_exactly_what_has_fallen_due_is_accepted() {
            // Six installments of 100.00 have fallen due by 2026-06-30.
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "-600.00", null, date("2026-06-30")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a1", "-600.00", null, date("2026-06-30")));
        }

        @Test
        void a_reduction_below_what_has_fallen_due_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "-600.01", null, date("2026-06-30")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.BELOW_FALLEN_DUE))
                    .expectNoEvents();
        }

        @Test
        void an_installment_falls_due_only_on_the_last_day_of_its_month() {
            // On 2026-06-29 the June installment is not yet due: only 500.00 has fallen due.
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "-700.00", null, date("2026-06-29")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a1", "-700.00", null, date("2026-06-29")));
        }

        @Test
        void a_reduction_below_what_fell_due_before_the_month_end_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "-700.01", null, date("2026-06-29")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.BELOW_FALLEN_DUE))
                    .expectNoEvents();
        }
    }

    @Nested
    class The_term {

        @Test
        void an_amendment_effective_after_the_term_ended_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "100.00", null, date("2027-01-01")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.AFTER_TERM_END))
                    .expectNoEvents();
        }

        @Test
        void an_increase_on_the_last_day_of_the_term_needs_a_new_term_end_to_fall_in() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "300.00", null, date("2026-12-31")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.NO_INSTALLMENT_LEFT))
                    .expectNoEvents();
        }

        @Test
        void an_increase_on_the_last_day_of_the_term_that_extends_it_is_accepted() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "300.00", date("2027-03-31"), date("2026-12-31")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a1", "300.00", date("2027-03-31"), date("2026-12-31")));
        }

        @Test
        void an_amendment_of_the_term_alone_records_a_zero_delta() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", null, date("2027-06-30"), date("2026-06-30")))
                    .expectEvents(new CommitmentAmendedEvent(
                            DEAL,
                            HUNDRED_A_MONTH,
                            "a1",
                            BigDecimal.ZERO,
                            USD,
                            date("2027-06-30"),
                            REASON,
                            date("2026-06-30")));
        }

        @Test
        void a_term_extended_by_an_earlier_amendment_accepts_amendments_up_to_its_new_end() {
            fixture.given(
                            dealRecorded(),
                            hundredAMonthRecorded(),
                            amended(HUNDRED_A_MONTH, "a1", "0", date("2027-06-30"), date("2026-06-30")))
                    .when(amend(HUNDRED_A_MONTH, "a2", "100.00", null, date("2027-03-31")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a2", "100.00", null, date("2027-03-31")));
        }

        @Test
        void a_term_shortened_by_an_earlier_amendment_refuses_amendments_after_its_new_end() {
            fixture.given(
                            dealRecorded(),
                            hundredAMonthRecorded(),
                            amended(HUNDRED_A_MONTH, "a1", "0", date("2026-06-30"), date("2026-03-31")))
                    .when(amend(HUNDRED_A_MONTH, "a2", "100.00", null, date("2026-09-30")))
                    .expectException(amendmentRefused("a2", AmendmentRefusal.AFTER_TERM_END))
                    .expectNoEvents();
        }

        @Test
        void a_new_term_end_before_the_term_start_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", null, date("2025-12-31"), date("2025-12-15")))
                    .expectException(Invalid.TermEndBeforeStartException.class)
                    .expectNoEvents();
        }

        @Test
        void a_new_term_end_before_the_amendments_own_effective_date_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", null, date("2026-05-31"), date("2026-06-30")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.TERM_END_OUT_OF_RANGE))
                    .expectNoEvents();
        }

        @Test
        void an_amendment_effective_before_the_commitment_holds_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "100.00", null, date("2025-11-30")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.BEFORE_COMMITMENT))
                    .expectNoEvents();
        }
    }

    @Nested
    class A_termination {

        @Test
        void an_amendment_effective_on_the_termination_date_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded(), terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                    .when(amend(HUNDRED_A_MONTH, "a1", "-100.00", null, date("2026-06-30")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.AFTER_TERMINATION))
                    .expectNoEvents();
        }

        @Test
        void an_amendment_effective_after_the_termination_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded(), terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                    .when(amend(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-08-31")))
                    .expectException(amendmentRefused("a1", AmendmentRefusal.AFTER_TERMINATION))
                    .expectNoEvents();
        }

        @Test
        void an_amendment_effective_before_the_termination_is_accepted() {
            fixture.given(dealRecorded(), hundredAMonthRecorded(), terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                    .when(amend(HUNDRED_A_MONTH, "a1", "90.00", null, date("2026-03-31")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a1", "90.00", null, date("2026-03-31")));
        }
    }

    /**
     * a1 (2026-03-31, +900.00) leaves 1,800.00 over April..December, 200.00 a month. a2 (2026-09-30, -500.00) then
     * leaves 1,600.00 with 1,500.00 fallen due. A backdated amendment effective 2026-06-30 lands between them.
     */
    @Nested
    class A_backdated_amendment_between_two_earlier_ones {

        private final CommitmentAmendedEvent a1 = amended(HUNDRED_A_MONTH, "a1", "900.00", null, date("2026-03-31"));
        private final CommitmentAmendedEvent a2 = amended(HUNDRED_A_MONTH, "a2", "-500.00", null, date("2026-09-30"));

        @Test
        void is_accepted_when_the_later_amendment_still_applies_after_it() {
            // +300.00 on 2026-06-30: 250.00 a month from July, so 1,650.00 has fallen due when a2 leaves 1,900.00.
            fixture.given(dealRecorded(), hundredAMonthRecorded(), a1, a2)
                    .when(amend(HUNDRED_A_MONTH, "a3", "300.00", null, date("2026-06-30")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a3", "300.00", null, date("2026-06-30")));
        }

        @Test
        void is_refused_when_it_would_invalidate_the_later_amendment() {
            // -450.00 on 2026-06-30: 125.00 a month from July, so 1,275.00 has fallen due when a2 leaves 1,150.00.
            fixture.given(dealRecorded(), hundredAMonthRecorded(), a1, a2)
                    .when(amend(HUNDRED_A_MONTH, "a3", "-450.00", null, date("2026-06-30")))
                    .expectException(amendmentRefused("a2", AmendmentRefusal.BELOW_FALLEN_DUE))
                    .expectNoEvents();
        }

        @Test
        void the_same_amendment_is_accepted_when_there_is_no_later_one_to_invalidate() {
            fixture.given(dealRecorded(), hundredAMonthRecorded(), a1)
                    .when(amend(HUNDRED_A_MONTH, "a3", "-450.00", null, date("2026-06-30")))
                    .expectEvents(amended(HUNDRED_A_MONTH, "a3", "-450.00", null, date("2026-06-30")));
        }

        @Test
        void is_refused_when_it_would_end_the_term_before_the_later_amendment() {
            fixture.given(dealRecorded(), hundredAMonthRecorded(), a1, a2)
                    .when(amend(HUNDRED_A_MONTH, "a3", null, date("2026-08-31"), date("2026-06-30")))
                    .expectException(amendmentRefused("a2", AmendmentRefusal.AFTER_TERM_END))
                    .expectNoEvents();
        }
    }

    @Nested
    class The_request_itself {

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"0", "0.00", "-0.00"})
        void an_amendment_that_changes_neither_amount_nor_term_is_refused(String amountDelta) {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", amountDelta, null, date("2026-06-30")))
                    .expectException(Invalid.EmptyAmendmentException.class)
                    .expectNoEvents();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   "})
        void an_amendment_without_a_reason_is_refused(String reason) {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-06-30"), reason))
                    .expectException(Invalid.ReasonRequiredException.class)
                    .expectNoEvents();
        }

        @Test
        void a_delta_with_more_decimals_than_the_currency_has_is_refused() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend(HUNDRED_A_MONTH, "a1", "0.001", null, date("2026-06-30")))
                    .expectException(Invalid.AmountPrecisionException.class)
                    .expectNoEvents();
        }

        @Test
        void an_amendment_id_already_used_on_the_commitment_is_refused() {
            fixture.given(
                            dealRecorded(),
                            hundredAMonthRecorded(),
                            amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-03-31")))
                    .when(amend(HUNDRED_A_MONTH, "a1", "50.00", null, date("2026-04-30")))
                    .expectException(Conflict.IdAlreadyUsedException.class)
                    .expectNoEvents();
        }

        @Test
        void an_amendment_id_already_used_on_another_commitment_of_the_deal_is_refused() {
            fixture.given(
                            dealRecorded(),
                            blackwellRecorded(),
                            hundredAMonthRecorded(),
                            amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-03-31")))
                    .when(amend(BLACKWELL, "a1", "50.00", null, date("2026-04-30")))
                    .expectException(Conflict.IdAlreadyUsedException.class)
                    .expectNoEvents();
        }

        @Test
        void an_amendment_of_an_unknown_commitment_is_not_found() {
            fixture.given(dealRecorded(), hundredAMonthRecorded())
                    .when(amend("c-never-recorded", "a1", "100.00", null, date("2026-06-30")))
                    .expectException(NotFound.UnknownCommitmentException.class)
                    .expectNoEvents();
        }
    }
}
