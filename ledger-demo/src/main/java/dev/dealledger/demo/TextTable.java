package dev.dealledger.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table: a header, a rule of dashes, and rows whose columns line up. Text columns are left-aligned and
 * number columns right-aligned, so the decimal points of amounts at the same scale fall under one another.
 */
public final class TextTable {

    /** How a column's cells sit in its width. */
    public enum Align {
        LEFT,
        RIGHT
    }

    private static final String GAP = "  ";

    private final List<String> headers = new ArrayList<>();
    private final List<Align> aligns = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    public TextTable left(String header) {
        return column(header, Align.LEFT);
    }

    public TextTable right(String header) {
        return column(header, Align.RIGHT);
    }

    private TextTable column(String header, Align align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns must be declared before the first row");
        }
        headers.add(header);
        aligns.add(align);
        return this;
    }

    /** Adds a row; {@code null} cells print empty. */
    public TextTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(
                    "a row needs " + headers.size() + " cells, got " + cells.length + ": " + Arrays.toString(cells));
        }
        List<String> row = new ArrayList<>(cells.length);
        for (String cell : cells) {
            row.add(cell == null ? "" : cell);
        }
        rows.add(row);
        return this;
    }

    public int rowCount() {
        return rows.size();
    }

    /** The table, each line starting with {@code indent} and ending with a line feed, without trailing spaces. */
    public String render(String indent) {
        int[] widths = new int[headers.size()];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = headers.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, indent, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, indent, rule, widths);
        for (List<String> row : rows) {
            line(out, indent, row, widths);
        }
        return out.toString();
    }

    private void line(StringBuilder out, String indent, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(indent);
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append(GAP);
            }
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            line.append(aligns.get(c) == Align.RIGHT ? pad + cell : cell + pad);
        }
        out.append(line.toString().stripTrailing()).append('\n');
    }
}
