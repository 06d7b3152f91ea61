package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.axon.testing.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The projection's lookup of a batch's newest commitment positions ({@code FigurePoints.newestOf}) is planned without
 * parallel workers while a rebuild fills the table, that is, without statistics. With the old (deal, commitment) index
 * PostgreSQL ran it as a Gather over a Parallel Append, starting and stopping workers for every batch, which held the
 * benchmark's rebuild to 0.30 of its baseline (docs/benchmarks.md, "A rebuild's parallel lookup"). Migration
 * "newest_fact_of_a_commitment" puts the position in the index. This test plans the statement on PostgreSQL, on a
 * table filled and never analyzed, with the migrated index and then with the old one in its place; the second plan
 * shows that the table is large enough for the planner to choose workers at all.
 */
class LookingUpNewestFactsSeriallyTest {

    private static final String DATABASE = PostgresTestDatabase.databaseName() + "_newest_plan";

    /** About 100 MB of facts: past the sizes at which PostgreSQL considers a parallel scan of the table. */
    private static final int FACTS = 400_000;

    private static Connection connection;

    @BeforeAll
    static void migrateAndFill() throws SQLException {
        PostgresTestDatabase.recreate(DATABASE);
        String url = PostgresTestDatabase.serverUrl() + DATABASE;
        Flyway.configure()
                .dataSource(url, PostgresTestDatabase.user(), "")
                .locations("classpath:db/migration/postgresql")
                .schemas("read_model")
                .table("flyway_history_query")
                .load()
                .migrate();
        connection = DriverManager.getConnection(url, PostgresTestDatabase.user(), "");
        try (Statement s = connection.createStatement()) {
            // 40,000 commitments on 4,000 deals, ten facts each, as a rebuild writes them: no ANALYZE follows.
            s.execute("INSERT INTO read_model.rm_commitment_fact (position, kind, deal_id, counterparty_id,"
                    + " direction, currency, commitment_id, effective_date, recorded_at, amount_minor)"
                    + " SELECT g, 'AMENDED', 'deal-' || (g % 4000), 'cp-' || (g % 40), 'BUYER', 'USD',"
                    + " 'commitment-' || (g % 40000), DATE '2025-01-01' + (g % 2000),"
                    + " TIMESTAMPTZ '2025-01-01 00:00:00+00' + g * INTERVAL '1 second', g"
                    + " FROM generate_series(1, " + FACTS + ") g");
        }
    }

    @AfterAll
    static void close() throws SQLException {
        connection.close();
    }

    @Test
    void aBatchsLookupIsPlannedSeriallyOnTheMigratedIndexAndInParallelOnTheOldOne() throws SQLException {
        String migrated = plan();
        assertThat(migrated)
                .doesNotContain("Gather", "Parallel")
                .contains("Index Only Scan using rm_commitment_fact_newest_ix");

        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN");
            s.execute("DROP INDEX read_model.rm_commitment_fact_newest_ix");
            s.execute("CREATE INDEX rm_commitment_fact_deal_ix ON read_model.rm_commitment_fact (deal_id,"
                    + " commitment_id)");
            try {
                assertThat(plan())
                        .as("the old index, which the migration replaced")
                        .contains("Gather");
            } finally {
                s.execute("ROLLBACK");
            }
        }
    }

    /** EXPLAIN of a full chunk's statement, with the parameters in as literals: its first lines, where any Gather is. */
    private static String plan() throws SQLException {
        Matcher parameter =
                Pattern.compile(":([dc])(\\d+)").matcher(FigurePoints.newestSql(FigurePoints.COMMITMENTS_PER_READ));
        StringBuilder sql = new StringBuilder();
        while (parameter.find()) {
            int i = Integer.parseInt(parameter.group(2));
            String literal = parameter.group(1).equals("d")
                    ? "'deal-" + (i * 37 % 4000) + "'"
                    : "'commitment-" + (i * 37 % 40000) + "'";
            parameter.appendReplacement(sql, literal);
        }
        parameter.appendTail(sql);
        List<String> lines = new ArrayList<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("EXPLAIN " + sql)) {
            while (rs.next() && lines.size() < 8) {
                lines.add(rs.getString(1));
            }
        }
        return String.join("\n", lines);
    }
}
