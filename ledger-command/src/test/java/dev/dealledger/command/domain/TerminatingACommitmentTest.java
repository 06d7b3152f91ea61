package dev.dealledger.command.domain;

import static dev.dealledger.command.domain.DealFixtures.BLACKWELL;
import static dev.dealledger.command.domain.DealFixtures.HUNDRED_A_MONTH;
import static dev.dealledger.command.domain.DealFixtures.SIGNED_2026;
import static dev.dealledger.command.domain.DealFixtures.VERA_RUBIN;
import static dev.dealledger.command.domain.DealFixtures.amend;
import static dev.dealledger.command.domain.DealFixtures.amended;
import static dev.dealledger.command.domain.DealFixtures.blackwellRecorded;
import static dev.dealledger.command.domain.DealFixtures.date;
import static dev.dealledger.command.domain.DealFixtures.dealFixture;
import static dev.dealledger.command.domain.DealFixtures.dealRecorded;
import static dev.dealledger.command.domain.DealFixtures.expansionOptionGranted;
import static dev.dealledger.command.domain.DealFixtures.hundredAMonthRecorded;
import static dev.dealledger.command.domain.DealFixtures.optionExercised;
import static dev.dealledger.command.domain.DealFixtures.terminate;
import static dev.dealledger.command.domain.DealFixtures.terminated;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link DealFixtures#HUNDRED_A_MONTH} runs 2026-01-01..2026-12-31 and holds from 2025-12-01. */
class TerminatingACommitmentTest {

    private AggregateTestFixture<Deal> fixture;

    @BeforeEach
    void setUp() {
        fixture = dealFixture();
    }

    @Test
    void a_commitment_is_terminated_from_a_date_within_its_term() {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate(HUNDRED_A_MONTH, date("2026-06-30")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2026-06-30")));
    }

    @Test
    void the_blackwell_commitment_can_be_terminated_years_before_its_end() {
        fixture.given(dealRecorded(), blackwellRecorded())
                .when(terminate(BLACKWELL, date("2028-12-31")))
                .expectEvents(terminated(BLACKWELL, date("2028-12-31")));
    }

    @Test
    void a_commitment_that_came_from_an_exercise_can_be_terminated() {
        fixture.given(dealRecorded(), expansionOptionGranted(), optionExercised("6000000000.00", "0.00", SIGNED_2026))
                .when(terminate(VERA_RUBIN, date("2030-06-30")))
                .expectEvents(terminated(VERA_RUBIN, date("2030-06-30")));
    }

    @Test
    void a_commitment_is_terminated_at_most_once() {
        fixture.given(dealRecorded(), hundredAMonthRecorded(), terminated(HUNDRED_A_MONTH, date("2026-09-30")))
                .when(terminate(HUNDRED_A_MONTH, date("2026-06-30")))
                .expectException(Conflict.CommitmentTerminatedException.class)
                .expectNoEvents();
    }

    @Test
    void terminating_one_commitment_leaves_the_others_of_the_deal_open() {
        fixture.given(
                        dealRecorded(),
                        blackwellRecorded(),
                        hundredAMonthRecorded(),
                        terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                .when(terminate(BLACKWELL, date("2026-06-30")))
                .expectEvents(terminated(BLACKWELL, date("2026-06-30")));
    }

    @Test
    void a_termination_on_the_last_day_of_the_term_is_accepted() {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate(HUNDRED_A_MONTH, date("2026-12-31")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2026-12-31")));
    }

    @Test
    void a_termination_after_the_term_ended_is_refused() {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate(HUNDRED_A_MONTH, date("2027-01-01")))
                .expectException(Conflict.TerminationRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void a_term_extended_by_an_amendment_can_be_terminated_after_its_original_end() {
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "0", date("2027-06-30"), date("2026-06-30")))
                .when(terminate(HUNDRED_A_MONTH, date("2027-03-31")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2027-03-31")));
    }

    @Test
    void a_term_shortened_by_an_amendment_cannot_be_terminated_after_its_new_end() {
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "0", date("2026-06-30"), date("2026-03-31")))
                .when(terminate(HUNDRED_A_MONTH, date("2026-09-30")))
                .expectException(Conflict.TerminationRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void a_termination_before_a_later_effective_amendment_recorded_earlier_is_accepted() {
        // docs/domain.md, "Early termination": a contract can be cut short whatever was planned for its later months.
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-09-30")))
                .when(terminate(HUNDRED_A_MONTH, date("2026-06-30")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2026-06-30")));
    }

    @Test
    void a_termination_on_the_date_of_an_amendment_is_accepted() {
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-09-30")))
                .when(terminate(HUNDRED_A_MONTH, date("2026-09-30")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2026-09-30")));
    }

    @Test
    void after_such_a_termination_an_amendment_effective_on_or_after_it_is_refused() {
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-09-30")),
                        terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                .when(amend(HUNDRED_A_MONTH, "a2", "50.00", null, date("2026-07-31")))
                .expectException(Conflict.AmendmentRefusedException.class)
                .expectNoEvents();
    }

    @Test
    void after_such_a_termination_a_backdated_amendment_before_it_is_still_accepted() {
        // a2 re-spreads 900.00 - 200.00 fallen due over March to December (70.00 a month). Without the termination,
        // a1 (-250.00 on 2026-09-30) would then leave 650.00 below the 690.00 fallen due by its date, and a2 would be
        // refused for invalidating it. a1 is effective after the termination, so it changes nothing and takes no part.
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "-250.00", null, date("2026-09-30")),
                        terminated(HUNDRED_A_MONTH, date("2026-06-30")))
                .when(amend(HUNDRED_A_MONTH, "a2", "-300.00", null, date("2026-03-15")))
                .expectEvents(amended(HUNDRED_A_MONTH, "a2", "-300.00", null, date("2026-03-15")));
    }

    @Test
    void a_termination_after_every_amendment_is_accepted() {
        fixture.given(
                        dealRecorded(),
                        hundredAMonthRecorded(),
                        amended(HUNDRED_A_MONTH, "a1", "100.00", null, date("2026-09-30")))
                .when(terminate(HUNDRED_A_MONTH, date("2026-10-31")))
                .expectEvents(terminated(HUNDRED_A_MONTH, date("2026-10-31")));
    }

    @Test
    void a_termination_effective_before_the_commitment_holds_is_refused() {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate(HUNDRED_A_MONTH, date("2025-11-30")))
                .expectException(Conflict.TerminationRefusedException.class)
                .expectNoEvents();
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " \t "})
    void a_termination_without_a_reason_is_refused(String reason) {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate(HUNDRED_A_MONTH, date("2026-06-30"), reason))
                .expectException(Invalid.ReasonRequiredException.class)
                .expectNoEvents();
    }

    @Test
    void a_termination_of_an_unknown_commitment_is_not_found() {
        fixture.given(dealRecorded(), hundredAMonthRecorded())
                .when(terminate("c-never-recorded", date("2026-06-30")))
                .expectException(NotFound.UnknownCommitmentException.class)
                .expectNoEvents();
    }
}
