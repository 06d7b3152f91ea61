package dev.dealledger.command.config;

import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.CheckpointKeyFiles;
import dev.dealledger.axon.EventSerialization;
import dev.dealledger.axon.HashChainingStorageEngine;
import dev.dealledger.axon.LogSealer;
import dev.dealledger.axon.OrderedLog;
import dev.dealledger.axon.SnapshotSeal;
import dev.dealledger.command.domain.Agreement;
import dev.dealledger.command.domain.AgreementDirectory;
import dev.dealledger.command.domain.Counterparty;
import dev.dealledger.command.domain.CounterpartyDirectory;
import dev.dealledger.command.domain.Deal;
import dev.dealledger.command.domain.ExchangeRate;
import dev.dealledger.command.domain.Period;
import dev.dealledger.command.infra.EventStoreDirectory;
import dev.dealledger.command.loading.DealCache;
import dev.dealledger.command.loading.SnapshotsAfterCommit;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The command side's Axon configuration: three event-sourced aggregates on the JDBC event store, commands handled on
 * the caller's thread so that they join the caller's JTA transaction. Started with the application and shut down with
 * it.
 */
@Startup
@ApplicationScoped
public class CommandAxonConfiguration {

    @Inject
    Serializer serializer;

    @Inject
    TransactionManager transactionManager;

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    EventStoreDirectory directory;

    @Inject
    ActiveDataSource activeDataSource;

    @Inject
    EventUpcasterChain upcasterChain;

    @Inject
    OrderedLog orderedLog;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @ConfigProperty(name = "ledger.snapshot.threshold", defaultValue = "50")
    int snapshotThreshold;

    /** Deals kept in memory between commands ({@link DealCache}); 0 turns the cache off. */
    @ConfigProperty(name = "ledger.command.deal-aggregate-cache.size", defaultValue = "1000")
    long dealCacheSize;

    /** The checkpoint signing pair (docs/security.md, "Tamper evidence"): a Secret mounted as files. */
    @ConfigProperty(name = "ledger.checkpoint.private-key-file")
    Path checkpointPrivateKey;

    @ConfigProperty(name = "ledger.checkpoint.public-key-file")
    Path checkpointPublicKey;

    /** Local runs and tests only: create the pair when neither file exists. */
    @ConfigProperty(name = "ledger.checkpoint.create-missing-keys", defaultValue = "false")
    boolean createMissingCheckpointKeys;

    private Configuration configuration;
    private DealCache dealCache;
    private SnapshotsAfterCommit snapshots;

    @PostConstruct
    void start() {
        KeyPair checkpointKeys =
                CheckpointKeyFiles.pair(checkpointPrivateKey, checkpointPublicKey, createMissingCheckpointKeys);
        orderedLog.sealWith(new LogSealer(checkpointKeys.getPrivate(), checkpointKeys.getPublic(), activeDataSource));
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureTransactionManager(c -> transactionManager)
                // Every appended event is chained to its aggregate's previous one (tamper evidence).
                .configureEmbeddedEventStore(c -> new HashChainingStorageEngine(
                        storageEngine,
                        serializer,
                        activeDataSource,
                        orderedLog,
                        new SnapshotSeal(checkpointKeys, EventSerialization.snapshotSerializer())))
                .registerComponent(Clock.class, c -> Clock.systemUTC())
                .registerComponent(CounterpartyDirectory.class, c -> directory)
                .registerComponent(AgreementDirectory.class, c -> directory)
                .configureCorrelationDataProviders(c -> List.of(
                        new MessageOriginProvider(),
                        new SimpleCorrelationDataProvider(
                                MetadataKeys.ACTOR,
                                MetadataKeys.REASON,
                                MetadataKeys.SOURCE_REFERENCE,
                                MetadataKeys.SOURCE_DOCUMENT_SHA256,
                                MetadataKeys.IDEMPOTENCY_KEY)))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Counterparty.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Agreement.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(ExchangeRate.class))
                .configureAggregate(AggregateConfigurer.defaultConfiguration(Period.class))
                // A deal collects many facts over its years; loading it from a snapshot keeps commands fast.
                .configureAggregate(dealAggregate())
                .buildConfiguration();
        directory.bind(configuration.eventStore());
        configuration.start();
    }

    private AggregateConfigurer<Deal> dealAggregate() {
        AggregateConfigurer<Deal> deal = AggregateConfigurer.defaultConfiguration(Deal.class)
                .configureSnapshotTrigger(c -> {
                    snapshots = new SnapshotsAfterCommit(c::snapshotter, transactions);
                    return new EventCountSnapshotTriggerDefinition(snapshots, snapshotThreshold);
                });
        if (dealCacheSize > 0) {
            dealCache = new DealCache(dealCacheSize);
            deal.configureCache(c -> dealCache);
        }
        return deal;
    }

    /** The cache of Deal aggregates, if enabled. */
    public Optional<DealCache> dealCache() {
        return Optional.ofNullable(dealCache);
    }

    /** Forgets a deal's cached state, e.g. when the transaction that changed it did not commit. */
    public void evictDeal(String dealId) {
        if (dealCache != null) {
            dealCache.remove(dealId);
        }
    }

    @PreDestroy
    void stop() {
        if (snapshots != null) {
            snapshots.shutdown();
        }
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    @Produces
    @ApplicationScoped
    CommandGateway commandGateway() {
        return configuration.commandGateway();
    }

    @Produces
    @ApplicationScoped
    EventStore eventStore() {
        return configuration.eventStore();
    }
}
