package dev.dealledger.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.dealledger.api.command.RegisterCounterpartyCommand;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Objects;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** The other legal party of deals: a stable id, a legal name and an optional LEI. */
public class Counterparty {

    @AggregateIdentifier
    private String counterpartyId;

    private String legalName;
    private String lei;

    protected Counterparty() {}

    /** PUT semantics: the first call registers; a later call with other details records a correction; same details, nothing. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RegisterCounterpartyCommand command, Clock clock) {
        LocalDate today = LocalDate.now(clock);
        if (counterpartyId == null) {
            apply(new CounterpartyRegisteredEvent(command.counterpartyId(), command.legalName(), command.lei(), today));
        } else if (!Objects.equals(legalName, command.legalName()) || !Objects.equals(lei, command.lei())) {
            apply(new CounterpartyDetailsChangedEvent(
                    command.counterpartyId(), command.legalName(), command.lei(), today));
        }
    }

    @EventSourcingHandler
    void on(CounterpartyRegisteredEvent event) {
        counterpartyId = event.counterpartyId();
        legalName = event.legalName();
        lei = event.lei();
    }

    @EventSourcingHandler
    void on(CounterpartyDetailsChangedEvent event) {
        legalName = event.legalName();
        lei = event.lei();
    }
}
