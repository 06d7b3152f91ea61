package dev.dealledger.axon;

import dev.dealledger.api.event.upcast.LedgerUpcasters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** CDI producers for the Axon pieces both services share. Each service builds its own Axon configuration on top. */
@ApplicationScoped
public class AxonInfrastructure {

    @Produces
    @Singleton
    Serializer serializer() {
        return EventSerialization.serializer();
    }

    @Produces
    @Singleton
    TransactionManager transactionManager(jakarta.transaction.TransactionManager jta) {
        return new JtaTransactionManager(jta);
    }

    @Produces
    @Singleton
    EventUpcasterChain upcasterChain() {
        return LedgerUpcasters.chain();
    }

    @Produces
    @Singleton
    JdbcEventStorageEngine eventStorageEngine(
            ActiveDataSource dataSource,
            Serializer serializer,
            TransactionManager transactionManager,
            EventUpcasterChain upcasterChain,
            @ConfigProperty(name = "ledger.event-store.gap-timeout-millis", defaultValue = "60000")
                    int gapTimeoutMillis,
            @ConfigProperty(name = "ledger.event-store.batch-size", defaultValue = "500") int batchSize) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(dataSource::connection)
                .transactionManager(transactionManager)
                .schema(EventStoreSchema.eventSchema())
                .dataType(byte[].class)
                .snapshotSerializer(EventSerialization.snapshotSerializer())
                .eventSerializer(serializer)
                .upcasterChain(upcasterChain)
                .batchSize(batchSize)
                // A transaction that holds a global index open longer than this is assumed rolled back.
                .gapTimeout(gapTimeoutMillis)
                .build();
    }
}
