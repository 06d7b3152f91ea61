package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.query.projection.LedgerProjection;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The query side's Axon configuration: one pooled streaming processor reads the command service's event table and
 * feeds the projection. Its tokens live in this service's own schema, so several replicas split the segments between
 * them through the shared token store.
 *
 * <p>Segments: 4 by default. That bounds how many replicas can share the work, and on two cores more would only add
 * contention. Batch size: 100 by default, so a rebuild commits a hundred events per transaction instead of one, while a
 * single live write is still projected as soon as it is read. Worker threads: one per segment by default, so that a
 * segment waiting on the database does not hold the others back.
 */
@Startup
@ApplicationScoped
public class QueryAxonConfiguration {

    public static final String TOKEN_TABLE = "read_model.token_entry";

    @Inject
    Serializer serializer;

    @Inject
    TransactionManager transactionManager;

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    ActiveDataSource dataSource;

    @Inject
    LedgerProjection projection;

    @ConfigProperty(name = "ledger.processor.segments", defaultValue = "4")
    int segments;

    @ConfigProperty(name = "ledger.processor.batch-size", defaultValue = "100")
    int batchSize;

    @ConfigProperty(name = "ledger.processor.threads", defaultValue = "4")
    int threads;

    @ConfigProperty(name = "ledger.processor.fetch-delay-millis", defaultValue = "100")
    long fetchDelayMillis;

    @ConfigProperty(name = "ledger.processor.claim-extension-millis", defaultValue = "200")
    long claimExtensionMillis;

    @ConfigProperty(name = "ledger.processor.autostart", defaultValue = "true")
    boolean autostart;

    /**
     * How long a segment claim stays valid without being extended. A crashed replica's segments are claimed by
     * another replica once it has passed (Axon's default, 10 s).
     */
    @ConfigProperty(name = "ledger.processor.claim-timeout", defaultValue = "PT10S")
    Duration claimTimeout;

    /** This process's name in the token store's {@code owner} column: unique per process (pid@host). */
    private final String nodeId = ManagementFactory.getRuntimeMXBean().getName();

    @ConfigProperty(name = "quarkus.application.name")
    Optional<String> applicationName;

    private Configuration configuration;

    @PostConstruct
    void start() {
        TokenStore tokenStore = JdbcTokenStore.builder()
                .connectionProvider(dataSource::connection)
                .serializer(serializer)
                .schema(TokenSchema.builder()
                        .setTokenTable(TOKEN_TABLE)
                        .setProcessorNameColumn("processor_name")
                        .setSegmentColumn("segment")
                        .setTokenColumn("token")
                        .setTokenTypeColumn("token_type")
                        .setTimestampColumn("time_stamp")
                        .setOwnerColumn("owner")
                        .build())
                .contentType(byte[].class)
                .nodeId(nodeId)
                .claimTimeout(claimTimeout)
                .build();
        configuration = DefaultConfigurer.defaultConfiguration()
                .configureSerializer(c -> serializer)
                .configureMessageSerializer(c -> serializer)
                .configureEventSerializer(c -> serializer)
                .configureTransactionManager(c -> transactionManager)
                .configureEventStore(c -> EmbeddedEventStore.builder()
                        .storageEngine(storageEngine)
                        .fetchDelay(fetchDelayMillis)
                        .build())
                .eventProcessing(ep -> registerProcessor(
                                ep.registerTokenStore(LedgerProjection.PROCESSING_GROUP, c -> tokenStore))
                        .registerEventHandler(c -> projection)
                        // Axon's default logs a failing handler and moves on, which would skip a fact for good. A
                        // failure must instead roll back the batch (rows and token) and be retried.
                        .registerListenerInvocationErrorHandler(
                                LedgerProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()))
                .buildConfiguration();
        if (autostart) {
            configuration.start();
        }
    }

    private EventProcessingConfigurer registerProcessor(EventProcessingConfigurer ep) {
        return ep.registerPooledStreamingEventProcessor(
                LedgerProjection.PROCESSING_GROUP,
                c -> c.eventStore(),
                (c, builder) -> builder.initialSegmentCount(segments)
                        .batchSize(batchSize)
                        .maxClaimedSegments(segments)
                        .claimExtensionThreshold(claimExtensionMillis)
                        .workerExecutor(name -> java.util.concurrent.Executors.newScheduledThreadPool(
                                threads, r -> new Thread(r, "ledger-projection-worker")))
                        .coordinatorExecutor(name -> java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                                r -> new Thread(r, "ledger-projection-coordinator"))));
    }

    @PreDestroy
    void stop() {
        if (configuration != null) {
            configuration.shutdown();
        }
    }

    public StreamingEventProcessor processor() {
        return configuration
                .eventProcessingConfiguration()
                .eventProcessor(LedgerProjection.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** How many segments the projection's event stream is split into. */
    public int segments() {
        return segments;
    }

    /** Whether the processor starts with the application (off for the benchmark's rebuild). */
    public boolean autostart() {
        return autostart;
    }

    /** What the projection's processor does with an exception a handler throws. */
    public ListenerInvocationErrorHandler listenerInvocationErrorHandler() {
        return configuration
                .eventProcessingConfiguration()
                .listenerInvocationErrorHandler(LedgerProjection.PROCESSING_GROUP);
    }

    /** The owner name this replica's claims carry in {@code read_model.token_entry}. */
    public String nodeId() {
        return nodeId;
    }

    public Serializer serializer() {
        return serializer;
    }
}
