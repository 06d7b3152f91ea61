package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.hibernate.Session;
import org.hibernate.jdbc.Work;
import org.hibernate.query.MutationQuery;
import org.junit.jupiter.api.Test;

/**
 * The change journal's version row stays locked from its update until the commit, so the projection workers' commits
 * queue behind it: it must be the transaction's last write, after every batched insert, whichever table was queued
 * first. The session here only records the statements it is asked to run, in order.
 */
class WritingTheChangeJournalLastTest {

    private static final BatchedInserts.Table<String> FACTS =
            new BatchedInserts.Table<>("INSERT INTO facts", (ps, row) -> ps.setString(1, row));
    private static final BatchedInserts.Table<String> HISTORY =
            new BatchedInserts.Table<>("INSERT INTO history", (ps, row) -> ps.setString(1, row));

    private final List<String> statements = new ArrayList<>();
    private final Session session = recordingSession();

    @Test
    void the_version_row_is_updated_after_the_rows_queued_after_it() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericEventMessage.asEventMessage("an event"));
        // As the projection does: a fact's rows, then its history entry, which registers the journal, then the
        // history row and a table the batch first meets after that.
        BatchedInserts.add(session, FACTS, List.of("fact 1"));
        ChangeJournal.touched(session, Instant.parse("2026-01-01T00:00:00Z"));
        BatchedInserts.add(session, HISTORY, List.of("history 1"));
        BatchedInserts.add(session, FACTS, List.of("fact 2"));
        unitOfWork.commit();

        int versionUpdate = indexOfStart("UPDATE read_model.rm_change_version");
        assertThat(versionUpdate).isPositive();
        assertThat(statements.indexOf("INSERT INTO facts")).isBetween(0, versionUpdate - 1);
        assertThat(statements.indexOf("INSERT INTO history")).isBetween(0, versionUpdate - 1);
        // After the update only the journal's own log rows, up to the commit.
        assertThat(statements.subList(versionUpdate + 1, statements.size()))
                .allMatch(sql -> sql.contains("read_model.rm_change_log"));
        // Each queue is inserted once: by the journal's turn, and not again at its own.
        assertThat(statements).containsOnlyOnce("INSERT INTO facts", "INSERT INTO history");
    }

    private int indexOfStart(String prefix) {
        for (int i = 0; i < statements.size(); i++) {
            if (statements.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }

    /** A session that runs nothing: a batch's statement and each native mutation are recorded when executed. */
    private Session recordingSession() {
        return proxy(Session.class, (method, args) -> switch (method) {
            case "doWork" -> {
                ((Work) args[0]).execute(recordingConnection());
                yield null;
            }
            case "createNativeMutationQuery" -> mutation((String) args[0]);
            default -> null;
        });
    }

    private Connection recordingConnection() {
        return proxy(
                Connection.class,
                (method, args) -> method.equals("prepareStatement")
                        ? proxy(PreparedStatement.class, (m, a) -> {
                            if (m.equals("executeBatch")) {
                                statements.add((String) args[0]);
                                return new int[0];
                            }
                            return null;
                        })
                        : null);
    }

    private MutationQuery mutation(String sql) {
        MutationQuery[] self = new MutationQuery[1];
        self[0] = proxy(MutationQuery.class, (method, args) -> switch (method) {
            case "executeUpdate" -> {
                statements.add(sql);
                yield 1;
            }
            case "setParameter" -> self[0];
            default -> null;
        });
        return self[0];
    }

    private interface Handler {
        Object handle(String method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        return type.cast(Proxy.newProxyInstance(
                WritingTheChangeJournalLastTest.class.getClassLoader(),
                new Class<?>[] {type},
                (p, method, args) -> handler.handle(method.getName(), args)));
    }
}
