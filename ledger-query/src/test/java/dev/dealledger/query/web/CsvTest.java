package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=HYPERLINK(\"https://evil.example\",\"click\")",
                "+1+cmd|' /C calc'!A0",
                "-2+3",
                "@SUM(A1:A9)",
                "\tTabbed Ltd",
                "\rCarriage Inc"
            })
    void a_text_a_spreadsheet_would_run_as_a_formula_opens_as_text(String text) {
        String cell = Csv.field(text);

        String unquoted =
                cell.startsWith("\"") ? cell.substring(1, cell.length() - 1).replace("\"\"", "\"") : cell;
        assertThat(unquoted).isEqualTo("'" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-250.00", "14200000000.00", "0.000000", "+5", "2025-12-31", "Meta Platforms, Inc."})
    void numbers_dates_and_ordinary_names_are_left_as_they_are(String text) {
        String cell = Csv.field(text);

        String unquoted = cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
        assertThat(unquoted).isEqualTo(text);
    }

    @Test
    void a_neutralised_cell_is_still_quoted_when_it_holds_a_comma() {
        assertThat(Csv.line(Arrays.asList("=1,2", null, "x"))).isEqualTo("\"'=1,2\",,x\r\n");
    }
}
