package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestDatabase;
import dev.dealledger.testkit.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command service is killed (SIGKILL: no shutdown hook, transactions cut off) in the middle of a write load from
 * several clients, and started again. Every write acknowledged with a 2xx is in the event table under its key and its
 * position; nothing is half-recorded; and the clients' retries with the same Idempotency-Key, after the restart,
 * create no duplicates.
 */
class CommandServiceCrashIT {

    private static final String DATABASE = "ledger_test_rel_command_crash";
    private static final int CLIENTS = Scale.of(5, 8);
    private static final int WRITES_PER_CLIENT = Scale.of(30, 150);
    private static final int KILLS = Scale.of(1, 3);
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
    void every_acknowledged_write_is_stored_once_and_retries_record_nothing_twice() throws Exception {
        WriteLoad load = new WriteLoad(command::baseUrl, "crash", CLIENTS, WRITES_PER_CLIENT).prepare();

        load.start();
        int acknowledgedBeforeCrash = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            load.awaitAcknowledged(CLIENTS * WRITES_PER_CLIENT * kill / (KILLS + 2));
            command.kill();
            if (kill == 1) {
                acknowledgedBeforeCrash = load.acknowledged();
            }
            Thread.sleep(1_000);
            command.start();
        }
        load.awaitCompletion();

        WriteLoad.Audit audit = load.audit(events);
        long eventsBeforeReplay = events.count();
        int replayMismatches = load.replayAcknowledged();
        long recordedByReplay = events.count() - eventsBeforeReplay;
        long incomplete = load.incompleteIdempotencyRecords(events);
        new Summary("command-service-killed")
                .put("clients", CLIENTS)
                .put("kills", KILLS)
                .put("operations", load.operations().size())
                .put("acknowledged", audit.acknowledged())
                .put("acknowledgedBeforeFirstKill", acknowledgedBeforeCrash)
                .put("inDoubtAndRetried", load.retried())
                .put("failedAttempts", load.connectionFailures() + load.unavailable503() + load.otherServerErrors())
                .put("refused", load.refusals().size())
                .put("keyedEventsStored", audit.keyedEvents())
                .put("lost", audit.lost())
                .put("duplicated", audit.duplicated())
                .put("halfRecorded", incomplete)
                .put("replayMismatches", replayMismatches)
                .put("recordedByReplay", recordedByReplay)
                .print();

        assertThat(load.refusals()).isEmpty();
        assertThat(load.retried()).as("writes cut off by the kill").isPositive();
        assertThat(audit.acknowledged()).isEqualTo(load.operations().size());
        assertThat(audit.keyedEvents()).isEqualTo(audit.acknowledged());
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.recordedButNotAcknowledged()).isZero();
        assertThat(incomplete).isZero();
        assertThat(events.streamsWithSequenceHoles()).isZero();
        assertThat(replayMismatches).isZero();
        assertThat(recordedByReplay).isZero();
    }
}
