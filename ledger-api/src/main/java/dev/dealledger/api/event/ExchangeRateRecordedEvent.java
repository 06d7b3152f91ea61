package dev.dealledger.api.event;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * 1 {@code baseCurrency} = {@code rate} {@code quoteCurrency} from {@code rateDate}, as {@code source} gives it. A later
 * event for the same pair and date corrects it; both stay in the log. Its effective date is the rate date.
 */
@Revision("1")
public record ExchangeRateRecordedEvent(
        String baseCurrency,
        String quoteCurrency,
        LocalDate rateDate,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal rate,
        String source,
        LocalDate effectiveDate)
        implements LedgerEvent {}
