package dev.dealledger.query.projection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.dealledger.api.Direction;
import dev.dealledger.model.schedule.CommitmentTimeline;
import dev.dealledger.model.steps.FigurePoint;
import dev.dealledger.model.steps.FigureSteps;
import dev.dealledger.model.steps.OptionVersion;
import dev.dealledger.query.derive.LedgerFigures;
import dev.dealledger.query.readmodel.CommitmentFactEntity;
import dev.dealledger.query.readmodel.DealEntity;
import dev.dealledger.query.readmodel.FigurePointEntity;
import dev.dealledger.query.readmodel.OptionFactEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    private final Cache<String, Known> commitments;

    /** Grants by deal and option, for their exercise; a grant never changes once projected. */
    private final Cache<String, OptionFactEntity> grants;

    FigurePoints(long commitmentsKept) {
        commitments = Caffeine.newBuilder().maximumSize(commitmentsKept).build();
        grants = Caffeine.newBuilder().maximumSize(commitmentsKept).build();
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
        return session.createSelectionQuery(
                        "from CommitmentFactEntity f where f.dealId = :deal and f.commitmentId = :commitment"
                                + " and f.position < :position order by f.position",
                        CommitmentFactEntity.class)
                .setParameter("deal", row.dealId)
                .setParameter("commitment", row.commitmentId)
                .setParameter("position", row.position)
                .getResultList();
    }

    /**
     * The position of the commitment's newest fact before {@code row} that is committed (or flushed), without flushing
     * this batch. More than the kept rows know means another replica projected a fact of it while it held the segment
     * (segments move between replicas), so the kept rows are stale. The batch's own unflushed rows are never newer than
     * the kept ones: this instance projected them.
     */
    private static long newestStored(Session session, CommitmentFactEntity row) {
        Long newest = session.createNativeQuery(
                        "SELECT MAX(position) FROM read_model.rm_commitment_fact WHERE deal_id = :deal"
                                + " AND commitment_id = :commitment AND position < :position",
                        Long.class)
                .setHibernateFlushMode(FlushMode.MANUAL)
                .setParameter("deal", row.dealId)
                .setParameter("commitment", row.commitmentId)
                .setParameter("position", row.position)
                .getSingleResult();
        return newest == null ? Long.MIN_VALUE : newest;
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
            // Not kept (evicted, or granted before this process started): read back, as it is committed or
            // flushed by the query's automatic flush.
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

    private static int store(
            Session session,
            long position,
            int seq,
            String counterpartyId,
            String currency,
            Direction direction,
            Instant recordedAt,
            List<FigurePoint> step) {
        int next = seq;
        for (FigurePoint p : step) {
            session.persist(FigurePointEntity.of(position, next++, counterpartyId, currency, direction, recordedAt, p));
        }
        return next;
    }
}
