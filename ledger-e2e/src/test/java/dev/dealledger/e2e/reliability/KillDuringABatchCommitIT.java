package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestDatabase;
import dev.dealledger.testkit.process.ServiceProcess;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command service is killed while PostgreSQL is committing one of its batches. To land the kill there and not
 * anywhere else, the test makes every commit of the event table slow: a deferred constraint trigger, which PostgreSQL
 * runs inside COMMIT, sleeps once per transaction. The kill comes while a backend sleeps in it; PostgreSQL then finishes
 * that commit, so the batch's writes are recorded although no client was told.
 *
 * <p>Then: each acknowledged write is recorded exactly once; each write of the killed batch is recorded whole, and the
 * client's retry with its key, after the restart, gets the original receipt (the position recorded before the kill)
 * and records nothing; every other unacknowledged write is recorded once, by its retry.
 */
class KillDuringABatchCommitIT {

    private static final String DATABASE = "ledger_test_rel_commit_kill";
    private static final int CLIENTS = 8;
    private static final int WRITES_PER_CLIENT = Scale.of(12, 40);
    private static ServiceProcess command;
    private static EventTable events;

    @BeforeAll
    static void start() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (command != null) {
            command.close();
        }
    }

    @Test
    void the_killed_batch_is_recorded_whole_and_its_retries_get_the_original_receipts() throws Exception {
        WriteLoad load = new WriteLoad(command::baseUrl, "commitkill", CLIENTS, WRITES_PER_CLIENT).prepare();
        slowCommits(true);

        load.start();
        load.awaitAcknowledged(CLIENTS);
        awaitCommitsSleeping(true);
        command.kill();
        // The commit that was under way finishes without its client; after that, nothing of the service is left.
        awaitCommitsSleeping(false);
        Thread.sleep(200);
        Map<String, Long> recordedAtKill = new HashMap<>();
        for (EventTable.KeyedEvent e : events.keyedEvents()) {
            recordedAtKill.put(e.idempotencyKey(), e.position());
        }
        Map<String, Long> recordedWithoutAnswer = new HashMap<>();
        for (WriteLoad.Operation op : load.operations()) {
            if (!op.acknowledged && recordedAtKill.containsKey(op.key)) {
                recordedWithoutAnswer.put(op.key, recordedAtKill.get(op.key));
            }
        }
        slowCommits(false);
        command.start();
        load.awaitCompletion();

        WriteLoad.Audit audit = load.audit(events);
        long receiptsChanged = load.operations().stream()
                .filter(op -> recordedWithoutAnswer.containsKey(op.key))
                .filter(op -> op.position != recordedWithoutAnswer.get(op.key))
                .count();
        long eventsBeforeReplay = events.count();
        int replayMismatches = load.replayAcknowledged();
        long recordedByReplay = events.count() - eventsBeforeReplay;
        long incomplete = load.incompleteIdempotencyRecords(events);
        new Summary("command-service-killed-during-a-batch-commit")
                .put("clients", CLIENTS)
                .put("operations", load.operations().size())
                .put("acknowledged", audit.acknowledged())
                .put("recordedByTheKilledCommitWithoutAnswer", recordedWithoutAnswer.size())
                .put("retriedReceiptsThatDiffer", receiptsChanged)
                .put("inDoubtAndRetried", load.retried())
                .put("lost", audit.lost())
                .put("duplicated", audit.duplicated())
                .put("halfRecorded", incomplete)
                .put("replayMismatches", replayMismatches)
                .put("recordedByReplay", recordedByReplay)
                .print();

        assertThat(recordedWithoutAnswer)
                .as("writes the killed commit recorded before any client was told")
                .isNotEmpty();
        assertThat(receiptsChanged).isZero();
        assertThat(load.refusals()).isEmpty();
        assertThat(audit.acknowledged()).isEqualTo(load.operations().size());
        assertThat(audit.keyedEvents()).isEqualTo(audit.acknowledged());
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(incomplete).isZero();
        assertThat(events.streamsWithSequenceHoles()).isZero();
        assertThat(replayMismatches).isZero();
        assertThat(recordedByReplay).isZero();
    }

    /**
     * Installs or removes a deferred constraint trigger on the event table that sleeps 400 ms once per transaction. A
     * deferred trigger runs during COMMIT, after every statement of the batch, so a backend found sleeping in it is
     * committing.
     */
    private static void slowCommits(boolean on) throws SQLException {
        try (Connection c = events.connect();
                Statement s = c.createStatement()) {
            if (on) {
                s.execute(
                        "CREATE OR REPLACE FUNCTION event_store.test_slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$"
                                + " BEGIN"
                                + "  IF current_setting('ledger_test.slept', true) IS DISTINCT FROM txid_current()::text THEN"
                                + "   PERFORM set_config('ledger_test.slept', txid_current()::text, true);"
                                + "   PERFORM pg_sleep(0.4);"
                                + "  END IF;"
                                + "  RETURN NULL;"
                                + " END $$");
                s.execute(
                        "CREATE CONSTRAINT TRIGGER test_slow_commit AFTER INSERT ON event_store.domain_event_entry"
                                + " DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION event_store.test_slow_commit()");
            } else {
                s.execute("DROP TRIGGER test_slow_commit ON event_store.domain_event_entry");
            }
        }
    }

    /** Waits until some backend of the database sleeps in the trigger during COMMIT ({@code true}) or none does. */
    private static void awaitCommitsSleeping(boolean some) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            long sleeping = events.longValue("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND state = 'active' AND wait_event = 'PgSleep' AND query ILIKE 'commit%'");
            if (some == (sleeping > 0)) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no commit " + (some ? "began" : "ended") + " sleeping in time");
    }
}
