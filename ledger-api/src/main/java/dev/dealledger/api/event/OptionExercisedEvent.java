package dev.dealledger.api.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * An option was turned into a new commitment {@code commitmentId}; {@code lapsedAmount} of the option's maximum was not
 * exercised and lapsed with it.
 */
@Revision("1")
public record OptionExercisedEvent(
        String dealId,
        String optionId,
        String commitmentId,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal lapsedAmount,
        String currency,
        LocalDate termStart,
        LocalDate termEnd,
        String resource,
        LocalDate effectiveDate)
        implements DealEvent {}
