package dev.dealledger.api.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A firm amount for capacity over a term was committed under a deal. */
@Revision("1")
public record CommitmentRecordedEvent(
        String dealId,
        String commitmentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        String currency,
        LocalDate termStart,
        LocalDate termEnd,
        String resource,
        LocalDate effectiveDate)
        implements DealEvent {}
