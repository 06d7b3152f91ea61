package dev.dealledger.command.domain;

import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Period close": a period that has ended is closed once, by its end date. */
class ClosingAPeriodTest {

    private static final LocalDate Q1 = LocalDate.parse("2026-03-31");

    private AggregateTestFixture<Period> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Period.class);
        // Late in the UTC day on purpose: in any zone east of UTC it would already be 2026-04-01.
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-03-31T23:30:00Z"), ZoneOffset.UTC));
    }

    private static ClosePeriodCommand close(LocalDate end, String reason) {
        return new ClosePeriodCommand(ClosePeriodCommand.periodIdOf(end), end, reason);
    }

    @Test
    void a_period_that_ends_today_is_closed_with_its_reason_effective_on_its_end() {
        fixture.givenNoPriorActivity()
                .when(close(Q1, "Q1 close"))
                .expectEvents(new PeriodClosedEvent(Q1, "Q1 close", Q1));
    }

    @Test
    void a_period_that_ended_long_ago_can_still_be_closed() {
        LocalDate end = LocalDate.parse("2024-12-31");
        fixture.givenNoPriorActivity()
                .when(close(end, "FY2024 close, late"))
                .expectEvents(new PeriodClosedEvent(end, "FY2024 close, late", end));
    }

    @Test
    void a_second_close_of_the_same_period_is_refused_and_records_nothing() {
        fixture.given(new PeriodClosedEvent(Q1, "Q1 close", Q1))
                .when(close(Q1, "Q1 close again"))
                .expectNoEvents()
                .expectException(Conflict.PeriodAlreadyClosedException.class);
    }

    @Test
    void a_period_that_ends_tomorrow_is_in_the_future_and_refused() {
        fixture.givenNoPriorActivity()
                .when(close(Q1.plusDays(1), "too early"))
                .expectNoEvents()
                .expectException(Invalid.PeriodInFutureException.class);
    }

    @Test
    void a_close_without_a_reason_is_refused() {
        fixture.givenNoPriorActivity()
                .when(close(Q1, " "))
                .expectNoEvents()
                .expectException(Invalid.ReasonRequiredException.class);
    }
}
