package dev.dealledger.api.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An existing commitment was changed from {@code effectiveDate}: its amount by {@code amountDelta} (signed, zero when
 * only the term changes) and/or its term end to {@code newTermEnd} ({@code null} when unchanged).
 */
@Revision("1")
public record CommitmentAmendedEvent(
        String dealId,
        String commitmentId,
        String amendmentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amountDelta,
        String currency,
        LocalDate newTermEnd,
        String reason,
        LocalDate effectiveDate)
        implements DealEvent {}
