package dev.dealledger.api.event;

import dev.dealledger.api.Direction;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An order form under an agreement was recorded. All its amounts are in {@code currency}. */
@Revision("1")
public record DealRecordedEvent(
        String dealId,
        String agreementId,
        String counterpartyId,
        Direction direction,
        String currency,
        String title,
        LocalDate signedOn,
        String sourceReference,
        LocalDate effectiveDate)
        implements DealEvent {}
