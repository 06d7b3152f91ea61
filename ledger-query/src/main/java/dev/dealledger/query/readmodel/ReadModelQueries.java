package dev.dealledger.query.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.Direction;
import dev.dealledger.model.steps.FigurePoint;
import dev.dealledger.model.steps.FigureSums;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * The indexed reads behind every endpoint: each selects the facts visible at (asOf, knownAt) and nothing else. No
 * request ever replays the event store.
 */
public final class ReadModelQueries {

    /** Rows per round trip when streaming facts: bounded memory, few round trips. */
    private static final int STREAM_FETCH_SIZE = 2_000;

    private final Session session;

    public ReadModelQueries(Session session) {
        this.session = session;
    }

    /**
     * Makes every later statement of the current transaction read one snapshot of the read model (PostgreSQL's
     * REPEATABLE READ, read only), so that an answer built from several statements cannot mix two states of the
     * projection: for example an option's exercise projected between reading the options and reading the commitments.
     * Must be the transaction's first statement. Embedded H2 (one process, docs/adr/0002) keeps its default.
     *
     * <p>Such a transaction only reads, so its session loads entities read-only and never flushes: Hibernate then
     * keeps no copy of each loaded row for dirty checking, and does not check every entity loaded so far before each
     * further query. A restatement loads thousands of facts and queries again after them (docs/benchmarks.md).
     */
    public ReadModelQueries oneSnapshot() {
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
        session.doWork(connection -> {
            if ("PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                }
            }
        });
        return this;
    }

    public Optional<CounterpartyEntity> counterparty(String counterpartyId) {
        return Optional.ofNullable(session.find(CounterpartyEntity.class, counterpartyId));
    }

    /** The events that set a counterparty's legal name; the partial index of migration V6 holds exactly these. */
    private static final String NAME_EVENTS =
            "h.eventType in ('CounterpartyRegisteredEvent', 'CounterpartyDetailsChangedEvent')";

    /**
     * Each counterparty's legal name as known at {@code knownAt}: from the newest of its registration and detail
     * changes recorded by then (docs/domain.md, "Two time axes"), not as it is named now.
     */
    public Map<String, String> legalNamesKnownAt(Instant knownAt) {
        Map<String, String> names = new HashMap<>();
        session.createSelectionQuery(
                        "from HistoryEntryEntity h where " + NAME_EVENTS
                                + " and h.recordedAt <= :knownAt order by h.position",
                        HistoryEntryEntity.class)
                .setParameter("knownAt", knownAt)
                .getResultList()
                .forEach(h -> names.put(h.counterpartyId, legalNameIn(h)));
        return names;
    }

    /** One counterparty's legal name as known at {@code knownAt}; empty if it was not registered by then. */
    public Optional<String> legalNameKnownAt(String counterpartyId, Instant knownAt) {
        return session
                .createSelectionQuery(
                        "from HistoryEntryEntity h where h.counterpartyId = :id and " + NAME_EVENTS
                                + " and h.recordedAt <= :knownAt order by h.position desc",
                        HistoryEntryEntity.class)
                .setParameter("id", counterpartyId)
                .setParameter("knownAt", knownAt)
                .setMaxResults(1)
                .getResultList()
                .stream()
                .findFirst()
                .map(ReadModelQueries::legalNameIn);
    }

    private static String legalNameIn(HistoryEntryEntity h) {
        try {
            return PAYLOAD.readTree(h.payload).path("legalName").asText(null);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("history entry " + h.position + " is not JSON", e);
        }
    }

    private static final ObjectMapper PAYLOAD = new ObjectMapper();

    public Optional<DealEntity> deal(String dealId) {
        return Optional.ofNullable(session.find(DealEntity.class, dealId));
    }

    /** How many deals each (counterparty, currency, direction) has visible at (asOf, knownAt). */
    public record DealCount(String counterpartyId, String currency, Direction direction, long deals) {}

