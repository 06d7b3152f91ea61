package dev.dealledger.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.verify.PeriodDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A reporting period, known by its end date (docs/domain.md, "Period close"). Closing it records the figures as
 * reported, the instant they are as known at, and their digest; a period is closed once. Facts that change it later are accepted as post-close
 * adjustments: they belong to deals, not to this stream.
 */
public class Period {

    @AggregateIdentifier
    private String periodId;

    protected Period() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ClosePeriodCommand command, Clock clock) {
        if (periodId != null) {
            throw new Conflict.PeriodAlreadyClosedException(command.periodEnd());
        }
        // Figures as of a day that has not ended yet are not figures of a period: they would still move without any
        // new fact, as installments fall due.
        LocalDate today = LocalDate.now(clock);
        if (command.periodEnd().isAfter(today)) {
            throw new Invalid.PeriodInFutureException(command.periodEnd(), today);
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new Invalid.ReasonRequiredException();
        }
        // The figures come from the query service; the fact must hold them with the digest that covers them, so the
        // digest is formed again here from the rows themselves rather than trusted.
        if (command.closedAt() == null || command.asReported() == null) {
            throw new IllegalArgumentException("a close carries its figures as reported and their instant");
        }
        String digest = PeriodFigures.digest(command.periodEnd(), command.closedAt(), command.asReported());
        if (!digest.equals(command.digest())) {
            throw new IllegalArgumentException("the digest " + command.digest()
                    + " does not cover the rows of the close, whose digest is " + digest);
        }
        apply(new PeriodClosedEvent(
                command.periodEnd(),
                command.reason(),
                command.periodEnd(),
                command.closedAt(),
                PeriodDigest.ENCODING,
                digest,
                List.copyOf(command.asReported())));
    }

    @EventSourcingHandler
    void on(PeriodClosedEvent event) {
        periodId = ClosePeriodCommand.periodIdOf(event.periodEnd());
    }
}
