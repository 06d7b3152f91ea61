package dev.dealledger.api.event;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A commitment was ended from {@code effectiveDate}: installments due after it are no longer owed. */
@Revision("1")
public record CommitmentTerminatedEvent(String dealId, String commitmentId, String reason, LocalDate effectiveDate)
        implements DealEvent {}
