package dev.dealledger.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.dealledger.api.command.RecordExchangeRateCommand;
import dev.dealledger.api.event.ExchangeRateRecordedEvent;
import dev.dealledger.model.money.Currencies;
import java.math.BigDecimal;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The rate of one currency pair for one date (docs/domain.md, "Reporting currency"). Its stream holds the rate as first
 * recorded and every correction after it; nothing is edited.
 */
public class ExchangeRate {

    @AggregateIdentifier
    private String rateId;

    private BigDecimal rate;
    private String source;

    protected ExchangeRate() {}

    /** PUT semantics: the first call records the rate; another rate or source, a correction; the same again, nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordExchangeRateCommand command) {
        String base = currency(command.baseCurrency());
        String quote = currency(command.quoteCurrency());
        if (base.equals(quote)) {
            throw new Invalid.SameCurrencyPairException(base);
        }
        if (command.rate() == null || command.rate().signum() <= 0) {
            throw new Invalid.NonPositiveRateException();
        }
        // "1.10" and "1.1" are the same rate: stored in its shortest form, a repeat in another spelling records
        // nothing.
        BigDecimal normalized = command.rate().stripTrailingZeros();
        if (normalized.scale() < 0) {
            normalized = normalized.setScale(0);
        }
        if (rateId != null && rate.compareTo(normalized) == 0 && Objects.equals(source, command.source())) {
            return;
        }
        apply(new ExchangeRateRecordedEvent(
                base, quote, command.rateDate(), normalized, command.source(), command.rateDate()));
    }

    private static String currency(String code) {
        try {
            return Currencies.parse(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new Invalid.InvalidCurrencyException(e.getMessage());
        }
    }

    @EventSourcingHandler
    void on(ExchangeRateRecordedEvent event) {
        rateId = RecordExchangeRateCommand.rateIdOf(event.baseCurrency(), event.quoteCurrency(), event.rateDate());
        rate = event.rate();
        source = event.source();
    }
}
