package dev.dealledger.query.projection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.api.Direction;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentTerminatedEvent;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.model.steps.FigurePoint;
import dev.dealledger.model.steps.FigureSteps;
import dev.dealledger.model.steps.OptionVersion;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.FigurePointEntity;
import dev.dealledger.query.readmodel.Instants;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.FlushMode;
import org.hibernate.Session;

/**
 * Stores each fact's own step as figure points (docs/adr/0007), beside the fact's row and in its transaction. A
 * commitment's step needs the commitment as known before the fact: its earlier rows, kept in memory per commitment
 * (a few hundred bytes each) so that a rebuild does not read them back for every amendment, only the position of the
 * newest. The kept rows are used only while they end before the fact and no newer one is stored: a batch rolled back
 * and retried finds them ending at or after it, and a fact another replica projected is newer; either way the
 * committed rows are read instead.
 */
final class FigurePoints {

    /** One commitment's rows as projected so far, and the position of the last. */
    private record Known(List<CommitmentFactEntity> rows, long lastPosition) {}

    /**
     * The points, inserted in one batch per transaction ({@link BatchedInserts}) into the columns that
     * {@link FigurePointEntity} maps for reading.
     */
    private static final BatchedInserts.Table<PointRow> POINTS = new BatchedInserts.Table<>(
            "INSERT INTO read_model.rm_figure_point (position, seq, counterparty_id, currency, direction, recorded_at,"
                    + " point_date, committed, elapsed, elapsed_slope, slope_base, potential, deals, commitments,"
                    + " amendments, options_open, options_exercised)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            FigurePoints::bind);

    /** One point of one fact's step, under the fact's position, recorded instant and key. */
    private record PointRow(
            long position,
            int seq,
            String counterpartyId,
            String currency,
            Direction direction,
            Instant recordedAt,
            FigurePoint point) {}

    private final Cache<String, Known> commitments;

    /** Grants by deal and option, for their exercise; a grant never changes once projected. */
    private final Cache<String, OptionFactEntity> grants;

    FigurePoints(long commitmentsKept) {
        // Evicting on the projecting thread, so that a size of 0 keeps nothing at all (a test projects that way).
        commitments = Caffeine.newBuilder()
                .maximumSize(commitmentsKept)
                .executor(Runnable::run)
                .build();
        grants = Caffeine.newBuilder()
                .maximumSize(commitmentsKept)
                .executor(Runnable::run)
                .build();
    }

    void reset() {
        commitments.invalidateAll();
        grants.invalidateAll();
    }

    void deal(Session session, DealEntity deal) {
        store(
                session,
                deal.position,
                0,
                deal.counterpartyId,
                deal.currency,
                deal.direction,
                deal.recordedAt,
                FigureSteps.ofDeal(deal.effectiveDate));
    }

    /** Stores the step of commitment fact {@code row} from point number {@code seq} on; answers the next number. */
    int commitment(Session session, CommitmentFactEntity row, int seq) {
        String key = row.dealId + "/" + row.commitmentId;
        List<CommitmentFactEntity> before = before(session, key, row);
        List<CommitmentFactEntity> after = new ArrayList<>(before);
        after.add(row);
        commitments.put(key, new Known(List.copyOf(after), row.position));
        CommitmentTimeline was = before.isEmpty() ? null : LedgerFigures.timelineOf(before);
        List<FigurePoint> step = FigureSteps.ofCommitment(was, LedgerFigures.timelineOf(after));
        return store(session, row.position, seq, row.counterpartyId, row.currency, row.direction, row.recordedAt, step);
    }

    private List<CommitmentFactEntity> before(Session session, String key, CommitmentFactEntity row) {
        if (row.kind == CommitmentFactEntity.Kind.RECORDED) {
            return List.of();
        }
        Known known = commitments.getIfPresent(key);
        if (known != null
                && known.lastPosition() < row.position
                && newestStored(session, row) <= known.lastPosition()) {
            return known.rows();
        }
        // The committed rows, then those this transaction queued and has not inserted yet.
        List<CommitmentFactEntity> rows = new ArrayList<>(session.createSelectionQuery(
                        "from CommitmentFactEntity f where f.dealId = :deal and f.commitmentId = :commitment"
                                + " and f.position < :position order by f.position",
                        CommitmentFactEntity.class)
                .setParameter("deal", row.dealId)
                .setParameter("commitment", row.commitmentId)
                .setParameter("position", row.position)
                .getResultList());
        for (CommitmentFactEntity queued : BatchedInserts.pending(FactRows.COMMITMENT_FACTS)) {
            if (queued.position < row.position
                    && queued.dealId.equals(row.dealId)
                    && queued.commitmentId.equals(row.commitmentId)) {
                rows.add(queued);
            }
        }
        rows.sort(Comparator.comparingLong(f -> f.position));
        return rows;
    }

    /**
     * The position of the commitment's newest committed fact, read once per batch (the batch's own facts are queued,
     * not yet inserted). More than the kept rows know means another replica projected a fact of it while it held the
     * segment (segments move between replicas), so the kept rows are stale. Such a fact was committed before this
     * replica claimed the segment, so one read per batch sees it: the first amendment or termination of a batch reads
     * the newest position of every commitment the batch amends or terminates.
     */
    private static long newestStored(Session session, CommitmentFactEntity row) {
        String key = row.dealId + "/" + row.commitmentId;
        Map<String, Long> newest = batchNewest(session);
        Long stored = newest.get(key);
        if (stored == null) {
            stored = newestOf(session, List.of(Map.entry(row.dealId, row.commitmentId)))
                    .getOrDefault(key, Long.MIN_VALUE);
            newest.put(key, stored);
        }
        return stored;
    }

    private static final String NEWEST_RESOURCE = FigurePoints.class.getName() + ".newest";

    /** The newest stored position per commitment the current batch amends or terminates, read once per batch. */
    private static Map<String, Long> batchNewest(Session session) {
        if (!CurrentUnitOfWork.isStarted()) {
            return new HashMap<>();
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        return root.getOrComputeResource(NEWEST_RESOURCE, k -> {
            List<Map.Entry<String, String>> changed = new ArrayList<>();
            List<? extends EventMessage<?>> messages = root instanceof BatchingUnitOfWork<?> batch
                    ? batch.getMessages().stream().map(m -> (EventMessage<?>) m).toList()
                    : List.of((EventMessage<?>) root.getMessage());
            for (EventMessage<?> m : messages) {
                // By type first: the payload of any other event is not deserialized here.
                if (m.getPayloadType() == CommitmentAmendedEvent.class
                        && m.getPayload() instanceof CommitmentAmendedEvent e) {
                    changed.add(Map.entry(e.dealId(), e.commitmentId()));
                } else if (m.getPayloadType() == CommitmentTerminatedEvent.class
                        && m.getPayload() instanceof CommitmentTerminatedEvent e) {
                    changed.add(Map.entry(e.dealId(), e.commitmentId()));
                }
            }
            return newestOf(session, changed);
        });
    }

    /**
     * The newest stored position of each commitment in {@code commitments}, {@link Long#MIN_VALUE} for one with none.
     * One indexed lookup per commitment, joined into one statement: a single {@code deal_id IN (...)} would be
     * planned as a scan of the whole table where statistics are missing, as they are while a rebuild fills it. Each is
     * the last entry of one range of the (deal, commitment, position) index (migration "newest_fact_of_a_commitment"),
     * so cheap that PostgreSQL plans the statement without parallel workers.
     */
    private static Map<String, Long> newestOf(Session session, List<Map.Entry<String, String>> commitments) {
        Map<String, Long> newest = new HashMap<>();
        List<Map.Entry<String, String>> distinct =
                commitments.stream().distinct().toList();
        for (int from = 0; from < distinct.size(); from += COMMITMENTS_PER_READ) {
            List<Map.Entry<String, String>> chunk =
                    distinct.subList(from, Math.min(distinct.size(), from + COMMITMENTS_PER_READ));
            var query = session.createNativeQuery(newestSql(chunk.size()), Object[].class)
                    .setHibernateFlushMode(FlushMode.MANUAL);
            for (int i = 0; i < chunk.size(); i++) {
                query.setParameter("d" + i, chunk.get(i).getKey())
                        .setParameter("c" + i, chunk.get(i).getValue());
            }
            for (Object[] r : query.getResultList()) {
                Map.Entry<String, String> c = chunk.get(((Number) r[0]).intValue());
                newest.put(
                        c.getKey() + "/" + c.getValue(), r[1] == null ? Long.MIN_VALUE : ((Number) r[1]).longValue());
            }
        }
        return newest;
    }

    /** Commitments per read of their newest positions: a batch of the default size (100) takes one. */
    static final int COMMITMENTS_PER_READ = 100;

    /**
     * The lookup of {@code commitments} newest positions: branch {@code i} answers {@code i} and the newest position of
     * the commitment named by the parameters {@code :d<i>} (deal) and {@code :c<i>} (commitment).
     */
    static String newestSql(int commitments) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < commitments; i++) {
            sql.append(i == 0 ? "" : " UNION ALL ")
                    .append("SELECT ")
                    .append(i)
                    .append(", MAX(position) FROM read_model.rm_commitment_fact WHERE deal_id = :d")
                    .append(i)
                    .append(" AND commitment_id = :c")
                    .append(i);
        }
        return sql.toString();
    }

