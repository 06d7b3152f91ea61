package dev.dealledger.api.command;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record a master services agreement with a known counterparty. */
public record SignAgreementCommand(
        @TargetAggregateIdentifier String agreementId, String counterpartyId, String title, LocalDate signedOn) {}
