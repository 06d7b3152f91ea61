package dev.dealledger.query.projection;

import dev.dealledger.query.readmodel.Instants;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;

/**
 * Writes the change journal (db/migration V5, read by {@link dev.dealledger.query.read.KeptAnswers}): once per
 * projection transaction, just before it commits, the version row is bumped and the earliest recorded instant the
 * transaction projected is logged under the new version. The version row's lock orders versions as the commits.
 */
final class ChangeJournal {

    /** Journal entries kept; a cached answer older than this many projection transactions is recomputed. */
    static final long RETAINED_VERSIONS = 10_000;

    private static final String RESOURCE = ChangeJournal.class.getName();

    private ChangeJournal() {}

    /** Notes that the current transaction projects an event recorded at {@code recordedAt}. */
    static void touched(Session session, Instant recordedAt) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(session, recordedAt, recordedAt);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        Span span = root.getOrComputeResource(RESOURCE, k -> {
            Span created = new Span();
            root.onPrepareCommit(u -> {
                // The version row stays locked from its update until the commit, so each projection worker's commit
                // waits for the one before. Every other write of the transaction goes first, including the rows it
                // queued after its first history entry, so that the workers' transactions overlap in all but this
                // step and the commit. Before, those rows were inserted under the lock: in database samples of a
                // rebuild, about a sixth of the active sessions waited on it.
                BatchedInserts.insertQueued();
                session.flush();
                write(session, created.min, created.max);
            });
            return created;
        });
        span.add(recordedAt);
    }

    /** Everything cached before a rebuild is void: the log is emptied, so no older version can be proven current. */
    static void reset(Session session) {
        session.createNativeMutationQuery("DELETE FROM read_model.rm_change_log")
                .executeUpdate();
        session.createNativeMutationQuery(
                        "UPDATE read_model.rm_change_version SET version = version + 1, max_recorded_at = NULL"
                                + " WHERE id = 1")
                .executeUpdate();
    }

    private static void write(Session session, Instant min, Instant max) {
        OffsetDateTime minAt = Instants.utc(min);
        OffsetDateTime maxAt = Instants.utc(max);
        session.createNativeMutationQuery("UPDATE read_model.rm_change_version SET version = version + 1,"
                        + " max_recorded_at = GREATEST(COALESCE(max_recorded_at, :max), :max) WHERE id = 1")
                .setParameter("max", maxAt)
                .executeUpdate();
        session.createNativeMutationQuery("INSERT INTO read_model.rm_change_log (version, min_recorded_at)"
                        + " SELECT version, :min FROM read_model.rm_change_version WHERE id = 1")
                .setParameter("min", minAt)
                .executeUpdate();
        session.createNativeMutationQuery("DELETE FROM read_model.rm_change_log WHERE version <= (SELECT version - "
                        + RETAINED_VERSIONS + " FROM read_model.rm_change_version WHERE id = 1)")
                .executeUpdate();
    }

    private static final class Span {
        Instant min;
        Instant max;

        void add(Instant at) {
            if (min == null || at.isBefore(min)) {
                min = at;
            }
            if (max == null || at.isAfter(max)) {
                max = at;
            }
        }
    }
}
