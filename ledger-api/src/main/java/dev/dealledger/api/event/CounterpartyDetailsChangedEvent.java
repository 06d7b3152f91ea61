package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A counterparty's legal name or LEI was corrected. The earlier values stay in the history. */
@Revision("1")
public record CounterpartyDetailsChangedEvent(
        String counterpartyId, String legalName, String lei, LocalDate effectiveDate) implements LedgerEvent {}
