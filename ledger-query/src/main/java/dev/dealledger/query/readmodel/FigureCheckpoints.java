package dev.dealledger.query.readmodel;

import dev.dealledger.model.schedule.StepForm;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Builds the figure checkpoints (docs/adr/0007, migration "figure_checkpoints"): at an instant C, for every
 * (counterparty, currency, direction) and every month from its first point's month to the last month of any point,
 * the sums of its points recorded by C and dated by that month's end. A checkpoint is only correct if every fact
 * recorded by C is projected when it is built; the caller chooses C so ({@code processing.FigureCheckpointer}).
 */
public final class FigureCheckpoints {

    /** Five money sums, five counts, and the number of points summed. */
    private static final int SUMS = 11;

    private FigureCheckpoints() {}

    /**
     * Two sums that make {@code SUM(elapsed_slope * slope_base)} exactly ({@link #slopeTimesBase}), with every product
     * formed in {@code BIGINT}: the slope is split into its quotient and remainder by 2^32, each below 2^32 in size, so
     * each product with a month index that fits an {@code INT} (as every month of a checkpoint must) fits a
     * {@code BIGINT}, and the database adds them exactly. Multiplying as decimals took a fifth of a read's sum over the
     * points recorded since a checkpoint (docs/benchmarks.md, "Random pairs").
     */
    static final String SLOPE_TIMES_BASE_SUMS =
            "SUM((elapsed_slope / 4294967296) * slope_base), SUM(MOD(elapsed_slope, 4294967296) * slope_base)";

    /**
     * A point dated before the last day of its month. A read at an asOf inside a month adds such points of that month
     * to its checkpoint's month end; PostgreSQL keeps them in date order in an index of their own, with this predicate.
     */
    static final String INSIDE_A_MONTH = "EXTRACT(DAY FROM point_date + 1) <> 1";

    /** The sum of slope times base from the two parts {@link #SLOPE_TIMES_BASE_SUMS} answers. */
    static BigInteger slopeTimesBase(Object highSum, Object lowSum) {
        return integer(highSum).shiftLeft(32).add(integer(lowSum));
    }

