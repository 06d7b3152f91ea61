package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A counterparty became known to the ledger. {@code lei} is optional. */
@Revision("1")
public record CounterpartyRegisteredEvent(String counterpartyId, String legalName, String lei, LocalDate effectiveDate)
        implements LedgerEvent {}
