package dev.dealledger.api.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Commit a firm amount for capacity over a term under a deal. {@code expectedVersion} is the If-Match, or null. */
public record RecordCommitmentCommand(
        @TargetAggregateIdentifier String dealId,
        String commitmentId,
        BigDecimal amount,
        LocalDate termStart,
        LocalDate termEnd,
        String resource,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {}
