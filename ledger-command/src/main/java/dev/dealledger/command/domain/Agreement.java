package dev.dealledger.command.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import dev.dealledger.api.command.SignAgreementCommand;
import dev.dealledger.api.event.AgreementSignedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

/** A master services agreement with one counterparty; deals hang under it. */
public class Agreement {

    @AggregateIdentifier
    private String agreementId;

    private String counterpartyId;

    protected Agreement() {}

    @CommandHandler
    public Agreement(SignAgreementCommand command, CounterpartyDirectory counterparties) {
        if (!counterparties.isRegistered(command.counterpartyId())) {
            throw new Invalid.UnknownCounterpartyException(command.counterpartyId());
        }
        apply(new AgreementSignedEvent(
                command.agreementId(),
                command.counterpartyId(),
                command.title(),
                command.signedOn(),
                command.signedOn()));
    }

    @EventSourcingHandler
    void on(AgreementSignedEvent event) {
        agreementId = event.agreementId();
        counterpartyId = event.counterpartyId();
    }
}
