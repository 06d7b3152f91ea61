package dev.dealledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.TotalsRowView;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import dev.dealledger.query.testing.Reads;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * An upgrade that adds the figure points (docs/adr/0007) finds a read model projected without them; its migration asks
 * for a rebuild, and the service starting on the new code performs it, so the figures are right again without an
 * operator. Simulated here: the points are removed, as a read model projected before them had none, and a request is
 * left as the migration leaves it.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class RebuildingWhenAMigrationAsksTest {

    @Inject
    EventStoreWriter writer;

    @Inject
    RequestedRebuild requested;

    @Inject
    ReadModelRebuild rebuild;

    @Inject
    ActiveDataSource dataSource;

    @Test
    @DisplayName("a rebuild asked for by a migration runs once at start and restores the figures")
    void a_requested_rebuild_restores_the_figures() throws Exception {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("cp-upgrade", "deal-upgrade", Direction.PAYABLE, "USD", LocalDate.of(2025, 1, 1));
        ledger.commitment(
                "deal-upgrade",
                "c-1",
                "1200000.00",
                LocalDate.of(2025, 1, 1),
                LocalDate.of(2025, 12, 31),
                "GPU",
                LocalDate.of(2025, 1, 1));
        ledger.awaitProjection();
        LocalDate asOf = LocalDate.of(2025, 6, 30);
        Instant knownAt = ledger.lastRecordedAt();
        List<TotalsRowView> expected = totals(asOf, knownAt);
        assertThat(expected).extracting(TotalsRowView::committed).containsExactly("1200000.00");

        // Points first: a checkpoint written meanwhile from points still there would answer for them.
        execute("DELETE FROM read_model.rm_figure_point");
        execute("DELETE FROM read_model.rm_figure_checkpoint");
        execute("DELETE FROM read_model.rm_figure_checkpoint_mark");
        execute(
                "INSERT INTO read_model.rm_rebuild_request (reason, requested_at) VALUES ('a test', CURRENT_TIMESTAMP)");
        assertThat(count("SELECT COUNT(*) FROM read_model.rm_figure_point"))
                .as("points left")
                .isZero();
        // Another asOf than the answer kept above: without points there are no figures.
        assertThat(totals(asOf.plusDays(1), knownAt))
                .as("no points, no figures")
                .isEmpty();

        requested.onStart(null);
        assertThat(rebuild.awaitCompletion(Duration.ofSeconds(60)))
                .as("rebuild finished")
                .isTrue();

        assertThat(totals(asOf, knownAt)).isEqualTo(expected);
        assertThat(totals(asOf.plusDays(1), knownAt)).isNotEmpty();
        assertThat(count("SELECT COUNT(*) FROM read_model.rm_rebuild_request")).isZero();
        assertThat(requested.pending()).as("nothing left to rebuild").isFalse();
    }

    private static List<TotalsRowView> totals(LocalDate asOf, Instant knownAt) {
        String json = Reads.getJson("/api/v1/counterparties/cp-upgrade/totals", Reads.at(asOf, knownAt));
        return Reads.read(json, CounterpartyTotalsView.class).totals();
    }

    private void execute(String sql) throws Exception {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