    public List<DealCount> dealCounts(LocalDate asOf, Instant knownAt) {
        return session
                .createSelectionQuery(
                        "select d.counterpartyId, d.currency, d.direction, count(d) from DealEntity d"
                                + " where d.effectiveDate <= :asOf and d.recordedAt <= :knownAt"
                                + " group by d.counterpartyId, d.currency, d.direction",
                        Object[].class)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList()
                .stream()
                .map(r -> new DealCount((String) r[0], (String) r[1], (Direction) r[2], (Long) r[3]))
                .toList();
    }

    /** The sums of one key's figure points (docs/adr/0007), and how many points they sum. */
    public record PointSums(
            String counterpartyId, String currency, Direction direction, FigureSums sums, long points) {}

    /**
     * The sums of the figure points of every (counterparty, currency, direction) with a point visible at (asOf,
     * knownAt): {@code point_date <= asOf and recorded_at <= knownAt} (docs/adr/0007). They start from the checkpoint
     * nearest knownAt: its sums up to the end of the last whole month by asOf, plus the points of asOf's own month
     * recorded by it; then the points recorded between the checkpoint and knownAt are added (a checkpoint before
     * knownAt) or taken away (one after). Nearest either side halves the points a read sums between checkpoints. A key
     * whose points all fall after knownAt is left out by its count of points, not by its figures, which may sum to
     * zero. Without any checkpoint, every visible point is summed. The database sums short rows; nothing is derived
     * here. Sums are exact decimals.
     */
    public List<PointSums> figurePointSums(LocalDate asOf, Instant knownAt) {
        OffsetDateTime known = Instants.utc(knownAt);
        // The last month a checkpoint answers for whole: asOf's own when asOf is its last day (a period end, where
        // most points fall, since installments are due on month ends), else the month before.
        int whole = FigureCheckpoints.monthIndex(asOf);
        if (!asOf.equals(FigureCheckpoints.lastDayOf(whole))) {
            whole--;
        }
        while (true) {
            // The checkpoints either side of knownAt, with their last months.
            List<Object[]> either = session.createNativeQuery(
                            "SELECT checkpoint_at, max_month FROM read_model.rm_figure_checkpoint_mark WHERE"
                                    + " checkpoint_at = (SELECT MAX(checkpoint_at) FROM"
                                    + " read_model.rm_figure_checkpoint_mark WHERE checkpoint_at <= :knownAt)"
                                    + " UNION ALL SELECT checkpoint_at, max_month FROM"
                                    + " read_model.rm_figure_checkpoint_mark WHERE checkpoint_at = (SELECT"
                                    + " MIN(checkpoint_at) FROM read_model.rm_figure_checkpoint_mark WHERE"
                                    + " checkpoint_at > :knownAt)",
                            Object[].class)
                    .setParameter("knownAt", known)
                    .getResultList();
            OffsetDateTime before = null;
            OffsetDateTime after = null;
            int beforeMax = 0;
            int afterMax = 0;
            for (Object[] m : either) {
                OffsetDateTime at = offsetDateTime(m[0]);
                if (at.isAfter(known)) {
                    after = at;
                    afterMax = ((Number) m[1]).intValue();
                } else {
                    before = at;
                    beforeMax = ((Number) m[1]).intValue();
                }
            }
            if (before == null && after == null) {
                return present(summed(
                        pointSums("point_date <= :asOf AND recorded_at <= :knownAt", asOf, known, null, null),
                        List.of()));
            }
            boolean fromAfter = before == null
                    || (after != null && Duration.between(known, after).compareTo(Duration.between(before, known)) < 0);
            OffsetDateTime chosen = fromAfter ? after : before;
            int month = Math.min(whole, fromAfter ? afterMax : beforeMax);
            // The month as a constant, not LEAST(whole, max_month) in the join: the planner then always seeks one
            // month's rows, even for a checkpoint newer than its statistics (estimated at one row, it scanned all
            // 133,000 of the checkpoint's rows and filtered them).
            List<Object[]> rows = session.createNativeQuery(
                            "SELECT m.max_month, c.counterparty_id, c.currency, c.direction, c.committed,"
                                    + " c.elapsed, c.elapsed_slope, c.slope_times_base, c.potential, c.deals,"
                                    + " c.commitments, c.amendments, c.options_open, c.options_exercised, c.points"
                                    + " FROM read_model.rm_figure_checkpoint_mark m"
                                    + " LEFT JOIN read_model.rm_figure_checkpoint c ON c.checkpoint_at = :chosen"
                                    + " AND c.month_index = :month WHERE m.checkpoint_at = :chosen",
                            Object[].class)
                    .setParameter("month", month)
                    .setParameter("chosen", chosen)
                    .getResultList();
            if (rows.isEmpty()) {
                // Thinned since the first statement: possible on embedded H2 only, which reads each statement as of
                // its own moment. PostgreSQL reads the whole answer from one snapshot.
                continue;
            }
            List<PointSums> parts = new ArrayList<>();
            for (Object[] r : rows) {
                if (r[1] != null) {
                    parts.add(pointSums(Arrays.copyOfRange(r, 1, r.length)));
                }
            }
            // The points of asOf's own month dated by it and recorded by the checkpoint, which its row for the month
            // before leaves out. There are none when asOf is its month's last day (the row is that month's), or when
            // the checkpoint's last month is before asOf's (no point it covers is dated after that month). Otherwise
            // asOf lies inside its month, before the last day, so only points dated inside a month can count: the
            // predicate of the index that holds those in date order with every column summed (migration
            // "mid_month_points"), which the database then reads alone.
            if (month == whole && !asOf.equals(FigureCheckpoints.lastDayOf(month))) {
                parts.addAll(pointSums(
                        "point_date > :from AND point_date <= :asOf AND recorded_at <= :knownAt AND "
                                + FigureCheckpoints.INSIDE_A_MONTH,
                        asOf,
                        chosen,
                        FigureCheckpoints.lastDayOf(month),
                        null));
            }
            if (!fromAfter) {
                parts.addAll(pointSums(
                        "point_date <= :asOf AND recorded_at > :after AND recorded_at <= :knownAt",
                        asOf,
                        known,
                        null,
                        chosen));
                return present(summed(parts, List.of()));
            }
            return present(summed(
                    parts,
                    pointSums(
                            "point_date <= :asOf AND recorded_at > :after AND recorded_at <= :knownAt",
                            asOf,
                            chosen,
                            null,
                            known)));
        }
    }

