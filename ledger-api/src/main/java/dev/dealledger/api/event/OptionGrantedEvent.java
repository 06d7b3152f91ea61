package dev.dealledger.api.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A right to add capacity up to {@code maxAmount}, exercisable from {@code exercisableFrom} until {@code expiresOn}. */
@Revision("1")
public record OptionGrantedEvent(
        String dealId,
        String optionId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal maxAmount,
        String currency,
        LocalDate exercisableFrom,
        LocalDate expiresOn,
        LocalDate effectiveDate)
        implements DealEvent {}
