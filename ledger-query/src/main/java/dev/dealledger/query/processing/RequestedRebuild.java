package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Starts the rebuild a migration asked for (table {@code rm_rebuild_request}): one that adds something the projection
 * derives from every fact, such as the figure points of docs/adr/0007, cannot fill it in SQL. The first instance to
 * start claims the request by deleting it, so replicas starting together rebuild once. Should it stop before the
 * rebuild has begun, an operator starts one ({@code POST /api/v1/admin/rebuild}, deploy/README.md).
 */
@ApplicationScoped
public class RequestedRebuild {

    private static final Logger LOG = Logger.getLogger(RequestedRebuild.class);

    @Inject
    ActiveDataSource dataSource;

    @Inject
    QueryAxonConfiguration axon;

    @Inject
    ReadModelRebuild rebuild;

    void onStart(@Observes StartupEvent event) throws SQLException {
        if (!axon.autostart() || !claimed()) {
            return;
        }
        LOG.info("a migration asked for the read models to be rebuilt; rebuilding");
        rebuild.start();
    }

    /** Whether this instance took the pending request; false when there is none. */
    boolean claimed() throws SQLException {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement()) {
            return s.executeUpdate("DELETE FROM read_model.rm_rebuild_request") > 0;
        }
    }
}