    private List<PointSums> pointSums(
            String where, LocalDate asOf, OffsetDateTime knownAt, LocalDate from, OffsetDateTime after) {
        var query = session.createNativeQuery(
                        "SELECT counterparty_id, currency, direction, SUM(committed), SUM(elapsed),"
                                + " SUM(elapsed_slope), " + FigureCheckpoints.SLOPE_TIMES_BASE_SUMS + ","
                                + " SUM(potential), SUM(deals), SUM(commitments), SUM(amendments), SUM(options_open),"
                                + " SUM(options_exercised), COUNT(*) FROM read_model.rm_figure_point WHERE " + where
                                + " GROUP BY counterparty_id, currency, direction",
                        Object[].class)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt);
        if (from != null) {
            query.setParameter("from", from);
        }
        if (after != null) {
            query.setParameter("after", after);
        }
        return query.getResultList().stream()
                .map(r -> {
                    // The slope times base comes in two parts; the checkpoint's row holds it whole.
                    Object[] whole = new Object[r.length - 1];
                    System.arraycopy(r, 0, whole, 0, 6);
                    whole[6] = FigureCheckpoints.slopeTimesBase(r[6], r[7]);
                    System.arraycopy(r, 8, whole, 7, r.length - 8);
                    return pointSums(whole);
                })
                .toList();
    }

    private static PointSums pointSums(Object[] r) {
        return new PointSums(
                (String) r[0],
                ((String) r[1]).trim(),
                Direction.valueOf((String) r[2]),
                FigureSums.of(
                        integer(r[3]),
                        integer(r[4]),
                        integer(r[5]),
                        integer(r[6]),
                        integer(r[7]),
                        ((Number) r[8]).longValue(),
                        ((Number) r[9]).longValue(),
                        ((Number) r[10]).longValue(),
                        ((Number) r[11]).longValue(),
                        ((Number) r[12]).longValue()),
                ((Number) r[13]).longValue());
    }

    /** Each key's parts added up, less what it has in {@code takenAway}. */
    private static List<PointSums> summed(List<PointSums> parts, List<PointSums> takenAway) {
        Map<List<Object>, PointSums> byKey = new LinkedHashMap<>();
        for (PointSums p : parts) {
            byKey.merge(
                    List.of(p.counterpartyId(), p.currency(), p.direction()),
                    p,
                    (a, b) -> new PointSums(
                            a.counterpartyId(),
                            a.currency(),
                            a.direction(),
                            new FigureSums().add(a.sums()).add(b.sums()),
                            a.points() + b.points()));
        }
        for (PointSums t : takenAway) {
            byKey.computeIfPresent(
                    List.of(t.counterpartyId(), t.currency(), t.direction()),
                    (k, a) -> new PointSums(
                            a.counterpartyId(),
                            a.currency(),
                            a.direction(),
                            new FigureSums().add(a.sums()).subtract(t.sums()),
                            a.points() - t.points()));
        }
        return List.copyOf(byKey.values());
    }

    /** The keys with a visible point. */
    private static List<PointSums> present(List<PointSums> sums) {
        return sums.stream().filter(s -> s.points() > 0).toList();
    }

    private static OffsetDateTime offsetDateTime(Object value) {
        if (value instanceof OffsetDateTime o) {
            return o;
        }
        if (value instanceof Instant i) {
            return Instants.utc(i);
        }
        if (value instanceof java.sql.Timestamp t) {
            return Instants.utc(t.toInstant());
        }
        throw new IllegalStateException("not an instant: " + value.getClass());
    }

    private static BigInteger integer(Object sum) {
        return sum instanceof BigInteger i ? i : FigureCheckpoints.integer(sum);
    }

    /**
     * Hands {@code use} the commitment facts visible at (asOf, knownAt), each commitment's together in position order,
     * read from a JDBC cursor row by row: the caller holds only what it keeps. Only the columns the derivations need
     * are read; the stream is valid inside {@code use} only.
     *
     * <p>Only one counterparty's commitments when {@code counterpartyId} is not null, and only one direction's when
     * {@code direction} is not null: a read about one counterparty then reads its own facts through the counterparty
     * index, not the whole ledger's, and a disclosure, which is of one direction, does not read the other direction's.
     */
    public <R> R withCommitmentFactsByCommitment(
            LocalDate asOf,
            Instant knownAt,
            String counterpartyId,
            Direction direction,
            Function<Stream<CommitmentFactRow>, R> use) {
        List<Object> filters = new ArrayList<>();
        if (counterpartyId != null) {
            filters.add(counterpartyId);
        }
        if (direction != null) {
            filters.add(direction.name());
        }
        return streamRows(
                "SELECT position, kind, deal_id, counterparty_id, direction, currency, commitment_id, effective_date,"
                        + " amount_minor, term_start, term_end, amendment_id FROM read_model.rm_commitment_fact"
                        + " WHERE effective_date <= ? AND recorded_at <= ?"
                        + (counterpartyId == null ? "" : " AND counterparty_id = ?")
                        + (direction == null ? "" : " AND direction = ?")
                        + " ORDER BY deal_id, commitment_id, position",
                asOf,
                knownAt,
                filters,
                rs -> {
                    long amount = rs.getLong(9);
                    Long amountMinor = rs.wasNull() ? null : amount;
                    return new CommitmentFactRow(
                            rs.getLong(1),
                            CommitmentFactEntity.Kind.valueOf(rs.getString(2)),
                            rs.getString(3),
                            // One counterparty's facts all carry its id: not decoded again for each row.
                            counterpartyId != null ? counterpartyId : rs.getString(4),
                            Direction.valueOf(rs.getString(5)),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getObject(8, LocalDate.class),
                            amountMinor,
                            rs.getObject(10, LocalDate.class),
                            rs.getObject(11, LocalDate.class),
                            rs.getString(12));
                },
                use);
    }

    /** The option facts visible at (asOf, knownAt), each option's together in position order; see above. */
    public <R> R withOptionFactsByOption(LocalDate asOf, Instant knownAt, Function<Stream<OptionFactEntity>, R> use) {
        return streamRows(
                "SELECT position, kind, deal_id, counterparty_id, direction, currency, option_id, effective_date,"
                        + " amount_minor, exercisable_from, expires_on, commitment_id FROM read_model.rm_option_fact"
                        + " WHERE effective_date <= ? AND recorded_at <= ? ORDER BY deal_id, option_id, position",
                asOf,
                knownAt,
                List.of(),
                rs -> {
                    OptionFactEntity f = new OptionFactEntity();
                    f.position = rs.getLong(1);
                    f.kind = OptionFactEntity.Kind.valueOf(rs.getString(2));
                    f.dealId = rs.getString(3);
                    f.counterpartyId = rs.getString(4);
                    f.direction = Direction.valueOf(rs.getString(5));
                    f.currency = rs.getString(6);
                    f.optionId = rs.getString(7);
                    f.effectiveDate = rs.getObject(8, LocalDate.class);
                    f.amountMinor = rs.getLong(9);
                    f.exercisableFrom = rs.getObject(10, LocalDate.class);
                    f.expiresOn = rs.getObject(11, LocalDate.class);
                    f.commitmentId = rs.getString(12);
                    return f;
                },
                use);
    }

    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /**
     * Runs {@code sql} on the session's own connection (its transaction) and streams the mapped rows to {@code use}.
     * Its parameters are asOf, knownAt and then {@code filters}, in the order of their placeholders.
     */
    private <T, R> R streamRows(
            String sql,
            LocalDate asOf,
            Instant knownAt,
            List<Object> filters,
            RowMapper<T> mapper,
            Function<Stream<T>, R> use) {
        session.flush();
        return session.doReturningWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setFetchSize(STREAM_FETCH_SIZE);
                ps.setObject(1, asOf);
                ps.setObject(2, Instants.utc(knownAt));
                for (int i = 0; i < filters.size(); i++) {
                    ps.setObject(3 + i, filters.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    Spliterator<T> rows = new Spliterators.AbstractSpliterator<T>(Long.MAX_VALUE, Spliterator.ORDERED) {
                        @Override
                        public boolean tryAdvance(Consumer<? super T> action) {
                            try {
                                if (!rs.next()) {
                                    return false;
                                }
                                action.accept(mapper.map(rs));
                                return true;
                            } catch (SQLException e) {
                                throw new IllegalStateException("could not read the facts", e);
                            }
                        }
                    };
                    return use.apply(StreamSupport.stream(rows, false));
                }
            }
        });
    }

    /** The projection's change journal (db/migration V5) as this read's transaction sees it. */
    public ProjectionChanges changeJournal() {
        return new ProjectionChanges() {
            @Override
            public Version current() {
                return session.doReturningWork(connection -> {
                    try (PreparedStatement ps = connection.prepareStatement(
                                    "SELECT version, max_recorded_at FROM read_model.rm_change_version WHERE id = 1");
                            ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            throw new IllegalStateException("the change journal has no version row");
                        }
                        OffsetDateTime max = rs.getObject(2, OffsetDateTime.class);
                        return new Version(rs.getLong(1), max == null ? null : max.toInstant());
                    }
                });
            }

            @Override
            public Changes between(long after, long upTo) {
                return session.doReturningWork(connection -> {
                    try (PreparedStatement ps = connection.prepareStatement(
                            "SELECT count(*), min(min_recorded_at) FROM read_model.rm_change_log"
                                    + " WHERE version > ? AND version <= ?")) {
                        ps.setLong(1, after);
                        ps.setLong(2, upTo);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            OffsetDateTime min = rs.getObject(2, OffsetDateTime.class);
                            return new Changes(rs.getLong(1), min == null ? null : min.toInstant());
                        }
                    }
                });
            }
        };
    }

    /**
     * The exchange-rate facts with {@code currency} on either side, dated on or before asOf and recorded by knownAt:
     * everything a read in that reporting currency may convert with (docs/domain.md, "Reporting currency").
     */
    public List<FxRateEntity> fxRatesWith(String currency, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from FxRateEntity r where (r.baseCurrency = :currency or r.quoteCurrency = :currency)"
                                + " and r.rateDate <= :asOf and r.recordedAt <= :knownAt order by r.position",
                        FxRateEntity.class)
                .setParameter("currency", currency)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    /** The facts of one pair as recorded (never inverted), dated on or before asOf and recorded by knownAt. */
    public List<FxRateEntity> fxRatesOf(String baseCurrency, String quoteCurrency, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from FxRateEntity r where r.baseCurrency = :base and r.quoteCurrency = :quote"
                                + " and r.rateDate <= :asOf and r.recordedAt <= :knownAt order by r.position",
                        FxRateEntity.class)
                .setParameter("base", baseCurrency)
                .setParameter("quote", quoteCurrency)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public List<DealEntity> dealsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from DealEntity d where d.dealId = :dealId and d.effectiveDate <= :asOf"
                                + " and d.recordedAt <= :knownAt",
                        DealEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public List<CommitmentFactEntity> commitmentFactsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from CommitmentFactEntity f where f.dealId = :dealId and f.effectiveDate <= :asOf"
                                + " and f.recordedAt <= :knownAt order by f.position",
                        CommitmentFactEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    public List<OptionFactEntity> optionFactsOfDeal(String dealId, LocalDate asOf, Instant knownAt) {
        return session.createSelectionQuery(
                        "from OptionFactEntity f where f.dealId = :dealId and f.effectiveDate <= :asOf"
                                + " and f.recordedAt <= :knownAt order by f.position",
                        OptionFactEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("asOf", asOf)
                .setParameter("knownAt", knownAt)
                .getResultList();
    }

    /** Facts of one deal recorded by knownAt (and effective by asOf when given), in recorded order, after a cursor. */
    public List<HistoryEntryEntity> history(String dealId, LocalDate asOf, Instant knownAt, long after, int limit) {
        return session.createSelectionQuery(
                        "from HistoryEntryEntity h where h.dealId = :dealId and h.recordedAt <= :knownAt"
                                + " and h.effectiveDate <= :asOf and h.position > :after order by h.position",
                        HistoryEntryEntity.class)
                .setParameter("dealId", dealId)
                .setParameter("knownAt", knownAt)
                .setParameter("asOf", asOf == null ? LocalDate.of(9999, 12, 31) : asOf)
                .setParameter("after", after)
                .setMaxResults(limit)
                .getResultList();
    }

    /** The counterparty's deals recorded by {@code knownAt}, in recorded order. */
    /**
     * One page of the counterparty's deals recorded by knownAt, in recorded order: a large counterparty has thousands,
     * and the console lists them a page at a time.
     */
    public List<DealEntity> dealsOfCounterparty(String counterpartyId, Instant knownAt, int offset, int limit) {
        return session.createSelectionQuery(
                        "from DealEntity d where d.counterpartyId = :cp and d.recordedAt <= :knownAt order by d.position",
                        DealEntity.class)
                .setParameter("cp", counterpartyId)
                .setParameter("knownAt", knownAt)
                .setFirstResult(offset)
                .setMaxResults(limit)
                .getResultList();
    }

    /** How many deals of the counterparty are recorded by knownAt. */
    public long countDealsOfCounterparty(String counterpartyId, Instant knownAt) {
        return session.createSelectionQuery(
                        "select count(d) from DealEntity d where d.counterpartyId = :cp and d.recordedAt <= :knownAt",
                        Long.class)
                .setParameter("cp", counterpartyId)
                .setParameter("knownAt", knownAt)
                .getSingleResult();
    }

    /** One figure point of a restatement's window: its fact's position, its key and what it adds from its date. */
    public record WindowPoint(
            long position, String counterpartyId, String currency, Direction direction, FigurePoint point) {}

    /**
     * The figure points recorded in (from, to] and dated by asOf, of keys in the given directions (and currencies,
     * unless null), in no particular order: each fact's own steps (docs/adr/0007), what a restatement walks. Of other
     * counterparties than {@code counterpartyId}, only the points that move a remaining: the rest (an option's
     * potential, a count) move nothing of this counterparty's; every point with a null {@code counterpartyId}. Handed to {@code use} row by row from a cursor, so a
     * caller that stops early has read no further.
     */
    public <R> R withFigurePointsRecordedBetween(
            String counterpartyId,
            Collection<String> currencies,
            Collection<Direction> directions,
            LocalDate asOf,
            Instant from,
            Instant to,
            Function<Stream<WindowPoint>, R> use) {
        if (directions.isEmpty() || (currencies != null && currencies.isEmpty())) {
            return use.apply(Stream.empty());
        }
        List<Object> filters = new ArrayList<>();
        filters.add(Instants.utc(from));
        if (counterpartyId != null) {
            filters.add(counterpartyId);
        }
        directions.forEach(d -> filters.add(d.name()));
        if (currencies != null) {
            filters.addAll(currencies);
        }
        return streamRows(
                "SELECT position, counterparty_id, currency, direction, committed, elapsed, elapsed_slope, slope_base,"
                        + " potential, deals, commitments, amendments, options_open, options_exercised"
                        + " FROM read_model.rm_figure_point WHERE point_date <= ? AND recorded_at <= ?"
                        + " AND recorded_at > ?"
                        + (counterpartyId == null
                                ? ""
                                : " AND (counterparty_id = ? OR committed <> 0 OR elapsed <> 0 OR elapsed_slope <> 0)")
                        + " AND direction IN (" + placeholders(directions.size()) + ")"
                        + (currencies == null ? "" : " AND currency IN (" + placeholders(currencies.size()) + ")"),
                asOf,
                to,
                filters,
                rs -> new WindowPoint(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3).trim(),
                        Direction.valueOf(rs.getString(4)),
                        // Every point read is dated by asOf, and a sum of them reads the same at any such date: the
                        // date
                        // itself is not needed.
                        new FigurePoint(
                                asOf,
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getLong(7),
                                rs.getLong(8),
                                rs.getLong(9),
                                rs.getLong(10),
                                rs.getLong(11),
                                rs.getLong(12),
                                rs.getLong(13),
                                rs.getLong(14))),
                use);
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** What the history says was recorded at one position: enough to tell a cause's kind. */
    public record RecordedEvent(long position, String eventType, LocalDate effectiveDate, Instant recordedAt) {}

    /**
     * The event type, effective date and recorded instant of each event of the counterparty recorded in (from, to], by
     * its history index.
     */
    public List<RecordedEvent> recordedEventsOf(String counterpartyId, Instant from, Instant to) {
        return session
                .createSelectionQuery(
                        "select h.position, h.eventType, h.effectiveDate, h.recordedAt from HistoryEntryEntity h"
                                + " where h.counterpartyId = :cp and h.recordedAt > :from and h.recordedAt <= :to",
                        Object[].class)
                .setParameter("cp", counterpartyId)
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList()
                .stream()
                .map(r -> new RecordedEvent((Long) r[0], (String) r[1], (LocalDate) r[2], (Instant) r[3]))
                .toList();
    }

    /** The history rows at the given positions, in ascending position. */
    public List<HistoryEntryEntity> historyAt(List<Long> positions) {
        List<HistoryEntryEntity> rows = inChunks(
                positions,
                chunk -> session.createSelectionQuery(
                                "from HistoryEntryEntity h where h.position in :positions", HistoryEntryEntity.class)
                        .setParameter("positions", chunk)
                        .getResultList());
        rows.sort(java.util.Comparator.comparingLong(h -> h.position));
        return rows;
    }

    /** Values per IN-list: a long list would otherwise become one statement with unbounded parameters. */
    private static final int IN_CHUNK = 500;

    private static <T, R> List<R> inChunks(List<T> values, Function<List<T>, List<R>> query) {
        List<R> out = new java.util.ArrayList<>();
        for (int from = 0; from < values.size(); from += IN_CHUNK) {
            out.addAll(query.apply(values.subList(from, Math.min(values.size(), from + IN_CHUNK))));
        }
        return out;
    }
}
