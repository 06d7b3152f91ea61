package dev.dealledger.api.command;

import dev.dealledger.api.Direction;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record an order form under a known agreement. */
public record RecordDealCommand(
        @TargetAggregateIdentifier String dealId,
        String agreementId,
        Direction direction,
        String currency,
        String title,
        LocalDate signedOn,
        String sourceReference) {}
