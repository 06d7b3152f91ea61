package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A master services agreement with one counterparty was signed; it holds from {@code signedOn}. */
@Revision("1")
public record AgreementSignedEvent(
        String agreementId, String counterpartyId, String title, LocalDate signedOn, LocalDate effectiveDate)
        implements LedgerEvent {}