    /** A sum as the driver answers it: a decimal for a sum of {@code BIGINT}s, or a long. */
    static BigInteger integer(Object sum) {
        return sum instanceof BigDecimal d ? d.toBigIntegerExact() : BigInteger.valueOf(((Number) sum).longValue());
    }

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
            ps.setObject(1, Instants.utc(upTo));
            if (after != null) {
                ps.setObject(2, Instants.utc(after));
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
            ps.setObject(1, Instants.utc(upTo));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
                return at == null ? null : at.toInstant();
            }
        }
    }

    /**
     * Writes the checkpoint at {@code at} in the caller's transaction, from the newest one before it if there is one;
     * answers how many rows it holds. The database sums the points recorded since per key and month (a pass over those
     * points alone, by the recorded-at index); the previous checkpoint's rows are read key by key and the two added
     * up here, so memory holds one key's months at a time.
     */
    public static long build(Connection c, Instant at) throws SQLException {
        Instant previous = latest(c);
        if (previous != null && !at.isAfter(previous)) {
            throw new IllegalArgumentException("a checkpoint at " + at + " would not follow the last, at " + previous);
        }
        Map<Key, TreeMap<Integer, BigDecimal[]>> added = monthlySums(c, previous, at);
        Mark last = previous == null ? null : mark(c, previous);
        int minMonth = last == null ? Integer.MAX_VALUE : last.minMonth();
        int maxMonth = last == null ? Integer.MIN_VALUE : last.maxMonth();
        // The points it covers: the previous checkpoint's and those recorded since, not a count of every point again.
        long points = (last == null ? 0 : last.points()) + pointsRecordedBetween(c, previous, at);
        for (TreeMap<Integer, BigDecimal[]> byMonth : added.values()) {
            minMonth = Math.min(minMonth, byMonth.firstKey());
            maxMonth = Math.max(maxMonth, byMonth.lastKey());
        }
        if (maxMonth == Integer.MIN_VALUE) {
            return 0;
        }
        long rows;
        try (Rows insert = new Rows(c, at)) {
            writeByMonth(c, insert, previous, added, minMonth, maxMonth);
            rows = insert.count;
        }
        try (PreparedStatement mark = c.prepareStatement("INSERT INTO read_model.rm_figure_checkpoint_mark"
                + " (checkpoint_at, min_month, max_month, points) VALUES (?, ?, ?, ?)")) {
            mark.setObject(1, Instants.utc(at));
            mark.setInt(2, minMonth);
            mark.setInt(3, maxMonth);
            mark.setLong(4, points);
            mark.executeUpdate();
        }
        return rows;
    }

    /**
     * Keeps the checkpoints spaced: of the three newest, the middle one is removed when fewer than {@code keepEvery}
     * points separate it from the one before. So the newest stays close to the head, and the older ones stay at least
     * {@code keepEvery} points apart, whatever the rate at which checkpoints are written. A read that already chose the
     * removed one still reads it: it reads one snapshot. Answers the instant of the one removed, or null.
     */
    public static Instant thin(Connection c, long keepEvery) throws SQLException {
        List<Instant> at = new ArrayList<>();
        List<Long> points = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT checkpoint_at, points FROM"
                        + " read_model.rm_figure_checkpoint_mark ORDER BY checkpoint_at DESC LIMIT 3");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                at.add(rs.getObject(1, OffsetDateTime.class).toInstant());
                points.add(rs.getLong(2));
            }
        }
        if (at.size() < 3 || points.get(1) - points.get(2) >= keepEvery) {
            return null;
        }
        for (String table : List.of("rm_figure_checkpoint", "rm_figure_checkpoint_mark")) {
            try (PreparedStatement delete =
                    c.prepareStatement("DELETE FROM read_model." + table + " WHERE checkpoint_at = ?")) {
                delete.setObject(1, Instants.utc(at.get(1)));
                delete.executeUpdate();
            }
        }
        return at.get(1);
    }

    /** The first and last month of the checkpoint at {@code at}, and its points. */
    private static Mark mark(Connection c, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT min_month, max_month, points FROM"
                + " read_model.rm_figure_checkpoint_mark WHERE checkpoint_at = ?")) {
            ps.setObject(1, Instants.utc(at));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Mark(rs.getInt(1), rs.getInt(2), rs.getLong(3));
            }
        }
    }

    /** A checkpoint's months and how many points it covers. */
    private record Mark(int minMonth, int maxMonth, long points) {}

    /** The sums of the points recorded in (after, upTo], per key and month of their dates. */
    private static Map<Key, TreeMap<Integer, BigDecimal[]>> monthlySums(Connection c, Instant after, Instant upTo)
            throws SQLException {
        String month = "CAST(EXTRACT(YEAR FROM point_date) * 12 + EXTRACT(MONTH FROM point_date) - 1 AS INT)";
        Map<Key, TreeMap<Integer, BigDecimal[]>> sums = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT counterparty_id, currency, direction, " + month + ","
                + " SUM(committed), SUM(elapsed), SUM(elapsed_slope), " + SLOPE_TIMES_BASE_SUMS + ","
                + " SUM(potential), SUM(deals), SUM(commitments), SUM(amendments), SUM(options_open),"
                + " SUM(options_exercised), COUNT(*)"
                + " FROM read_model.rm_figure_point WHERE recorded_at <= ?"
                + (after == null ? "" : " AND recorded_at > ?")
                + " GROUP BY counterparty_id, currency, direction, " + month)) {
            ps.setObject(1, Instants.utc(upTo));
            if (after != null) {
                ps.setObject(2, Instants.utc(after));
            }
            ps.setFetchSize(2_000);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sums.computeIfAbsent(
                                    new Key(rs.getString(1), rs.getString(2).trim(), rs.getString(3)),
                                    k -> new TreeMap<>())
                            .put(rs.getInt(4), summedPoints(rs, 5));
                }
            }
        }
        return sums;
    }

    /** A checkpoint's sums from a sum of points, whose slope times base comes in two parts. */
    private static BigDecimal[] summedPoints(ResultSet rs, int first) throws SQLException {
        BigDecimal[] sums = new BigDecimal[SUMS];
        for (int i = 0, column = first; i < SUMS; i++, column++) {
            if (i == 3) {
                sums[i] = new BigDecimal(slopeTimesBase(rs.getObject(column), rs.getObject(column + 1)));
                column++;
            } else {
                sums[i] = rs.getBigDecimal(column);
            }
        }
        return sums;
    }

    private static BigDecimal[] sums(ResultSet rs, int first) throws SQLException {
        BigDecimal[] sums = new BigDecimal[SUMS];
        for (int i = 0; i < SUMS; i++) {
            sums[i] = rs.getBigDecimal(first + i);
        }
        return sums;
    }

    /**
     * Every key's rows from its first month to {@code maxMonth}: the previous checkpoint's cumulative sums (dense from
     * the key's first month to that checkpoint's last; the last holds for every month after it) plus the running sum of
     * what was {@code added} since, by month. Written month by month, every key's row of a month together, because a
     * read takes one month's row of every key: written key by key, those rows lay one to a page (801 pages for a read
     * on the benchmark's ledger, 54 ms from disk), and now they fill a few. The previous checkpoint is read in the same
     * order, its primary key's, so memory holds each key's latest sums only.
     */
    private static void writeByMonth(
            Connection c,
            Rows insert,
            Instant previous,
            Map<Key, TreeMap<Integer, BigDecimal[]>> added,
            int minMonth,
            int maxMonth)
            throws SQLException {
        TreeMap<Key, Running> keys = new TreeMap<>(KEY_ORDER);
        added.forEach((key, byMonth) -> keys.put(key, new Running(byMonth)));
        try (PreparedStatement select = c.prepareStatement("SELECT counterparty_id, currency, direction,"
                + " month_index, committed, elapsed, elapsed_slope, slope_times_base, potential, deals,"
                + " commitments, amendments, options_open, options_exercised, points"
                + " FROM read_model.rm_figure_checkpoint WHERE checkpoint_at = ?"
                + " ORDER BY month_index, counterparty_id, currency, direction")) {
            // No previous checkpoint: an instant no row has, so the loop below reads nothing.
            select.setObject(1, Instants.utc(previous == null ? Instant.EPOCH : previous));
            select.setFetchSize(2_000);
            try (ResultSet rs = select.executeQuery()) {
                boolean more = previous != null && rs.next();
                for (int m = minMonth; m <= maxMonth; m++) {
                    while (more && rs.getInt(4) == m) {
                        Key k = new Key(rs.getString(1), rs.getString(2).trim(), rs.getString(3));
                        Running r = keys.computeIfAbsent(k, x -> new Running(null));
                        r.earlier = sums(rs, 5);
                        r.started = true;
                        more = rs.next();
                    }
                    for (Map.Entry<Key, Running> e : keys.entrySet()) {
                        Running r = e.getValue();
                        // Taken out as it is used: what was added since the previous checkpoint is the largest thing a
                        // build holds (up to one array per key and month), and it shrinks as the months are written.
                        BigDecimal[] a = r.added == null || r.added.isEmpty() || r.added.firstKey() != m
                                ? null
                                : r.added.pollFirstEntry().getValue();
                        if (a != null) {
                            for (int i = 0; i < SUMS; i++) {
                                r.running[i] = r.running[i].add(a[i]);
                            }
                            r.started = true;
                        }
                        if (r.started) {
                            BigDecimal[] row = new BigDecimal[SUMS];
                            for (int i = 0; i < SUMS; i++) {
                                row[i] = r.earlier[i].add(r.running[i]);
                            }
                            insert.add(e.getKey(), m, row);
                        }
                    }
                }
            }
        }
    }

    /** One key's state while its rows are written: its latest earlier sums, and what was added since, so far. */
    private static final class Running {
        private final TreeMap<Integer, BigDecimal[]> added;
        private BigDecimal[] earlier = zeros();
        private final BigDecimal[] running = zeros();
        private boolean started;

        Running(TreeMap<Integer, BigDecimal[]> added) {
            this.added = added;
        }
    }

    private static final Comparator<Key> KEY_ORDER = Comparator.comparing(Key::counterpartyId)
            .thenComparing(Key::currency)
            .thenComparing(Key::direction);

    private record Key(String counterpartyId, String currency, String direction) {
        Key {
            Objects.requireNonNull(counterpartyId);
        }
    }

    /** The checkpoint's rows, inserted in batches. */
    private static final class Rows implements AutoCloseable {
        private final PreparedStatement insert;
        private final Instant at;
        private long count;

        Rows(Connection c, Instant at) throws SQLException {
            this.at = at;
            this.insert = c.prepareStatement("INSERT INTO read_model.rm_figure_checkpoint"
                    + " (checkpoint_at, month_index, counterparty_id, currency, direction, committed, elapsed,"
                    + " elapsed_slope, slope_times_base, potential, deals, commitments, amendments,"
                    + " options_open, options_exercised, points)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        }

        void add(Key key, int month, BigDecimal[] sums) throws SQLException {
            insert.setObject(1, Instants.utc(at));
            insert.setInt(2, month);
            insert.setString(3, key.counterpartyId());
            insert.setString(4, key.currency());
            insert.setString(5, key.direction());
            for (int i = 0; i < 5; i++) {
                insert.setBigDecimal(6 + i, sums[i]);
            }
            for (int i = 5; i < SUMS; i++) {
                insert.setLong(6 + i, sums[i].longValueExact());
            }
            insert.addBatch();
            if (++count % 1_000 == 0) {
                insert.executeBatch();
            }
        }

        @Override
        public void close() throws SQLException {
            try (insert) {
                insert.executeBatch();
            }
        }
    }

    private static BigDecimal[] zeros() {
        BigDecimal[] zeros = new BigDecimal[SUMS];
        Arrays.fill(zeros, BigDecimal.ZERO);
        return zeros;
    }
}
