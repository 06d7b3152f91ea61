package dev.dealledger.query.processing;

import dev.dealledger.axon.ActiveDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jboss.logging.Logger;

/**
 * Starts the rebuild a migration asked for (table {@code rm_rebuild_request}): one that adds something the projection
 * derives from every fact, such as the figure points of docs/adr/0007, cannot fill it in SQL. The request is removed
 * by the rebuild's own reset, in the transaction that empties the tables ({@code projection.ReadModelTables}), so a
 * start whose reset fails (another replica still holds a segment) leaves it for the next start. Replicas starting
 * together may both rebuild; the second only starts the replay again.
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
        if (!axon.autostart() || !pending()) {
            return;
        }
        LOG.info("a migration asked for the read models to be rebuilt; rebuilding");
        rebuild.start();
    }

    /** Whether a migration has asked for a rebuild that no reset has performed yet. */
    boolean pending() throws SQLException {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM read_model.rm_rebuild_request")) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }
}
