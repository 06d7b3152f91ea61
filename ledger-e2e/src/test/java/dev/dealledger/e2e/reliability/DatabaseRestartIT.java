package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.Facts;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestTokens;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stops at once (as in a crash, on a private cluster of this test's own) while several clients write, and
 * comes back after a few seconds. While it is down both services answer 503 with Retry-After and report not ready;
 * when it returns they recover by themselves, without a restart; and no acknowledged write is lost or doubled.
 */
class DatabaseRestartIT {

    private static final String DATABASE = "ledger_test_rel_pg_restart";
    private static final int CLIENTS = Scale.of(5, 8);
    private static final int WRITES_PER_CLIENT = Scale.of(30, 100);
    private static final Duration OUTAGE = Duration.ofSeconds(Scale.of(8, 30));
    private static PrivatePostgres postgres;
    private static ServiceProcess command;
    private static ServiceProcess query;
    private static EventTable events;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(
                PrivatePostgres.available(),
                "needs PostgreSQL binaries in " + PrivatePostgres.BIN
                        + " (-Dledger.test.pg.bin) to run a cluster of its own");
        postgres = PrivatePostgres.init("rel-pg-restart").start();
        String jdbcUrl = postgres.createDatabase(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void both_services_answer_503_while_it_is_down_and_recover_by_themselves() throws Exception {
        WriteLoad load = new WriteLoad(command::baseUrl, "pgr", CLIENTS, WRITES_PER_CLIENT)
                .pausing(Duration.ofMillis(20))
                .prepare();
        String probeDeal = load.dealId(0);

        load.start();
        load.awaitAcknowledged(CLIENTS * WRITES_PER_CLIENT / 3);
        postgres.crash();
        int acknowledgedAtCrash = load.acknowledged();

        // Four probing clients while it is down: writes (each a new write with its own key), reads, and both
        // readiness endpoints, each as often as the answers come.
        Map<String, Integer> commandAnswers = new ConcurrentSkipListMap<>();
        Map<String, Integer> queryAnswers = new ConcurrentSkipListMap<>();
        Map<String, Integer> readiness = new ConcurrentSkipListMap<>();
        List<WriteLoad.Operation> probes = new CopyOnWriteArrayList<>();
        long outageEnds = System.nanoTime() + OUTAGE.toNanos();
        List<CompletableFuture<Void>> probing = List.of(
                probeUntil(outageEnds, () -> {
                    WriteLoad.Operation probe = new WriteLoad.Operation(
                            "key-probe-pgr-" + probes.size(),
                            "/api/v1/deals/" + probeDeal + "/commitments",
                            Facts.commitment(
                                    "c-probe-pgr-" + probes.size(),
                                    "1000.00",
                                    "2025-02-01",
                                    "2026-01-31",
                                    "2025-01-10"));
                    probes.add(probe);
                    tally(
                            commandAnswers,
                            () -> http.send(
                                    "POST",
                                    command.baseUrl() + probe.path,
                                    probe.body,
                                    Map.of("Idempotency-Key", probe.key)));
                }),
                probeUntil(
                        outageEnds,
                        () -> tally(
                                queryAnswers,
                                () -> http.send(
                                        "GET",
                                        query.baseUrl() + "/api/v1/counterparties/"
                                                + load.counterparties().get(0) + "/totals",
                                        null))),
                probeUntil(
                        outageEnds,
                        () -> tally(
                                readiness, () -> http.send("GET", command.managementUrl() + "/q/health/ready", null))),
                probeUntil(
                        outageEnds,
                        () -> tally(
                                readiness, () -> http.send("GET", query.managementUrl() + "/q/health/ready", null))));
        for (CompletableFuture<Void> p : probing) {
            p.get(2, TimeUnit.MINUTES);
        }

        postgres.start();
        long restarted = System.nanoTime();
        awaitReady(command);
        awaitReady(query);
        Duration recovery = Duration.ofNanos(System.nanoTime() - restarted);
        load.awaitCompletion();
        // The probes were never acknowledged; their clients retry them now, with the same keys.
        int probesRecorded = 0;
        for (WriteLoad.Operation probe : probes) {
            LedgerHttp.Reply retry =
                    http.send("POST", command.baseUrl() + probe.path, probe.body, Map.of("Idempotency-Key", probe.key));
            assertThat(retry.status()).as("%s", retry.raw().body()).isEqualTo(201);
            probesRecorded++;
        }
        long probeEvents = events.keyedEvents().stream()
                .filter(e -> e.idempotencyKey().startsWith("key-probe-pgr-"))
                .count();

        WriteLoad.Audit audit = load.audit(events);
        assertThat(http.get(
                                query.baseUrl() + "/api/v1/counterparties/"
                                        + load.counterparties().get(0) + "/totals",
                                load.lastPosition())
                        .status())
                .isEqualTo(200);
        long projectedFacts = events.longValue("SELECT COUNT(*) FROM read_model.rm_commitment_fact");
        long commitmentEvents = events.count("CommitmentRecordedEvent") + events.count("CommitmentAmendedEvent");
        long projectedOptions = events.longValue("SELECT COUNT(*) FROM read_model.rm_option_fact");
        long optionEvents = events.count("OptionGrantedEvent");
        new Summary("postgresql-restarted")
                .put("outageSeconds", OUTAGE.toSeconds())
                .put("writes", load.operations().size())
                .put("acknowledged", audit.acknowledged())
                .put("acknowledgedAtCrash", acknowledgedAtCrash)
                .put("writesRetried", load.retried())
                .put("answers503", load.unavailable503())
                .put("answers503WithoutRetryAfter", load.unavailableWithoutRetryAfter())
                .put("otherServerErrors", load.otherServerErrors())
                .put("serverErrorTypes", compact(new TreeMap<>(load.serverErrors())))
                .put("connectionFailures", load.connectionFailures())
                .put("commandProbes", compact(commandAnswers))
                .put("queryProbes", compact(queryAnswers))
                .put("readinessProbes", compact(readiness))
                .put("recoverySeconds", String.format("%.1f", recovery.toMillis() / 1000.0))
                .put("servicesRestarted", 0)
                .put("lost", audit.lost())
                .put("duplicated", audit.duplicated())
                .put("probesRetried", probesRecorded)
                .put("probeEvents", probeEvents)
                .put("commitmentFactsProjected", projectedFacts)
                .put("commitmentEvents", commitmentEvents)
                .put("optionFactsProjected", projectedOptions)
                .put("optionEvents", optionEvents)
                .print();

        assertThat(command.isAlive()).isTrue();
        assertThat(query.isAlive()).isTrue();
        assertThat(commandAnswers).containsOnlyKeys("503 Retry-After");
        assertThat(queryAnswers).containsOnlyKeys("503 Retry-After");
        assertThat(readiness).containsOnlyKeys("503");
        assertThat(load.refusals()).isEmpty();
        assertThat(load.otherServerErrors()).isZero();
        assertThat(load.unavailableWithoutRetryAfter()).isZero();
        assertThat(audit.acknowledged()).isEqualTo(load.operations().size());
        assertThat(audit.keyedEvents()).isEqualTo(audit.acknowledged());
        assertThat(audit.lost()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(load.incompleteIdempotencyRecords(events)).isZero();
        assertThat(events.streamsWithSequenceHoles()).isZero();
        assertThat(probeEvents).isEqualTo(probes.size());
        assertThat(projectedFacts).isEqualTo(commitmentEvents);
        assertThat(projectedOptions).isEqualTo(optionEvents);
    }

    private interface Probe {
        void run() throws Exception;
    }

    private static CompletableFuture<Void> probeUntil(long endNanos, Probe probe) {
        return CompletableFuture.runAsync(() -> {
            try {
                while (System.nanoTime() < endNanos) {
                    probe.run();
                    Thread.sleep(200);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private interface Call {
        LedgerHttp.Reply send() throws IOException, InterruptedException;
    }

    private static void tally(Map<String, Integer> answers, Call call) throws InterruptedException {
        String outcome;
        try {
            LedgerHttp.Reply reply = call.send();
            outcome = reply.status()
                    + (reply.raw().headers().firstValue("Retry-After").isPresent() ? " Retry-After" : "");
        } catch (IOException e) {
            outcome = e.getClass().getSimpleName();
        }
        answers.merge(outcome, 1, Integer::sum);
    }

    private static String compact(Map<String, Integer> answers) {
        return answers.toString().replace(" ", "_");
    }

    private void awaitReady(ServiceProcess service) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (http.send("GET", service.managementUrl() + "/q/health/ready", null)
                        .status()
                != 200) {
            assertThat(System.nanoTime()).as("ready again within a minute").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
