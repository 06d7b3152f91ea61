package dev.dealledger.api.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Change a commitment's amount and/or term end from an effective date, which may be in the past. */
public record AmendCommitmentCommand(
        @TargetAggregateIdentifier String dealId,
        String commitmentId,
        String amendmentId,
        BigDecimal amountDelta,
        LocalDate newTermEnd,
        LocalDate effectiveDate,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {}
