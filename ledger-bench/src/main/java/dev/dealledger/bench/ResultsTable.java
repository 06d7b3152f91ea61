package dev.dealledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The one table every run prints: one row per measured figure, with its ratio to the baseline of the same run. */
public final class ResultsTable {

    /**
     * One figure. {@code ratio} is this figure over its baseline (NaN when it has none); {@code target} says what the
     * issue asks of it and whether it was met, or is empty.
     */
    public record Row(
            String workload,
            String variant,
            double throughput,
            String unit,
            double p50Millis,
            double p99Millis,
            double ratio,
            String ratioTo,
            String target) {

        public static Row of(String workload, String variant, Latency.Summary s, String unit) {
            return new Row(workload, variant, s.perSecond(), unit, s.p50Millis(), s.p99Millis(), Double.NaN, "", "");
        }

        public Row withRatio(double ratio, String ratioTo) {
            return new Row(workload, variant, throughput, unit, p50Millis, p99Millis, ratio, ratioTo, target);
        }

        public Row withTarget(String target) {
            return new Row(workload, variant, throughput, unit, p50Millis, p99Millis, ratio, ratioTo, target);
        }
    }

    private static final String[] HEADERS = {
        "workload", "variant", "throughput", "unit", "p50 ms", "p99 ms", "ratio", "ratio to", "target"
    };

    private final List<Row> rows = new ArrayList<>();

    public synchronized void add(Row row) {
        rows.add(row);
    }

    public synchronized List<Row> rows() {
        return List.copyOf(rows);
    }

    /** A fixed-width text table, columns as wide as their widest cell. */
    public synchronized String format() {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADERS);
        for (Row r : rows) {
            cells.add(cells(r));
        }
        int[] widths = new int[HEADERS.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int n = 0; n < cells.size(); n++) {
            String[] line = cells.get(n);
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                boolean numeric = i == 2 || i == 4 || i == 5 || i == 6;
                String cell = numeric ? pad(line[i], widths[i], true) : pad(line[i], widths[i], false);
                text.append(i == 0 ? "" : "  ").append(cell);
            }
            out.append(text.toString().stripTrailing()).append('\n');
            if (n == 0) {
                int width = 0;
                for (int w : widths) {
                    width += w;
                }
                out.append("-".repeat(width + 2 * (widths.length - 1))).append('\n');
            }
        }
        return out.toString();
    }

    /** The same table as GitHub markdown, for docs/benchmarks.md. */
    public synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("| ").append(String.join(" | ", HEADERS)).append(" |\n");
        out.append("|---|---|--:|---|--:|--:|--:|---|---|\n");
        for (Row r : rows) {
            out.append("| ").append(String.join(" | ", cells(r))).append(" |\n");
        }
        return out.toString();
    }

    private static String[] cells(Row r) {
        return new String[] {
            r.workload(),
            r.variant(),
            number(r.throughput()),
            r.unit(),
            millis(r.p50Millis()),
            millis(r.p99Millis()),
            Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
            r.ratioTo(),
            r.target()
        };
    }

    static String number(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, "%.1f", value);
    }

    static String millis(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
