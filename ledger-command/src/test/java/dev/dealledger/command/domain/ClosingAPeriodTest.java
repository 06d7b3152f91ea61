package dev.dealledger.command.domain;

import dev.dealledger.api.Direction;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.verify.PeriodDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md, "Period close": a period that has ended is closed once, by its end date, and the close holds its
 * figures as reported with the digest that covers them.
 */
class ClosingAPeriodTest {

    private static final LocalDate Q1 = LocalDate.parse("2026-03-31");

    private AggregateTestFixture<Period> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Period.class);
        // Late in the UTC day on purpose: in any zone east of UTC it would already be 2026-04-01.
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-03-31T23:30:00Z"), ZoneOffset.UTC));
    }

    private static final Instant KNOWN = Instant.parse("2026-03-31T23:29:59.123456Z");

    private static final List<PeriodClosedEvent.ReportedRow> ROWS = List.of(new PeriodClosedEvent.ReportedRow(
            "coreweave",
            "USD",
            Direction.PAYABLE,
            "14200000000.00",
            "567999999.99",
            "13632000000.01",
            "0.00",
            "13632000000.01",
            "1.000000",
            1,
            1,
            0,
            0,
            0));

    private static ClosePeriodCommand close(LocalDate end, String reason) {
        return new ClosePeriodCommand(
                ClosePeriodCommand.periodIdOf(end), end, reason, KNOWN, PeriodFigures.digest(end, KNOWN, ROWS), ROWS);
    }

    private static PeriodClosedEvent closed(LocalDate end, String reason) {
        return new PeriodClosedEvent(
                end, reason, end, KNOWN, PeriodDigest.ENCODING, PeriodFigures.digest(end, KNOWN, ROWS), ROWS);
    }

    @Test
    void a_period_that_ends_today_is_closed_with_its_reason_and_figures_effective_on_its_end() {
        fixture.givenNoPriorActivity().when(close(Q1, "Q1 close")).expectEvents(closed(Q1, "Q1 close"));
    }

    @Test
    void a_period_that_ended_long_ago_can_still_be_closed() {
        LocalDate end = LocalDate.parse("2024-12-31");
        fixture.givenNoPriorActivity()
                .when(close(end, "FY2024 close, late"))
                .expectEvents(closed(end, "FY2024 close, late"));
    }

    @Test
    void a_digest_that_does_not_cover_the_rows_is_never_recorded() {
        ClosePeriodCommand tampered = new ClosePeriodCommand(
                ClosePeriodCommand.periodIdOf(Q1),
                Q1,
                "Q1 close",
                KNOWN,
                PeriodFigures.digest(Q1, KNOWN.plusSeconds(1), ROWS),
                ROWS);

        fixture.givenNoPriorActivity().when(tampered).expectNoEvents().expectException(IllegalArgumentException.class);
    }

    @Test
    void a_second_close_of_the_same_period_is_refused_and_records_nothing() {
        fixture.given(closed(Q1, "Q1 close"))
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
