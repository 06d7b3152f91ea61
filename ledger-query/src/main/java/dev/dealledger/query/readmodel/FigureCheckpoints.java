package dev.dealledger.query.readmodel;

import dev.dealledger.model.schedule.StepForm;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Objects;

/**
 * Builds the figure checkpoints (docs/adr/0007, migration "figure_checkpoints"): at an instant C, for every
 * (counterparty, currency, direction) and every month from its first point's month to the last month of any point,
 * the sums of its points recorded by C and dated by that month's end. A checkpoint is only correct if every fact
 * recorded by C is projected when it is built; the caller chooses C so ({@code processing.FigureCheckpointer}).
 */
public final class FigureCheckpoints {

    private static final int SUMS = 10;

    private FigureCheckpoints() {}

    /** The month of {@code date} as a number, the same one the points' slope bases count in. */
    public static int monthIndex(LocalDate date) {
        return Math.toIntExact(StepForm.monthIndex(YearMonth.from(date)));
    }

    public static LocalDate lastDayOf(int monthIndex) {
        return YearMonth.of(Math.floorDiv(monthIndex, 12), Math.floorMod(monthIndex, 12) + 1)
                .atEndOfMonth();
    }

    /** The newest checkpoint's instant, or null when there is none. */
    public static Instant latest(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT MAX(checkpoint_at) FROM read_model.rm_figure_checkpoint_mark");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
            return at == null ? null : at.toInstant();
        }
    }

    /** How many points were recorded after {@code after} (null: from the start) and by {@code upTo}. */
    public static long pointsRecordedBetween(Connection c, Instant after, Instant upTo) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM read_model.rm_figure_point"
                + " WHERE recorded_at <= ?" + (after == null ? "" : " AND recorded_at > ?"))) {
            ps.setObject(1, utc(upTo));
            if (after != null) {
                ps.setObject(2, utc(after));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** The newest instant of any point recorded by {@code upTo}, or null when there is none. */
    public static Instant newestPointBy(Connection c, Instant upTo) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT MAX(recorded_at) FROM read_model.rm_figure_point WHERE recorded_at <= ?")) {
            ps.setObject(1, utc(upTo));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            }
        }
    }

    /**
     * Writes the checkpoint at {@code at} in the caller's transaction; answers how many rows it holds. One pass over
     * the points recorded by {@code at}, summed per key and month by the database, then made cumulative per key here.
     */
    public static long build(Connection c, Instant at) throws SQLException {
        String sums = "SELECT counterparty_id, currency, direction,"
                + " CAST(EXTRACT(YEAR FROM point_date) * 12 + EXTRACT(MONTH FROM point_date) - 1 AS INT) AS m,"
                + " SUM(committed), SUM(elapsed), SUM(elapsed_slope),"
                + " SUM(CAST(elapsed_slope AS DECIMAL(38, 0)) * slope_base), SUM(potential), SUM(deals),"
                + " SUM(commitments), SUM(amendments), SUM(options_open), SUM(options_exercised)"
                + " FROM read_model.rm_figure_point WHERE recorded_at <= ?"
                + " GROUP BY counterparty_id, currency, direction,"
                + " CAST(EXTRACT(YEAR FROM point_date) * 12 + EXTRACT(MONTH FROM point_date) - 1 AS INT)"
                + " ORDER BY counterparty_id, currency, direction, m";
        int minMonth = Integer.MAX_VALUE;
        int maxMonth = Integer.MIN_VALUE;
        try (PreparedStatement ps = c.prepareStatement("SELECT MIN(point_date), MAX(point_date), COUNT(*)"
                + " FROM read_model.rm_figure_point WHERE recorded_at <= ?")) {
            ps.setObject(1, utc(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                LocalDate first = rs.getObject(1, LocalDate.class);
                if (first == null) {
                    return 0;
                }
                minMonth = monthIndex(first);
                maxMonth = monthIndex(rs.getObject(2, LocalDate.class));
            }
        }
        long rows = 0;
        long points = pointsRecordedBetween(c, null, at);
        try (PreparedStatement select = c.prepareStatement(sums);
                PreparedStatement insert = c.prepareStatement("INSERT INTO read_model.rm_figure_checkpoint"
                        + " (checkpoint_at, month_index, counterparty_id, currency, direction, committed, elapsed,"
                        + " elapsed_slope, slope_times_base, potential, deals, commitments, amendments,"
                        + " options_open, options_exercised) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            select.setObject(1, utc(at));
            select.setFetchSize(2_000);
            try (ResultSet rs = select.executeQuery()) {
                Key key = null;
                BigDecimal[] running = null;
                int month = 0;
                while (rs.next()) {
                    Key k = new Key(rs.getString(1), rs.getString(2).trim(), rs.getString(3));
                    int m = rs.getInt(4);
                    if (!k.equals(key)) {
                        if (key != null) {
                            rows += fill(insert, at, key, running, month, maxMonth + 1);
                        }
                        key = k;
                        running = zeros();
                    } else {
                        rows += fill(insert, at, key, running, month, m);
                    }
                    for (int i = 0; i < SUMS; i++) {
                        running[i] = running[i].add(rs.getBigDecimal(5 + i));
                    }
                    month = m;
                }
                if (key != null) {
                    rows += fill(insert, at, key, running, month, maxMonth + 1);
                }
            }
            insert.executeBatch();
        }
        try (PreparedStatement mark = c.prepareStatement("INSERT INTO read_model.rm_figure_checkpoint_mark"
                + " (checkpoint_at, min_month, max_month, points) VALUES (?, ?, ?, ?)")) {
            mark.setObject(1, utc(at));
            mark.setInt(2, minMonth);
            mark.setInt(3, maxMonth);
            mark.setLong(4, points);
            mark.executeUpdate();
        }
        return rows;
    }

    private record Key(String counterpartyId, String currency, String direction) {
        Key {
            Objects.requireNonNull(counterpartyId);
        }
    }

    /** Writes {@code running} for every month from {@code from} up to, not including, {@code until}. */
    private static long fill(PreparedStatement insert, Instant at, Key key, BigDecimal[] running, int from, int until)
            throws SQLException {
        long rows = 0;
        for (int m = from; m < until; m++) {
            insert.setObject(1, utc(at));
            insert.setInt(2, m);
            insert.setString(3, key.counterpartyId());
            insert.setString(4, key.currency());
            insert.setString(5, key.direction());
            for (int i = 0; i < 5; i++) {
                insert.setBigDecimal(6 + i, running[i]);
            }
            for (int i = 5; i < SUMS; i++) {
                insert.setLong(6 + i, running[i].longValueExact());
            }
            insert.addBatch();
            if (++rows % 1_000 == 0) {
                insert.executeBatch();
            }
        }
        return rows;
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] zeros = new BigDecimal[SUMS];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }

    private static OffsetDateTime utc(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
