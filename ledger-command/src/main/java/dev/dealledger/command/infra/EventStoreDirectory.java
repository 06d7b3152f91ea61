package dev.dealledger.command.infra;

import dev.dealledger.api.event.AgreementSignedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.command.domain.AgreementDirectory;
import dev.dealledger.command.domain.CounterpartyDirectory;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Answers the aggregates' questions about other aggregates from the event store itself: the first event of a stream
 * says what kind of thing it is. This reads inside the command's own transaction, so it never sees a stale copy.
 */
@ApplicationScoped
public class EventStoreDirectory implements CounterpartyDirectory, AgreementDirectory {

    private volatile EventStore eventStore;

    public void bind(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isRegistered(String counterpartyId) {
        return firstPayload(counterpartyId)
                .filter(CounterpartyRegisteredEvent.class::isInstance)
                .isPresent();
    }

    @Override
    public Optional<String> counterpartyOf(String agreementId) {
        return firstPayload(agreementId)
                .filter(AgreementSignedEvent.class::isInstance)
                .map(p -> ((AgreementSignedEvent) p).counterpartyId());
    }

    /**
     * Whether any fact was recorded under {@code aggregateId}. For a web resource that must know it before it does
     * costly work for a command the aggregate would refuse; it reads in a transaction of its own. The aggregate stays
     * the authority: a stream created after this answer is still met by the command itself.
     */
    public boolean streamExists(String aggregateId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> eventStore.readEvents(aggregateId, 0).hasNext());
    }

    private Optional<Object> firstPayload(String aggregateId) {
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return Optional.ofNullable(first.getPayload());
    }
}
