package dev.dealledger.api.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Exercise an option, fully or partly, into a new commitment; the unexercised rest lapses. */
public record ExerciseOptionCommand(
        @TargetAggregateIdentifier String dealId,
        String optionId,
        String commitmentId,
        BigDecimal amount,
        LocalDate termStart,
        LocalDate termEnd,
        String resource,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {}
