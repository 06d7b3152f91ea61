package dev.dealledger.api.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Grant an option to add capacity up to {@code maxAmount} under a deal. */
public record GrantOptionCommand(
        @TargetAggregateIdentifier String dealId,
        String optionId,
        BigDecimal maxAmount,
        LocalDate exercisableFrom,
        LocalDate expiresOn,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {}