    void optionGranted(Session session, OptionFactEntity grant) {
        grants.put(grant.dealId + "/" + grant.optionId, grant);
        store(
                session,
                grant.position,
                0,
                grant.counterpartyId,
                grant.currency,
                grant.direction,
                grant.recordedAt,
                FigureSteps.ofOption(null, version(grant)));
    }

    /** Stores the step of an exercise from point number {@code seq} on; answers the next number. */
    int optionExercised(Session session, OptionFactEntity exercise, int seq) {
        OptionFactEntity grant = grants.getIfPresent(exercise.dealId + "/" + exercise.optionId);
        if (grant == null) {
            // Not kept (evicted, or granted before this process started): queued by this transaction, or committed.
            grant = BatchedInserts.pending(FactRows.OPTION_FACTS).stream()
                    .filter(o -> o.kind == OptionFactEntity.Kind.GRANTED
                            && o.dealId.equals(exercise.dealId)
                            && o.optionId.equals(exercise.optionId))
                    .findFirst()
                    .orElse(null);
        }
        if (grant == null) {
            grant = session.createSelectionQuery(
                            "from OptionFactEntity o where o.dealId = :deal and o.optionId = :option"
                                    + " and o.kind = :granted",
                            OptionFactEntity.class)
                    .setParameter("deal", exercise.dealId)
                    .setParameter("option", exercise.optionId)
                    .setParameter("granted", OptionFactEntity.Kind.GRANTED)
                    .getSingleResult();
        }
        OptionVersion before = version(grant);
        return store(
                session,
                exercise.position,
                seq,
                exercise.counterpartyId,
                exercise.currency,
                exercise.direction,
                exercise.recordedAt,
                FigureSteps.ofOption(before, before.exercised(exercise.effectiveDate)));
    }

