package dev.dealledger.api.command;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Record that 1 {@code baseCurrency} = {@code rate} {@code quoteCurrency} from {@code rateDate}, as {@code source}
 * gives it. Another rate for the same pair and date is recorded as a correction; the same rate and source again change
 * nothing. {@code rateId} is {@link #rateIdOf}: one stream per pair and date.
 */
public record RecordExchangeRateCommand(
        @TargetAggregateIdentifier String rateId,
        String baseCurrency,
        String quoteCurrency,
        LocalDate rateDate,
        BigDecimal rate,
        String source) {

    /**
     * The stream of one pair and date, e.g. {@code fx:EUR:USD:2026-03-31}. The colon is outside the ledger's id
     * alphabet, so no counterparty, agreement or deal can ever share it.
     */
    public static String rateIdOf(String baseCurrency, String quoteCurrency, LocalDate rateDate) {
        return "fx:" + baseCurrency + ":" + quoteCurrency + ":" + rateDate;
    }
}
