package dev.dealledger.api.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** End a commitment from an effective date; installments due after it are no longer owed. */
public record TerminateCommitmentCommand(
        @TargetAggregateIdentifier String dealId,
        String commitmentId,
        LocalDate effectiveDate,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {}
