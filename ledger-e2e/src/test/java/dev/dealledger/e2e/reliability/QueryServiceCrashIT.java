package dev.dealledger.e2e.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.e2e.EventTable;
import dev.dealledger.e2e.PackagedServices;
import dev.dealledger.e2e.TestDatabase;
import dev.dealledger.e2e.TestTokens;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The query service is killed (SIGKILL) while writes stream in and clients read, and started again. Once it has
 * caught up, every fact is projected exactly once, and its answers equal those of a full rebuild from the event store,
 * answer for answer, for totals, exposure, schedules and deals at random (asOf, knownAt) pairs.
 */
class QueryServiceCrashIT {

    private static final String DATABASE = "ledger_test_rel_query_crash";
    private static final int CLIENTS = Scale.of(5, 8);
    private static final int WRITES_PER_CLIENT = Scale.of(30, 100);
    private static final int PAIRS = Scale.of(25, 100);
    private static final Map<String, String> JSON = Map.of("Accept", "application/json");
    private static ServiceProcess command;
    private static ServiceProcess query;
    private static EventTable events;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void start() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
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
    }

    @Test
    void after_the_restart_the_read_models_equal_a_fresh_rebuild() throws Exception {
        Instant loadStarted = Instant.now().minusSeconds(1);
        WriteLoad before = new WriteLoad(command::baseUrl, "qcrash", CLIENTS, WRITES_PER_CLIENT)
                .pausing(Duration.ofMillis(20))
                .prepare();
        WriteLoad after = new WriteLoad(command::baseUrl, "qrestart", CLIENTS, WRITES_PER_CLIENT).prepare();
        AtomicBoolean reading = new AtomicBoolean(true);
        AtomicInteger readsAnswered = new AtomicInteger();
        AtomicInteger readsFailed = new AtomicInteger();
        Map<String, Integer> readOutcomes = new ConcurrentSkipListMap<>();
        Thread reader = new Thread(() -> {
            while (reading.get()) {
                try {
                    int status = http.send(
                                    "GET",
                                    query.baseUrl() + "/api/v1/counterparties/"
                                            + before.counterparties().get(0) + "/totals",
                                    null,
                                    JSON)
                            .status();
                    (status == 200 ? readsAnswered : readsFailed).incrementAndGet();
                    readOutcomes.merge(Integer.toString(status), 1, Integer::sum);
                } catch (Exception e) {
                    readsFailed.incrementAndGet();
                    readOutcomes.merge(e.getClass().getSimpleName(), 1, Integer::sum);
                    sleep(50);
                }
            }
        });

        // Writes stream in and are projected while clients read; the kill lands in the middle of them.
        before.start();
        reader.start();
        before.awaitAcknowledged(CLIENTS * WRITES_PER_CLIENT / 3);
        awaitAtLeast(readsAnswered, 3);
        query.kill();
        int acknowledgedAtKill = before.acknowledged();
        int readsAnsweredBeforeKill = readsAnswered.get();
        query.start();
        int acknowledgedAtRestart = before.acknowledged();
        after.start();
        before.awaitCompletion();
        after.awaitCompletion();
        awaitAtLeast(readsAnswered, readsAnsweredBeforeKill + 3);
        int readsAnsweredAfterRestart = readsAnswered.get() - readsAnsweredBeforeKill;
        reading.set(false);
        reader.join();
        Instant loadEnded = Instant.now().plusSeconds(1);

        long lastPosition = Math.max(before.lastPosition(), after.lastPosition());
        assertThat(http.get(
                                query.baseUrl() + "/api/v1/counterparties/"
                                        + after.counterparties().get(0) + "/totals",
                                lastPosition)
                        .status())
                .isEqualTo(200);
        long projectedFacts = events.longValue("SELECT COUNT(*) FROM read_model.rm_commitment_fact");
        long commitmentEvents = events.count("CommitmentRecordedEvent") + events.count("CommitmentAmendedEvent");
        long projectedOptions = events.longValue("SELECT COUNT(*) FROM read_model.rm_option_fact");
        long optionEvents = events.count("OptionGrantedEvent");

        long seed = Long.getLong("ledger.reliability.seed", System.nanoTime());
        List<String> reads = reads(List.of(before, after), new Random(seed), loadStarted, loadEnded);
        Map<String, JsonNode> afterRestart = answers(reads);

        LedgerHttp.Reply rebuild = http.send("POST", query.baseUrl() + "/api/v1/admin/rebuild", null);
        assertThat(rebuild.status()).isEqualTo(202);
        awaitRebuilt();
        Map<String, JsonNode> afterRebuild = answers(reads);

        List<String> differing = new ArrayList<>();
        afterRestart.forEach((read, answer) -> {
            if (!answer.equals(afterRebuild.get(read))) {
                differing.add(read);
            }
        });
        long withCommitments = afterRestart.values().stream()
                .filter(a -> a.toString().matches(".*\"committed\":\"[1-9].*"))
                .count();
        new Summary("query-service-killed")
                .put("seed", seed)
                .put("writes", before.operations().size() + after.operations().size())
                .put("acknowledged", before.acknowledged() + after.acknowledged())
                .put("acknowledgedAtKill", acknowledgedAtKill)
                .put("acknowledgedAtRestart", acknowledgedAtRestart)
                .put("readsAnsweredBeforeKill", readsAnsweredBeforeKill)
                .put("readsAnsweredAfterRestart", readsAnsweredAfterRestart)
                .put("readsDuringLoad", readsAnswered.get() + readsFailed.get())
                .put("readsFailed", readsFailed.get())
                .put("readOutcomes", readOutcomes.toString().replace(" ", ""))
                .put("commitmentFactsProjected", projectedFacts)
                .put("commitmentEvents", commitmentEvents)
                .put("optionFactsProjected", projectedOptions)
                .put("optionEvents", optionEvents)
                .put("pairs", PAIRS)
                .put("answersCompared", afterRestart.size())
                .put("answersWithCommitments", withCommitments)
                .put("answersDiffering", differing.size())
                .print();

        assertThat(before.refusals()).isEmpty();
        assertThat(after.refusals()).isEmpty();
        assertThat(before.acknowledged()).isEqualTo(before.operations().size());
        assertThat(after.acknowledged()).isEqualTo(after.operations().size());
        assertThat(readsAnsweredBeforeKill).as("reads answered before the kill").isPositive();
        assertThat(readsAnsweredAfterRestart)
                .as("reads answered after the restart")
                .isPositive();
        assertThat(projectedFacts).isEqualTo(commitmentEvents);
        assertThat(projectedOptions).isEqualTo(optionEvents);
        assertThat(withCommitments).as("answers that are not empty").isPositive();
        assertThat(differing)
                .as(
                        "reads whose answer changed with the rebuild, e.g. %s",
                        differing.stream()
                                .findFirst()
                                .map(r -> r + ": " + afterRestart.get(r) + " vs " + afterRebuild.get(r))
                                .orElse(""))
                .isEmpty();
    }

    /** Totals, exposure, schedule and deal reads at random (asOf, knownAt) pairs around and during the load. */
    private static List<String> reads(List<WriteLoad> loads, Random random, Instant from, Instant to) {
        List<String> reads = new ArrayList<>();
        long span = to.toEpochMilli() - from.toEpochMilli();
        for (int i = 0; i < PAIRS; i++) {
            LocalDate asOf = LocalDate.of(2024, 6, 1).plusDays(random.nextInt(365 * 9));
            Instant knownAt =
                    from.plusMillis((long) (random.nextDouble() * span)).truncatedTo(ChronoUnit.MILLIS);
            String at = "asOf=" + asOf + "&knownAt=" + knownAt;
            reads.add("/api/v1/exposure?" + at);
            for (WriteLoad load : loads) {
                for (String counterparty : load.counterparties()) {
                    reads.add("/api/v1/counterparties/" + counterparty + "/totals?" + at);
                    reads.add("/api/v1/counterparties/" + counterparty + "/schedule?" + at);
                }
                for (int client = 0; client < CLIENTS; client++) {
                    reads.add("/api/v1/deals/" + load.dealId(client) + "?" + at);
                }
            }
        }
        return reads;
    }

    private static void awaitAtLeast(AtomicInteger count, int n) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (count.get() < n) {
            assertThat(System.nanoTime()).as("%d reads answered in time", n).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<String, JsonNode> answers(List<String> reads) throws Exception {
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String read : reads) {
            LedgerHttp.Reply reply = http.send("GET", query.baseUrl() + read, null, JSON);
            // A deal not yet signed at knownAt is a 404 problem; that answer must be the same after the rebuild too.
            assertThat(reply.status()).as("%s: %s", read, reply.raw().body()).isIn(200, 404);
            answers.put(read, reply.body());
        }
        return answers;
    }

    private void awaitRebuilt() throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            LedgerHttp.Reply projection = http.send("GET", query.baseUrl() + "/api/v1/admin/projection", null);
            LedgerHttp.Reply ready = http.send("GET", query.managementUrl() + "/q/health/ready", null);
            if (ready.status() == 200
                    && !projection.body().path("rebuilding").asBoolean()
                    && projection.body().path("lag").asLong() == 0) {
                return;
            }
            assertThat(System.nanoTime()).as("rebuild finished in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