    private static OptionVersion version(OptionFactEntity grant) {
        return new OptionVersion(grant.amountMinor, grant.effectiveDate, grant.expiresOn, null);
    }

    /** Queues the points of one fact's step for the transaction's batch insert; answers the next point number. */
    private static int store(
            Session session,
            long position,
            int seq,
            String counterpartyId,
            String currency,
            Direction direction,
            Instant recordedAt,
            List<FigurePoint> step) {
        List<PointRow> rows = new ArrayList<>(step.size());
        int next = seq;
        for (FigurePoint p : step) {
            rows.add(new PointRow(position, next++, counterpartyId, currency, direction, recordedAt, p));
        }
        BatchedInserts.add(session, POINTS, rows);
        return next;
    }

    /** Sets the parameters of {@link #POINTS}' insert from one point. */
    private static void bind(PreparedStatement ps, PointRow r) throws SQLException {
        FigurePoint p = r.point();
        ps.setLong(1, r.position());
        ps.setInt(2, r.seq());
        ps.setString(3, r.counterpartyId());
        ps.setString(4, r.currency());
        ps.setString(5, r.direction().name());
        ps.setObject(6, Instants.utc(r.recordedAt()));
        ps.setObject(7, p.from());
        ps.setLong(8, p.committed());
        ps.setLong(9, p.elapsed());
        ps.setLong(10, p.elapsedSlope());
        ps.setLong(11, p.slopeBaseMonth());
        ps.setLong(12, p.potential());
        // A single fact moves a count by one at a point, so these fit an int.
        ps.setInt(13, Math.toIntExact(p.deals()));
        ps.setInt(14, Math.toIntExact(p.commitments()));
        ps.setInt(15, Math.toIntExact(p.amendments()));
        ps.setInt(16, Math.toIntExact(p.optionsOpen()));
        ps.setInt(17, Math.toIntExact(p.optionsExercised()));
    }
}
