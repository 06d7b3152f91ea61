package dev.dealledger.api.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Make a counterparty known, or correct its legal name or LEI. Re-sending the same details changes nothing. */
public record RegisterCounterpartyCommand(
        @TargetAggregateIdentifier String counterpartyId, String legalName, String lei) {}
