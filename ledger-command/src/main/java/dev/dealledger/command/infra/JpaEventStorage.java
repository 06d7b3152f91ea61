package dev.dealledger.command.infra;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.EventSerialization;
import io.quarkus.arc.Arc;
import io.quarkus.hibernate.orm.PersistenceUnit;
import jakarta.persistence.EntityManager;
import java.sql.SQLException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.JpaEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

/**
 * Axon's {@link JpaEventStorageEngine} through Hibernate ORM, on the same tables as the JDBC engine
 * (META-INF/axon-event-store-orm.xml and the "pg" persistence unit). Selected by {@code ledger.event-store.engine=jpa};
 * it is the benchmark's peer row, what following Axon's defaults gives, not a production setting (docs/benchmarks.md).
 */
public final class JpaEventStorage {

    public static final String PERSISTENCE_UNIT = "pg";

    private JpaEventStorage() {}

    public static EventStorageEngine engine(
            ActiveDataSource dataSource,
            Serializer serializer,
            TransactionManager transactionManager,
            EventUpcasterChain upcasterChain) {
        if (!dataSource.isPostgres()) {
            throw new IllegalStateException(
                    "ledger.event-store.engine=jpa needs the PostgreSQL datasource (profile pg)");
        }
        // The container's transaction-scoped EntityManager: it joins the write's JTA transaction like the JDBC engine.
        EntityManager entityManager = Arc.container()
                .select(EntityManager.class, new PersistenceUnit.PersistenceUnitLiteral(PERSISTENCE_UNIT))
                .get();
        try {
            return JpaEventStorageEngine.builder()
                    .entityManagerProvider(() -> entityManager)
                    .transactionManager(transactionManager)
                    .dataSource(dataSource.get())
                    .snapshotSerializer(EventSerialization.snapshotSerializer())
                    .eventSerializer(serializer)
                    .upcasterChain(upcasterChain)
                    .build();
        } catch (SQLException e) {
            throw new IllegalStateException("could not inspect the event store database", e);
        }
    }
}
