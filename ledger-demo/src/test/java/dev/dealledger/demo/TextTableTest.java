package dev.dealledger.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    @DisplayName("columns are as wide as their widest cell; text aligns left and numbers right")
    void alignsColumns() {
        String rendered = new TextTable()
                .left("counterparty")
                .right("remaining")
                .row("coreweave", "31,877,021,367.63")
                .row("northwind-compute", "850,000,000.00")
                .render("> ");

        assertThat(rendered)
                .isEqualTo("> counterparty               remaining\n"
                        + "> -----------------  -----------------\n"
                        + "> coreweave          31,877,021,367.63\n"
                        + "> northwind-compute     850,000,000.00\n");
    }

    @Test
    @DisplayName("empty and null cells print nothing, and lines carry no trailing spaces")
    void emptyCells() {
        String rendered =
                new TextTable().left("a").left("b").row("x", null).row("", "y").render("");

        assertThat(rendered).isEqualTo("a  b\n-  -\nx\n   y\n");
    }

    @Test
    @DisplayName("a row with the wrong number of cells is refused")
    void refusesRaggedRows() {
        TextTable table = new TextTable().left("a").right("b");

        assertThatThrownBy(() -> table.row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    @DisplayName("columns cannot be added once rows exist")
    void refusesLateColumns() {
        TextTable table = new TextTable().left("a").row("x");

        assertThatThrownBy(() -> table.right("b")).isInstanceOf(IllegalStateException.class);
    }
}
