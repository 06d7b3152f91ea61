package dev.dealledger.query.projection;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;

/**
 * Rows the projection inserts without the persistence context: queued per table during a projection transaction and
 * inserted as one JDBC batch per table just before it commits, or at once outside a unit of work. Only for rows that
 * are written once and never changed: the figure points (3.7 a fact on the benchmark's ledger), the history (one an
 * event) and the facts themselves, which is all a rebuild writes but a counterparty and a close. A step that needs a row
 * its own transaction queued reads it from {@link #pending}. Through
 * Hibernate a rebuild spent about a third of the query service's samples in its insert path (docs/benchmarks.md,
 * W2). Inserting them before the transaction's other rows are flushed changes nothing a reader can see: all commit
 * together, or none.
 */
final class BatchedInserts {

    /** Sets the parameters of {@code ps} from {@code row}. */
    interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** One table's insert statement and how a row fills it. */
    record Table<T>(String insert, Binder<T> binder) {}

    /** The current transaction's queues, each as the action that inserts and empties it. */
    private static final String QUEUES = BatchedInserts.class.getName() + ".queues";

    private BatchedInserts() {}

    /** Queues {@code rows} for {@code table} in the current transaction, or inserts them at once outside one. */
    static <T> void add(Session session, Table<T> table, List<T> rows) {
        if (!CurrentUnitOfWork.isStarted()) {
            insert(session, table, rows);
            return;
        }
        UnitOfWork<?> root = CurrentUnitOfWork.get().root();
        // Keyed by the statement itself: a name built per call would allocate a few hundred bytes for every point.
        // Looked up before, not inside, the table's own: resources are one HashMap, which refuses a nested compute. One
        // handler before the commit inserts every table's queue.
        List<Runnable> queues = root.getOrComputeResource(QUEUES, q -> {
            List<Runnable> created = new ArrayList<>();
            root.onPrepareCommit(u -> created.forEach(Runnable::run));
            return created;
        });
        List<T> pending = root.getOrComputeResource(table.insert(), k -> {
            List<T> queued = new ArrayList<>();
            queues.add(() -> {
                insert(session, table, queued);
                queued.clear();
            });
            return queued;
        });
        pending.addAll(rows);
    }

    /**
     * Inserts every row the current transaction queued, now rather than at the queues' turn before the commit, and
     * leaves them empty. For a last statement that must follow all of them ({@link ChangeJournal}).
     */
    static void insertQueued() {
        if (!CurrentUnitOfWork.isStarted()) {
            return;
        }
        List<Runnable> queues = CurrentUnitOfWork.get().root().getResource(QUEUES);
        if (queues != null) {
            queues.forEach(Runnable::run);
        }
    }

    /**
     * The rows queued for {@code table} in the current transaction and not yet inserted: a statement in the same
     * transaction does not see them, so a projection step that needs a row its own batch wrote reads it here.
     */
    static <T> List<T> pending(Table<T> table) {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        List<T> queued = CurrentUnitOfWork.get().root().getResource(table.insert());
        return queued == null ? List.of() : queued;
    }

    private static <T> void insert(Session session, Table<T> table, List<T> rows) {
        if (rows.isEmpty()) {
            return;
        }
        session.doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(table.insert())) {
                for (T row : rows) {
                    table.binder().bind(ps, row);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }
}
