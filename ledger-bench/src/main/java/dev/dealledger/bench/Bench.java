package dev.dealledger.bench;

import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * The benchmark harness (docs/benchmarks.md, issue 8). One run: drops and creates its own databases, starts the packaged
 * services itself, runs W0 to W4 and memory, and prints one table in which every ratio is
 * taken against a baseline measured in the same run.
 */
public final class Bench {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final BenchOptions o;
    private final LedgerHttp http;
    private final ResultsTable table = new ResultsTable();
    private final List<String> notes = new ArrayList<>();
    private final PrintStream out = System.out;
    private final Map<Integer, Double> w0SingleRow = new LinkedHashMap<>();
    private int serviceRuns;

    /** Deals in the W2/W3 event store, for W3's reads of a random deal. */
    private long dealsLoaded;

    Bench(BenchOptions options) {
        this.o = options;
        this.http = new LedgerHttp(options.token());
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("ledger.bench.root", "."))
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root.resolve("ledger-command"))
                && Files.isDirectory(root.resolve("../ledger-command"))) {
            root = root.getParent();
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, System.getenv(), root);
        } catch (BenchOptions.UsageException e) {
            if (e.getMessage() != null) {
                System.err.println(e.getMessage());
            }
            System.err.print(BenchOptions.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        new Bench(options).run();
    }

    void run() throws Exception {
        Files.createDirectories(o.outputDirectory());
        Path logs = o.outputDirectory().resolve("logs");
        // A fresh run's logs, and a fresh checkpoint key pair (the services create it in logs/checkpoint): deepest
        // first.
        if (Files.isDirectory(logs)) {
            try (var old = Files.walk(logs)) {
                for (Path p : (Iterable<Path>) old.sorted(Comparator.reverseOrder())::iterator) {
                    if (!p.equals(logs)) {
                        Files.delete(p);
                    }
                }
            }
        }
        List<String> machine;
        try (Connection admin = connect("postgres")) {
            machine = MachineInfo.describe(admin);
        }
        say("== ledger benchmark " + (o.smoke() ? "(smoke: tiny sizes, figures mean nothing)" : "") + " at "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS));
        machine.forEach(line -> say("   " + line));
        say("   command app: " + o.commandApp() + ", query app: " + o.queryApp() + ", service JVM: "
                + String.join(" ", o.serviceJvmOptions()) + ", bearer token: "
                + (o.token() == null ? "none" : "given"));

        String main = o.database();
        String big = o.database() + "_1m";
        try {
            double w1Max = -1;
            if (!o.onlyRebuildAndReads()) {
                recreate(main);
                migrate(main);
                w0(main);
                w1Max = w1(main, "ledger", Map.of(), true);
            }
            if (!o.onlyWrites()) {
                recreate(big);
                migrate(big);
                load(big);
                w2AndW3(big);
            }
            if (w1Max == 0) {
                notes.add("W4 skipped: W1 measured no throughput");
            }
        } finally {
            if (!o.keepDatabases()) {
                for (String db : List.of(main, big)) {
                    drop(db);
                }
            }
        }
        report(machine);
    }

    // ---- W0 --------------------------------------------------------------------------------------------------------

    private void w0(String db) throws Exception {
        say("-- W0: PostgreSQL baseline (plain JDBC into a copy of the event table)");
        PgBaseline w0 =
                new PgBaseline(o.jdbcUrl(db), o.pgUser(), o.pgPassword(), PgBaseline.commitmentSamples(o.seed(), 200));
        w0.createTable();
        try {
            w0.singleRowCommits(4, Duration.ofSeconds(o.smoke() ? 0 : 2)); // warm-up
            for (int clients : new int[] {1, 4, 16}) {
                Latency.Summary s;
                try (PgWaitSampler waits = new PgWaitSampler(connect("postgres"), db)) {
                    s = w0.singleRowCommits(clients, o.w0Duration());
                    notes.add("W0 1 row/commit, " + clients + " client" + plural(clients)
                            + ": active PostgreSQL sessions by wait event: " + waits.summary());
                }
                w0SingleRow.put(clients, s.perSecond());
                add(ResultsTable.Row.of(
                        "W0 PostgreSQL", "1 row/commit, " + clients + " client" + plural(clients), s, "rows/s"));
            }
            add(ResultsTable.Row.of(
                    "W0 PostgreSQL", "100 rows/commit, 1 client", w0.batchedCommits(100, o.w0Duration()), "rows/s"));
            add(ResultsTable.Row.of(
                    "W0 PostgreSQL", "COPY (10,000 rows each), 1 client", w0.copy(10_000, o.w0Duration()), "rows/s"));
        } finally {
            w0.dropTable();
        }
    }

    // ---- W1, memory, W4 -----------------------------------------------------------------------------------------

    /** Runs W1 at 1, 4 and 16 clients (and, for the ledger itself, W4); answers the best events per second. */
    private double w1(String db, String label, Map<String, String> commandEnv, boolean withLag) throws Exception {
        say("-- W1: REST appends, ledger (JDBC engine, pooled processor)");
        try (ServiceProcess command = service("ledger-command", label, db, commandEnv);
                ServiceProcess query = service("ledger-query", label, db, Map.of())) {
            RestAppends appends = new RestAppends(http, command.baseUrl(), o.idempotencyKeys());
            appends.setUp(16);
            appends.run(4, o.w1Warmup()); // warm-up: JIT, pools, caches
            memory(label, "after warm-up", command.rssBytes(), query.rssBytes());
            double best = 0;
            for (int clients : new int[] {1, 4, 16}) {
                RssSampler rss = clients == 16 ? new RssSampler(command, query).start() : null;
                CpuSampler cpu = new CpuSampler()
                        .with("command", command.pid())
                        .with("query", query.pid())
                        .start();
                Latency.Summary s;
                try (PgWaitSampler waits = new PgWaitSampler(connect("postgres"), db)) {
                    s = appends.run(clients, o.w1Duration());
                    notes.add("W1 " + label + ", " + clients + " client" + plural(clients) + ": CPU in cores: "
                            + cpu.stop() + "; active PostgreSQL sessions by wait event: " + waits.summary());
                }
                best = Math.max(best, s.perSecond());
                String baselineName = "W0 1 row/commit, " + clients + " client" + plural(clients);
                ResultsTable.Row row = ResultsTable.Row.of(
                                "W1 REST appends", label + ", " + clients + " client" + plural(clients), s, "events/s")
                        .withRatio(s.perSecond() / w0SingleRow.get(clients), baselineName);
                if (clients == 16) {
                    double ratio = s.perSecond() / w0SingleRow.get(16);
                    row = row.withTarget(target(ratio >= 0.5, ">= 0.50 of W0"));
                    rss.stop();
                    memory(label, "under W1 at 16 clients (peak)", rss.peakCommand(), rss.peakQuery());
                }
                add(row);
            }
            if (appends.errors() > 0) {
                notes.add("W1 " + label + ": " + appends.errors() + " writes failed; first: " + appends.firstError());
            }
            if (withLag && best > 0) {
                double rate = best / 2;
                say("-- W4: lag from acknowledgement to projection, at " + String.format(Locale.ROOT, "%.0f", rate)
                        + " writes/s");
                LagWorkload.Result lag = new LagWorkload(
                                http, query.baseUrl(), appends, Duration.ofSeconds(o.smoke() ? 5 : 30))
                        .run(rate, o.w4Duration());
                add(new ResultsTable.Row(
                        "W4 lag write->read",
                        label + ", writes at 50% of W1 max",
                        lag.writesPerSecond(),
                        "writes/s",
                        lag.lag().p50Millis(),
                        lag.lag().p99Millis(),
                        lag.writesPerSecond() / best,
                        "W1 max",
                        target(lag.lag().p99Millis() < 1000 && lag.unseen() == 0, "p99 < 1000 ms")));
                if (lag.unseen() > 0 || lag.writeErrors() > 0) {
                    notes.add("W4: " + lag.unseen() + " writes not seen projected within " + (o.smoke() ? 5 : 30)
                            + " s after the load; "
                            + lag.writeErrors() + " writes failed");
                }
                w5(label, appends, query, rate);
            }
            readiness(label, query);
            return best;
        }
    }

    /**
     * W5 (issue 14): {@value #W5_READERS} readers at once, each asking the reads of issue 14 in turn at the current
     * (asOf, knownAt), while writes stream at half of W1's best rate into the ledger W1 left; p99 < 100 ms per read. The
     * writes are W4's paced appends to the counterparty the reads ask about, so every read sees a ledger that moves.
     */
    private void w5(String label, RestAppends appends, ServiceProcess query, double rate) throws Exception {
        say("-- W5: " + W5_READERS + " readers at once while writes stream at "
                + String.format(Locale.ROOT, "%.0f", rate) + " writes/s");
        String q = query.baseUrl() + "/api/v1";
        String cp = appends.counterpartyId();
        List<ReadWorkload.Read> reads = List.of(
                new ReadWorkload.Read("totals", q + "/counterparties/" + cp + "/totals"),
                new ReadWorkload.Read("exposure", q + "/exposure?limit=1000"),
                new ReadWorkload.Read("schedule", q + "/counterparties/" + cp + "/schedule"),
                new ReadWorkload.Read("deal", q + "/deals/" + appends.dealOf(0, 0, 16)));
        ExecutorService writer = Executors.newSingleThreadExecutor();
        ReadWorkload.Result result;
        LagWorkload.Result writes;
        try {
            Future<LagWorkload.Result> streaming = writer.submit(
                    () -> new LagWorkload(http, query.baseUrl(), appends, Duration.ofSeconds(o.smoke() ? 5 : 30))
                            .run(rate, o.w4Duration()));
            result = new ReadWorkload(http).runConcurrently(reads, o.w4Duration(), W5_READERS);
            writes = streaming.get();
        } finally {
            writer.shutdownNow();
        }
        Map<String, String> titles = Map.of(
                "totals", "totals of the counterparty written to",
                "exposure", "exposure of all counterparties",
                "schedule", "the counterparty's schedule",
                "deal", "a deal's view");
        result.summaries()
                .forEach((name, s) -> add(ResultsTable.Row.of(
                                "W5 " + W5_READERS + " readers under writes, " + titles.get(name),
                                label + ", writes at " + String.format(Locale.ROOT, "%.0f", writes.writesPerSecond())
                                        + "/s",
                                s,
                                "reads/s")
                        .withTarget(target(s.p99Millis() < 100, "p99 < 100 ms"))));
        if (result.failures() > 0) {
            notes.add("W5: " + result.failures() + " reads failed; first: " + result.firstFailure());
        }
        if (writes.writeErrors() > 0) {
            notes.add("W5: " + writes.writeErrors() + " writes failed");
        }
    }

    private static final int W5_READERS = 8;

    /** A projection that stopped on an error shows in the query service's readiness; say so next to the figures. */
    private void readiness(String label, ServiceProcess query) throws Exception {
        var r = http.get(query.managementUrl() + "/q/health/ready");
        if (r.statusCode() != 200) {
            notes.add("after W1/W4 (" + label + ") the query service was NOT READY: "
                    + r.body().replaceAll("\\s+", " "));
        }
    }

    private void memory(String label, String when, long commandRss, long queryRss) {
        for (Object[] s : new Object[][] {{"command", commandRss}, {"query", queryRss}}) {
            double mb = ((Long) s[1]) / (1024.0 * 1024.0);
            add(new ResultsTable.Row(
                    "Memory (RSS)",
                    label + " " + s[0] + ", " + when,
                    mb,
                    "MB",
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    "",
                    target(mb < 400, "< 400 MB")));
        }
    }

    // ---- W2, W3 ---------------------------------------------------------------------------------------------------

    private void load(String db) throws Exception {
        say("-- W2 setup: " + String.format(Locale.ROOT, "%,d", o.events())
                + " events generated into the event store (COPY)");
        HistoryGenerator generator = new HistoryGenerator(HistoryGenerator.Shape.forEvents(o.events()), o.seed());
        // Recorded over the last two years, ending a day ago; W3's past knownAt falls in the middle.
        Instant first = Instant.now().minus(Duration.ofDays(731)).truncatedTo(ChronoUnit.SECONDS);
        EventStoreLoader.Loaded loaded;
        try (Connection c = connect(db)) {
            loaded = new EventStoreLoader(o.seed()).load(c, generator, o.events(), first, Duration.ofDays(730));
        }
        dealsLoaded = loaded.countsByType().getOrDefault("DealRecordedEvent", 0L);
        say("   loaded " + loaded.events() + " events in " + loaded.elapsed().toSeconds() + " s: "
                + loaded.countsByType());
        add(new ResultsTable.Row(
                "W2 setup",
                "bulk load: generate + COPY (hash chain included)",
                loaded.events() / (loaded.elapsed().toNanos() / 1e9),
                "events/s",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "",
                ""));
        notes.add("W2/W3 event store: " + loaded.events() + " events by type " + loaded.countsByType());
    }

    private void w2AndW3(String db) throws Exception {
        say("-- W2: rebuild of all read models, ledger (pooled processor)");
        RebuildWorkload.Result ours;
        Map<String, String> noAutostart = Map.of("LEDGER_PROCESSOR_AUTOSTART", "false");
        try (ServiceProcess query = service("ledger-query", "ledger-w2", db, noAutostart)) {
            CpuSampler cpu = new CpuSampler().with("query", query.pid()).start();
            try (PgWaitSampler waits = new PgWaitSampler(connect("postgres"), db)) {
                ours = new RebuildWorkload(http).run(query, o.rebuildTimeout());
                notes.add("W2 ledger rebuild: CPU in cores: " + cpu.stop()
                        + "; active PostgreSQL sessions by wait event: " + waits.summary());
            }
            if (!ours.complete()) {
                notes.add("W2 ledger: rebuild did not finish within " + o.rebuildTimeout() + "; rate over "
                        + ours.covered() + " events");
            }
            add(new ResultsTable.Row(
                    "Memory (RSS)",
                    "ledger query, during W2 rebuild (peak)",
                    ours.peakRssBytes() / (1024.0 * 1024.0),
                    "MB",
                    Double.NaN,
                    Double.NaN,
                    Double.NaN,
                    "",
                    target(ours.peakRssBytes() < 400L * 1024 * 1024, "< 400 MB")));
            analyze(db);
            w3(query, db);
        }
        say("-- W2 baseline: raw JDBC read, batched inserts");
        long baselineEvents;
        long baselineNanos;
        // The write connection rewrites batched INSERTs into multi-row ones, as the query service's does.
        try (Connection read = connect(db);
                Connection write = DriverManager.getConnection(
                        o.jdbcUrl(db) + "?reWriteBatchedInserts=true", o.pgUser(), o.pgPassword())) {
            RawJdbcProjection.createTables(write);
            CpuSampler cpu = new CpuSampler().start();
            long t0 = System.nanoTime();
            try (PgWaitSampler waits = new PgWaitSampler(connect("postgres"), db)) {
                baselineEvents = new RawJdbcProjection().run(read, write, ours.target());
                baselineNanos = System.nanoTime() - t0;
                notes.add("W2 raw JDBC baseline: CPU in cores: " + cpu.stop()
                        + "; active PostgreSQL sessions by wait event: " + waits.summary());
            }
            write.setAutoCommit(true);
            RawJdbcProjection.dropTables(write);
        }
        double baseline = baselineEvents / (baselineNanos / 1e9);
        add(new ResultsTable.Row(
                "W2 rebuild",
                "raw JDBC baseline, batched inserts",
                baseline,
                "events/s",
                Double.NaN,
                Double.NaN,
                Double.NaN,
                "",
                ""));
        double ratio = ours.eventsPerSecond() / baseline;
        add(new ResultsTable.Row(
                "W2 rebuild",
                "ledger, pooled (4 segments, 4 threads, batch 100)",
                ours.eventsPerSecond(),
                "events/s",
                Double.NaN,
                Double.NaN,
                ratio,
                "W2 raw JDBC",
                target(ratio >= 0.5, ">= 0.50 of raw JDBC")));
    }

    /**
     * Does what autovacuum does after a rebuild on a default PostgreSQL (and in the deployment's) before W3 reads the
     * tables: statistics, without which the planner chooses plans for empty tables, and the visibility map, without
     * which a counterparty's facts are fetched from the table as well as from the index that holds them (ledger-query
     * migration V15). This machine's server may run with autovacuum off; the note says which.
     */
    private void analyze(String db) throws Exception {
        try (Connection c = connect(db);
                java.sql.Statement s = c.createStatement()) {
            String autovacuum;
            try (java.sql.ResultSet rs = s.executeQuery("SHOW autovacuum")) {
                rs.next();
                autovacuum = rs.getString(1);
            }
            long t0 = System.nanoTime();
            s.execute("VACUUM ANALYZE");
            notes.add(String.format(
                    Locale.ROOT,
                    "W3: the database was vacuumed and analyzed after the rebuild, in %.1f s (autovacuum is %s on this"
                            + " server)",
                    (System.nanoTime() - t0) / 1e9,
                    autovacuum));
        }
    }

    /**
     * W3 twice over: with the query service as configured, where a repeated read is answered from kept figures
     * (FiguresCache), and on a second query service with nothing kept ({@code LEDGER_FIGURES_CACHE_MAX_KEYS=0}), where
     * every read folds the visible facts: what the first read after a change costs.
     */
    private void w3(ServiceProcess query, String db) throws Exception {
        say("-- W3: reads at " + String.format(Locale.ROOT, "%,d", o.events()) + " events, repeated (answers kept)");
        w3Reads(query, "kept", o.w3Budget(), o.w3MaxSamples());
        say("-- W3: reads at " + String.format(Locale.ROOT, "%,d", o.events()) + " events, nothing kept");
        try (ServiceProcess computing =
                service("ledger-query", "w3-computed", db, Map.of("LEDGER_FIGURES_CACHE_MAX_KEYS", "0"))) {
            w3Reads(computing, "computed", o.w3Budget(), o.w3ComputedMaxSamples());
            say("-- W3: the console's other views, nothing kept");
            w3ConsoleViews(computing, db);
            say("-- W3: reads at random (asOf, knownAt), nothing kept");
            w3Random(computing);
        }
    }

    /**
     * Issue 14's reads at random (asOf, knownAt) pairs on the service with nothing kept: each request draws its own
     * asOf (2024 to 2031, the generated terms' span) and knownAt (anywhere in the recorded history), so no answer is
     * asked twice; a deal view reads a random deal, and a restatement runs between two random knowledge instants.
     * Seeded by --seed, so a run can be repeated. The counterparty is the first, as in the fixed reads.
     */
    private void w3Random(ServiceProcess query) throws Exception {
        String q = query.baseUrl() + "/api/v1";
        String cp = HistoryGenerator.counterpartyId(0);
        Random random = new Random(o.seed());
        // The restatements draw from their own sequence: the other reads stop on a time budget, so how many numbers
        // they draw varies from run to run.
        Random restatementRandom = new Random(o.seed() + 1);
        // The window W2's loader recorded the ledger in: from 731 days to a day ago.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant firstRecorded = now.minus(Duration.ofDays(731));
        long recordedSeconds = Duration.ofDays(730).toSeconds();
        Supplier<LocalDate> asOf = () -> LocalDate.of(2024, 1, 1).plusDays(random.nextInt(8 * 365));
        Supplier<Instant> knownAt = () -> firstRecorded.plusSeconds((long) (random.nextDouble() * recordedSeconds));
        Supplier<Instant> restatementKnownAt =
                () -> firstRecorded.plusSeconds((long) (restatementRandom.nextDouble() * recordedSeconds));
        Supplier<String> pair = () -> "asOf=" + asOf.get() + "&knownAt=" + knownAt.get();
        int deals = (int) Math.max(1, dealsLoaded);
        List<ReadWorkload.Read> reads = List.of(
                new ReadWorkload.Read("totals", () -> q + "/counterparties/" + cp + "/totals?" + pair.get()),
                new ReadWorkload.Read("exposure", () -> q + "/exposure?limit=1000&" + pair.get()),
                new ReadWorkload.Read("schedule", () -> q + "/counterparties/" + cp + "/schedule?" + pair.get()),
                new ReadWorkload.Read("deal", () -> {
                    // A deal recorded by knownAt: deals are recorded in about the order they are numbered,
                    // spread over the window, so one from the first 90 % of those recorded by then.
                    Instant k = knownAt.get();
                    double share = Duration.between(firstRecorded, k).toSeconds() / (double) recordedSeconds;
                    int n = random.nextInt(Math.max(1, (int) (deals * share * 0.9)));
                    return q + "/deals/" + HistoryGenerator.dealId(n) + "?asOf=" + asOf.get() + "&knownAt=" + k;
                }));
        // A restatement takes seconds where the others take milliseconds: apart, so that it cannot use up their budget.
        List<ReadWorkload.Read> restatements = List.of(new ReadWorkload.Read("restatement", () -> {
            Instant a = restatementKnownAt.get();
            Instant b = restatementKnownAt.get();
            if (a.equals(b)) {
                b = b.plusSeconds(1);
            }
            Instant from = a.isBefore(b) ? a : b;
            Instant to = a.isBefore(b) ? b : a;
            return q + "/restatements?counterpartyId=" + cp + "&asOf="
                    + LocalDate.of(2024, 1, 1).plusDays(restatementRandom.nextInt(8 * 365)) + "&from=" + from + "&to="
                    + to;
        }));
        ReadWorkload.Result r = new ReadWorkload(http).run(reads, o.w3Budget(), o.w3MaxSamples());
        // Most random windows hold more facts than one restatement walks and are refused (422), which the latencies
        // do not count. So restatements are drawn until the time budget ends, not for a fixed number of rounds: the
        // answered ones are then more than two or three.
        ReadWorkload.Result slow = new ReadWorkload(http).run(restatements, o.w3Budget(), o.w3MaxSamples());
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("totals", "W3 random pairs, totals of 1 counterparty");
        titles.put("exposure", "W3 random pairs, exposure of all counterparties");
        titles.put("schedule", "W3 random pairs, 1 counterparty's schedule");
        titles.put("deal", "W3 random pairs, a random deal's view");
        titles.put("restatement", "W3 random pairs, restatement between 2 random instants");
        titles.forEach((name, title) -> {
            Latency.Summary l = r.summaries().containsKey(name)
                    ? r.summaries().get(name)
                    : slow.summaries().get(name);
            add(ResultsTable.Row.of(title, "random (asOf, knownAt), nothing kept", l, "reads/s")
                    .withTarget(target(l.p99Millis() < 50, "p99 < 50 ms")));
        });
        for (ReadWorkload.Result result : List.of(r, slow)) {
            if (result.failures() > 0) {
                notes.add("W3 random pairs: " + result.failures() + " reads failed; first: " + result.firstFailure());
            }
        }
    }

    private void w3Reads(ServiceProcess query, String mode, Duration budget, int maxSamples) throws Exception {
        String q = query.baseUrl() + "/api/v1";
        String cp = HistoryGenerator.counterpartyId(0);
        // Past: asOf 2025-06-30, known as of halfway through the recorded history (a year ago).
        LocalDate pastAsOf = LocalDate.of(2025, 6, 30);
        Instant pastKnownAt = Instant.now().minus(Duration.ofDays(366)).truncatedTo(ChronoUnit.SECONDS);
        String past = "asOf=" + pastAsOf + "&knownAt=" + pastKnownAt;
        // The console's views need both instants in the URL (a link shows the same numbers later); "current" is today
        // as known at the start of this workload, which is also the head: nothing is written during W3.
        String c = query.baseUrl() + "/console";
        String now = "asOf=" + LocalDate.now(java.time.ZoneOffset.UTC) + "&knownAt="
                + Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ReadWorkload.Read> reads = List.of(
                new ReadWorkload.Read("totals current", q + "/counterparties/" + cp + "/totals"),
                new ReadWorkload.Read("totals bitemporal", q + "/counterparties/" + cp + "/totals?" + past),
                new ReadWorkload.Read("exposure current", q + "/exposure?limit=1000"),
                new ReadWorkload.Read("exposure bitemporal", q + "/exposure?limit=1000&" + past),
                new ReadWorkload.Read("console exposure current", c + "/exposure?" + now),
                new ReadWorkload.Read("console exposure bitemporal", c + "/exposure?" + past),
                new ReadWorkload.Read("console counterparty current", c + "/counterparties/" + cp + "?" + now),
                new ReadWorkload.Read("console counterparty bitemporal", c + "/counterparties/" + cp + "?" + past));
        ReadWorkload.Result r = new ReadWorkload(http).run(reads, budget, maxSamples);
        String how = mode.equals("kept") ? "repeated, answer kept" : "nothing kept, computed";
        for (String kind : List.of("totals", "exposure")) {
            String title = kind.equals("totals") ? "W3 totals, 1 counterparty" : "W3 exposure, all counterparties";
            Latency.Summary current = r.summaries().get(kind + " current");
            Latency.Summary bitemporal = r.summaries().get(kind + " bitemporal");
            add(ResultsTable.Row.of(title, "current (today, now), " + how, current, "reads/s")
                    .withTarget(target(current.p99Millis() < 50, "p99 < 50 ms")));
            double ratio = bitemporal.p50Millis() / current.p50Millis();
            add(ResultsTable.Row.of(title, "bitemporal (" + pastAsOf + ", a year ago), " + how, bitemporal, "reads/s")
                    .withRatio(ratio, "current p50")
                    .withTarget(target(ratio <= 2 && bitemporal.p99Millis() < 50, "<= 2x current, p99 < 50 ms")));
        }
        // Issue 17: each console view within 300 ms on this ledger. Measured as the harness sees it (server time plus
        // a loopback round trip), the page rendered in full.
        for (String view : List.of("exposure", "counterparty")) {
            for (String when : List.of("current", "bitemporal")) {
                Latency.Summary l = r.summaries().get("console " + view + " " + when);
                add(ResultsTable.Row.of(
                                "W3 console, " + view + " view",
                                (when.equals("current")
                                                ? "current (today, now), "
                                                : "bitemporal (" + pastAsOf + ", a year ago), ")
                                        + how,
                                l,
                                "pages/s")
                        .withTarget(target(l.p99Millis() < 300, "p99 < 300 ms")));
            }
        }
        if (r.failures() > 0) {
            notes.add("W3 (" + how + "): " + r.failures() + " reads failed; first: " + r.firstFailure());
        }
    }

    /**
     * Issue 17's remaining console views on the service with nothing kept, each within 300 ms: a deal's view (a deal
     * from the middle of the ledger, current and a year ago), the restatement view of the largest counterparty over
     * the last day and the last week of the recorded history (its cost grows with the facts recorded in the window),
     * the verification view, and a closed period's view as reported beside as restated with its adjustments: the
     * generated ledger has no closed period, so one is closed here and adjusted ({@link #closeAndAdjust}).
     */
    private void w3ConsoleViews(ServiceProcess query, String db) throws Exception {
        String c = query.baseUrl() + "/console";
        String cp = HistoryGenerator.counterpartyId(0);
        String deal = HistoryGenerator.dealId((int) Math.max(0, dealsLoaded / 2));
        Instant head = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String today = LocalDate.now(java.time.ZoneOffset.UTC).toString();
        String now = "asOf=" + today + "&knownAt=" + head;
        String past = "asOf=2025-06-30&knownAt=" + head.minus(Duration.ofDays(366));
        String restatement = c + "/restatements?counterpartyId=" + cp + "&asOf=" + today + "&to=" + head + "&from=";
        Map<String, String> titles = new LinkedHashMap<>();
        titles.put("deal current", "current (today, now), nothing kept, computed");
        titles.put("deal bitemporal", "bitemporal (2025-06-30, a year ago), nothing kept, computed");
        titles.put("restatement day", "the last day of the recorded history, " + cp);
        titles.put("restatement week", "the last week of the recorded history, " + cp);
        titles.put("verification", "the hash chain's verdict and the latest signed checkpoint, now");
        // A close needs the controller role; without it the period view is left out and the notes say why.
        int adjustments = -1;
        try {
            adjustments = closeAndAdjust(query, db, PERIOD_END, PERIOD_ADJUSTMENTS);
            titles.put(
                    "period",
                    PERIOD_END + " closed after the load, " + adjustments
                            + " adjustments since (each moves every concentration of its market), now");
        } catch (IllegalStateException e) {
            notes.add("W3 console views: the period view is not measured, its close failed: " + e.getMessage());
        }
        List<ReadWorkload.Read> reads = new ArrayList<>(List.of(
                new ReadWorkload.Read("deal current", c + "/deals/" + deal + "?" + now),
                new ReadWorkload.Read("deal bitemporal", c + "/deals/" + deal + "?" + past),
                // W2's loader recorded the ledger until a day before now (w3Random): one more day reaches into it.
                new ReadWorkload.Read("restatement day", restatement + head.minus(Duration.ofDays(2))),
                new ReadWorkload.Read("restatement week", restatement + head.minus(Duration.ofDays(8))),
                new ReadWorkload.Read("verification", c + "/verification?knownAt=" + head)));
        if (adjustments >= 0) {
            reads.add(new ReadWorkload.Read(
                    "period",
                    c + "/periods/" + PERIOD_END + "?knownAt=" + Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        }
        ReadWorkload.Result r = new ReadWorkload(http).run(reads, o.w3Budget(), o.w3ComputedMaxSamples());
        titles.forEach((name, variant) -> {
            Latency.Summary l = r.summaries().get(name);
            add(ResultsTable.Row.of("W3 console, " + name.split(" ")[0] + " view", variant, l, "pages/s")
                    .withTarget(target(l.p99Millis() < 300, "p99 < 300 ms")));
        });
        if (r.failures() > 0) {
            notes.add("W3 console views: " + r.failures() + " reads failed; first: " + r.firstFailure());
        }
    }

    private static final String PERIOD_END = "2025-12-31";
    private static final int PERIOD_ADJUSTMENTS = 100;

    /**
     * Closes the period ending {@code periodEnd} on a command service started for it (the close reads its figures
     * from {@code query}), then records {@code commitments} commitments effective before its end on a new
     * counterparty's deals: post-close adjustments, which the period's view walks for every counterparty. Answers how
     * many adjustments the query service shows once it has projected them.
     */
    private int closeAndAdjust(ServiceProcess query, String db, String periodEnd, int commitments) throws Exception {
        try (ServiceProcess command =
                service("ledger-command", "period-close", db, Map.of("LEDGER_QUERY_URL", query.baseUrl()))) {
            http.expectOk(
                    "POST",
                    command.baseUrl() + "/api/v1/periods/" + periodEnd + "/close",
                    "{\"reason\":\"benchmark: a period closed after the load\"}",
                    Map.of());
            RestAppends appends = new RestAppends(http, command.baseUrl(), o.idempotencyKeys());
            appends.setUp(1);
            for (int n = 0; n < commitments; n++) {
                appends.recordCommitment(appends.dealOf(0, n, 1));
            }
            if (appends.errors() > 0) {
                throw new IllegalStateException("post-close commitments failed: " + appends.firstError());
            }
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            HttpResponse<String> r = http.get(query.baseUrl() + "/api/v1/periods/" + periodEnd);
            int seen = r.statusCode() == 200
                    ? new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(r.body())
                            .path("adjustments")
                            .size()
                    : 0;
            if (seen >= commitments || System.nanoTime() > deadline) {
                return seen;
            }
            Thread.sleep(500);
        }
    }

    // ---- services and databases -------------------------------------------------------------------------------

    private ServiceProcess service(String module, String label, String db, Map<String, String> env) throws Exception {
        Path app = module.equals("ledger-command") ? o.commandApp() : o.queryApp();
        String portVariable = module.equals("ledger-command") ? "LEDGER_COMMAND_PORT" : "LEDGER_QUERY_PORT";
        List<String> jvm = new ArrayList<>(o.serviceJvmOptions());
        String name = String.format(Locale.ROOT, "%02d-%s-%s", ++serviceRuns, module, label);
        if (o.profile()) {
            jvm.add("-XX:StartFlightRecording=filename=" + o.outputDirectory().resolve(name + ".jfr")
                    + ",settings=profile,dumponexit=true");
        }
        Path logs = o.outputDirectory().resolve("logs");
        // The command service signs checkpoints and the query service verifies them with one pair per run, created by
        // whichever starts first in the run's directory (docs/security.md, "Tamper evidence").
        Path keys = logs.toAbsolutePath().resolve("checkpoint");
        return ServiceProcess.onPostgres(
                        name,
                        app,
                        portVariable,
                        o.jdbcUrl(db),
                        o.pgUser(),
                        o.pgPassword(),
                        jvm,
                        logs.resolve(name + ".log"))
                .withEnv(
                        "LEDGER_CHECKPOINT_PRIVATE_KEY_FILE",
                        keys.resolve("private.pem").toString())
                .withEnv(
                        "LEDGER_CHECKPOINT_PUBLIC_KEY_FILE",
                        keys.resolve("public.pem").toString())
                .withEnv("LEDGER_CHECKPOINT_CREATE_MISSING_KEYS", "true")
                // The harness sends every request with one token, faster than the per-subject limit admits (W1 reaches
                // about 2,000 writes/s): it measures the ledger's ceiling, not the limit's.
                .withEnv("LEDGER_RATE_LIMIT_REQUESTS_PER_SECOND", "1000000")
                .withEnv("LEDGER_RATE_LIMIT_BURST", "1000000")
                .withEnv(env)
                // Up means serving HTTP: liveness, since readiness may wait for work the benchmark starts itself.
                .start(START_TIMEOUT, ServiceProcess.Up.LIVE);
    }

    /** The command service owns the event store schema: one start and stop migrates it. */
    private void migrate(String db) throws Exception {
        try (ServiceProcess command = service("ledger-command", "migrate", db, Map.of())) {
            // started means migrated
        }
    }

    private Connection connect(String db) throws SQLException {
        return DriverManager.getConnection(o.jdbcUrl(db), o.pgUser(), o.pgPassword());
    }

    private void recreate(String db) throws SQLException {
        drop(db);
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + db);
        }
    }

    private void drop(String db) throws SQLException {
        try (Connection c = connect("postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
        }
    }

    // ---- output -----------------------------------------------------------------------------------------------

    private void add(ResultsTable.Row row) {
        table.add(row);
        say(String.format(
                Locale.ROOT,
                "   %-32s %-58s %12s %-9s p50 %8s  p99 %8s %s",
                row.workload(),
                row.variant(),
                ResultsTable.number(row.throughput()),
                row.unit(),
                ResultsTable.millis(row.p50Millis()),
                ResultsTable.millis(row.p99Millis()),
                row.target()));
    }

    private void report(List<String> machine) throws Exception {
        StringBuilder text = new StringBuilder();
        text.append("\n== Results")
                .append(o.smoke() ? " (smoke run: tiny sizes, the figures mean nothing)" : "")
                .append('\n');
        text.append(table.format());
        if (!notes.isEmpty()) {
            text.append("\nNotes:\n");
            notes.forEach(n -> text.append("  - ").append(n).append('\n'));
        }
        out.print(text);
        StringBuilder md =
                new StringBuilder("# Benchmark run " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\n\n");
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("- options: events=")
                .append(o.events())
                .append(", W1 seconds per level=")
                .append(o.w1Duration().toSeconds())
                .append(", idempotency keys=")
                .append(o.idempotencyKeys())
                .append(", service JVM=")
                .append(String.join(" ", o.serviceJvmOptions()))
                .append(", smoke=")
                .append(o.smoke())
                .append("\n\n");
        md.append(table.markdown());
        if (!notes.isEmpty()) {
            md.append('\n');
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
        Path file = o.outputDirectory().resolve("results.md");
        Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        out.println("\nResults written to " + file);
    }

    private void say(String line) {
        out.println(line);
        out.flush();
    }

    static String target(boolean met, String what) {
        return (met ? "met: " : "MISSED: ") + what;
    }

    private static String plural(int n) {
        return n == 1 ? "" : "s";
    }

    /** Samples both services' RSS every 200 ms and keeps the peaks. */
    private static final class RssSampler {
        private final ServiceProcess command;
        private final ServiceProcess query;
        private volatile boolean running = true;
        private volatile long peakCommand;
        private volatile long peakQuery;
        private Thread thread;

        RssSampler(ServiceProcess command, ServiceProcess query) {
            this.command = command;
            this.query = query;
        }

        RssSampler start() {
            thread = new Thread(
                    () -> {
                        while (running) {
                            peakCommand = Math.max(peakCommand, command.rssBytes());
                            peakQuery = Math.max(peakQuery, query.rssBytes());
                            try {
                                Thread.sleep(200);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    },
                    "bench-rss");
            thread.setDaemon(true);
            thread.start();
            return this;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        long peakCommand() {
            return peakCommand;
        }

        long peakQuery() {
            return peakQuery;
        }
    }
}
