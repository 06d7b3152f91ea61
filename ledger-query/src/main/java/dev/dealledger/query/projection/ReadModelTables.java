package dev.dealledger.query.projection;

import org.hibernate.Session;

/** The read-model tables a rebuild empties before replaying the event store. The token table is Axon's. */
final class ReadModelTables {

    private static final String[] TABLES = {
        "read_model.rm_history",
        // A closed period's figures are derived again, identically, when it is next read.
        "read_model.rm_period_report_row",
        "read_model.rm_period_report",
        "read_model.rm_period_close",
        "read_model.rm_rebuild_request",
        "read_model.rm_figure_checkpoint",
        "read_model.rm_figure_checkpoint_mark",
        "read_model.rm_figure_point",
        "read_model.rm_commitment_fact",
        "read_model.rm_option_fact",
        "read_model.rm_deal",
        "read_model.rm_counterparty",
        "read_model.rm_fx_rate"
    };

    private ReadModelTables() {}

    static void truncateAll(Session session) {
        for (String table : TABLES) {
            session.createNativeMutationQuery("DELETE FROM " + table).executeUpdate();
        }
    }
}
