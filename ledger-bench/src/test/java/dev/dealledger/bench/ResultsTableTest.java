package dev.dealledger.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultsTableTest {

    private static ResultsTable sample() {
        ResultsTable table = new ResultsTable();
        table.add(new ResultsTable.Row(
                "W0 PostgreSQL", "1 row/commit, 16 clients", 1911.4, "rows/s", 5.614, 26.04, Double.NaN, "", ""));
        table.add(new ResultsTable.Row(
                        "W1 REST appends", "ledger, 16 clients", 45.23, "events/s", 297.2, 980.7, Double.NaN, "", "")
                .withRatio(45.23 / 1911.4, "W0 1 row/commit, 16 clients")
                .withTarget(Bench.target(false, ">= 0.50 of W0")));
        return table;
    }

    @Test
    void the_text_table_has_a_header_a_rule_and_aligned_columns() {
        List<String> lines = sample().format().lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0))
                .startsWith("workload")
                .contains("throughput", "p50 ms", "p99 ms", "ratio to", "target");
        assertThat(lines.get(1)).matches("-+");
        // Every column starts at the same offset on every line.
        int variantColumn = lines.get(0).indexOf("variant");
        assertThat(lines.get(2).indexOf("1 row/commit")).isEqualTo(variantColumn);
        assertThat(lines.get(3).indexOf("ledger, 16 clients")).isEqualTo(variantColumn);
        // Numbers are right-aligned: their last characters line up.
        int throughputEnd = lines.get(0).indexOf("throughput") + "throughput".length();
        assertThat(lines.get(2).substring(0, throughputEnd)).endsWith("1,911");
        assertThat(lines.get(3).substring(0, throughputEnd)).endsWith("45.2");
    }

    @Test
    void figures_are_rounded_for_reading() {
        String text = sample().format();

        assertThat(text).contains("5.61", "26.0", "297", "981", "0.02", "MISSED: >= 0.50 of W0");
    }

    @Test
    void number_formats() {
        assertThat(ResultsTable.number(Double.NaN)).isEmpty();
        assertThat(ResultsTable.number(12345.6)).isEqualTo("12,346");
        assertThat(ResultsTable.number(99.94)).isEqualTo("99.9");
        assertThat(ResultsTable.millis(0.1234)).isEqualTo("0.12");
        assertThat(ResultsTable.millis(12.34)).isEqualTo("12.3");
        assertThat(ResultsTable.millis(1234.5)).isEqualTo("1,235");
        assertThat(ResultsTable.millis(Double.NaN)).isEmpty();
    }

    @Test
    void the_markdown_table_has_one_line_per_row_and_the_same_cells() {
        List<String> lines = sample().markdown().lines().toList();

        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("| workload | variant |");
        assertThat(lines.get(1)).startsWith("|---|");
        assertThat(lines.get(3))
                .startsWith("| W1 REST appends | ledger, 16 clients | 45.2 | events/s | 297 | 981 | 0.02 |");
        for (String line : lines) {
            assertThat(line.chars().filter(c -> c == '|').count()).isEqualTo(10);
        }
    }

    @Test
    void targets_say_met_or_missed() {
        assertThat(Bench.target(true, "p99 < 1000 ms")).isEqualTo("met: p99 < 1000 ms");
        assertThat(Bench.target(false, "< 400 MB")).isEqualTo("MISSED: < 400 MB");
    }
}
