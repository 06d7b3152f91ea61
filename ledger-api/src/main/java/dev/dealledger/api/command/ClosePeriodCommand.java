package dev.dealledger.api.command;

import dev.dealledger.api.event.PeriodClosedEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Close the reporting period that ends on {@code periodEnd}, for {@code reason}, with its figures as reported: {@code
 * asReported}, the exposure rows at (periodEnd, {@code closedAt}), and their {@code digest}. {@code periodId} is
 * {@link #periodIdOf}: one stream per period end, so a second close of the same period meets the first.
 */
public record ClosePeriodCommand(
        @TargetAggregateIdentifier String periodId,
        LocalDate periodEnd,
        String reason,
        Instant closedAt,
        String digest,
        List<PeriodClosedEvent.ReportedRow> asReported) {

    /**
     * The stream of one period, e.g. {@code period:2026-03-31}. The colon is outside the ledger's id alphabet, so no
     * counterparty, agreement or deal can ever share it.
     */
    public static String periodIdOf(LocalDate periodEnd) {
        return "period:" + periodEnd;
    }
}
