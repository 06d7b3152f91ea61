package dev.dealledger.command.domain;

import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.verify.PeriodDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The close's rows mapped onto the one digest definition ({@link PeriodDigest}). */
public final class PeriodFigures {

    private PeriodFigures() {}

    public static String digest(LocalDate periodEnd, Instant closedAt, List<PeriodClosedEvent.ReportedRow> rows) {
        return PeriodDigest.of(
                periodEnd.toString(),
                closedAt.toString(),
                rows.stream()
                        .map(r -> new PeriodDigest.Row(
                                r.counterpartyId(),
                                r.currency(),
                                r.direction().name(),
                                r.committed(),
                                r.elapsed(),
                                r.remaining(),
                                r.potential(),
                                r.exposure(),
                                r.concentration(),
                                r.deals(),
                                r.commitments(),
                                r.optionsOpen(),
                                r.optionsExercised(),
                                r.amendments()))
                        .toList());
    }
}
