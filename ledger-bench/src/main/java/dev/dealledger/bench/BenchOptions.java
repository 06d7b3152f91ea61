package dev.dealledger.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Everything a run can be told, from the command line and the environment. */
public record BenchOptions(
        boolean smoke,
        String pgUrl,
        String pgUser,
        String pgPassword,
        String database,
        Path commandApp,
        Path queryApp,
        String token,
        List<String> serviceJvmOptions,
        long events,
        Duration w0Duration,
        Duration w1Warmup,
        Duration w1Duration,
        Duration w4Duration,
        Duration w3Budget,
        int w3MaxSamples,
        int w3ComputedMaxSamples,
        Duration rebuildTimeout,
        boolean idempotencyKeys,
        boolean keepDatabases,
        Path outputDirectory,
        long seed,
        boolean profile,
        boolean onlyRebuildAndReads,
        boolean onlyWrites) {

    static final String USAGE = """
            Usage: java -jar ledger-bench/target/ledger-bench.jar [options]   (or ./bench.sh [options])

              --smoke                   everything at tiny sizes, in seconds (no timing is asserted anywhere)
              --pg-url URL              PostgreSQL server, without a database (default jdbc:postgresql://127.0.0.1:5432/)
              --pg-user USER            (default postgres; env LEDGER_BENCH_PG_USER)
              --pg-password PASSWORD    (default empty; env LEDGER_BENCH_PG_PASSWORD)
              --database NAME           prefix of the databases the run drops and creates (default ledger_bench)
              --command-app DIR         packaged command service (default ledger-command/target/quarkus-app)
              --query-app DIR           packaged query service (default ledger-query/target/quarkus-app)
              --token TOKEN             bearer token sent on every /api request (env LEDGER_BENCH_TOKEN)
              --jvm-opts "OPTS"         JVM options of both services (default: the image's, -Xmx256m -Xms64m -Xmn64m
                                        -XX:+UseSerialGC -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30)
              --events N                size of the event store for W2 and W3 (default 1000000)
              --w1-seconds S            measured seconds per W1 concurrency level (default 20)
              --no-idempotency-keys     W1/W4 writes without an Idempotency-Key header
              --keep-databases          leave the benchmark databases in place afterwards
              --out DIR                 where results and service logs go (default ledger-bench/target/bench-results)
              --seed N                  seed of the generated histories (default 42)
              --profile                 record a JFR profile of every service process into the output directory
              --only-w2-w3              only the rebuild (W2) and reads (W3): no W0, W1 or W4 (for iterating
                                        on the read side; the table then lacks the W1 ratios)
              --only-writes             only the write side: W0, W1, memory and W4, no W2 or W3 (for iterating on
                                        the write path; the 1,000,000-event store is not generated)
            """;

    static BenchOptions parse(String[] args, Map<String, String> env, Path repoRoot) {
        boolean smoke = List.of(args).contains("--smoke");
        String pgUrl = "jdbc:postgresql://127.0.0.1:5432/";
        String pgUser = env.getOrDefault("LEDGER_BENCH_PG_USER", "postgres");
        String pgPassword = env.getOrDefault("LEDGER_BENCH_PG_PASSWORD", "");
        String database = "ledger_bench";
        Path commandApp = repoRoot.resolve("ledger-command/target/quarkus-app");
        Path queryApp = repoRoot.resolve("ledger-query/target/quarkus-app");
        String token = blankToNull(env.get("LEDGER_BENCH_TOKEN"));
        // The heap and collector the image sets (deploy/docker/Dockerfile.jvm).
        List<String> jvm = List.of(
                "-Xmx256m",
                "-Xms64m",
                "-Xmn64m",
                "-XX:+UseSerialGC",
                "-XX:MinHeapFreeRatio=10",
                "-XX:MaxHeapFreeRatio=30");
        long events = smoke ? 5_000 : 1_000_000;
        Duration w1 = Duration.ofSeconds(smoke ? 2 : 20);
        boolean keys = true;
        boolean keep = false;
        Path out = repoRoot.resolve("ledger-bench/target/bench-results");
        long seed = 42;
        boolean profile = false;
        boolean onlyRebuildAndReads = false;
        boolean onlyWrites = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--smoke" -> {}
                case "--pg-url" -> pgUrl = value(args, ++i, a);
                case "--pg-user" -> pgUser = value(args, ++i, a);
                case "--pg-password" -> pgPassword = value(args, ++i, a);
                case "--database" -> database = value(args, ++i, a);
                case "--command-app" -> commandApp = Path.of(value(args, ++i, a));
                case "--query-app" -> queryApp = Path.of(value(args, ++i, a));
                case "--token" -> token = blankToNull(value(args, ++i, a));
                case "--jvm-opts" -> jvm = List.of(value(args, ++i, a).trim().split("\\s+"));
                case "--events" -> events = Long.parseLong(value(args, ++i, a).replace("_", ""));
                case "--w1-seconds" -> w1 = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                case "--no-idempotency-keys" -> keys = false;
                case "--keep-databases" -> keep = true;
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--profile" -> profile = true;
                case "--only-w2-w3" -> onlyRebuildAndReads = true;
                case "--only-writes" -> onlyWrites = true;
                case "--help", "-h" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + a);
            }
        }
        if (!database.matches("[a-z_][a-z0-9_]{0,40}")) {
            throw new UsageException("--database must be a plain lower-case identifier");
        }
        if (onlyRebuildAndReads && onlyWrites) {
            throw new UsageException("--only-w2-w3 and --only-writes exclude each other");
        }
        return new BenchOptions(
                smoke,
                pgUrl.endsWith("/") ? pgUrl : pgUrl + "/",
                pgUser,
                pgPassword,
                database,
                commandApp,
                queryApp,
                token,
                new ArrayList<>(jvm),
                events,
                Duration.ofSeconds(smoke ? 1 : 10),
                Duration.ofSeconds(smoke ? 1 : 10),
                w1,
                Duration.ofSeconds(smoke ? 2 : 30),
                Duration.ofSeconds(smoke ? 3 : 60),
                smoke ? 5 : 200,
                smoke ? 2 : 30,
                Duration.ofMinutes(smoke ? 2 : 40),
                keys,
                keep,
                out,
                seed,
                profile,
                onlyRebuildAndReads,
                onlyWrites);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    String jdbcUrl(String db) {
        return pgUrl + db;
    }

    /** Thrown for --help and for a bad command line; the message (if any) precedes the usage text. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
