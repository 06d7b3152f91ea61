package dev.dealledger.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.dealledger.testkit.process.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaults_are_the_full_run_against_the_packaged_services() {
        BenchOptions o = BenchOptions.parse(new String[0], Map.of(), ROOT);

        assertThat(o.smoke()).isFalse();
        assertThat(o.events()).isEqualTo(1_000_000);
        assertThat(o.commandApp()).isEqualTo(Path.of("/repo/ledger-command/target/quarkus-app"));
        assertThat(o.queryApp()).isEqualTo(Path.of("/repo/ledger-query/target/quarkus-app"));
        assertThat(o.jdbcUrl("ledger_bench")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/ledger_bench");
        assertThat(o.token()).isNull();
        assertThat(o.keepDatabases()).isFalse();
    }

    @Test
    void smoke_runs_are_tiny() {
        BenchOptions o = BenchOptions.parse(new String[] {"--smoke"}, Map.of(), ROOT);

        assertThat(o.events()).isLessThanOrEqualTo(10_000);
        assertThat(o.w1Duration().toSeconds()).isLessThanOrEqualTo(2);
    }

    @Test
    void the_token_comes_from_the_environment_or_the_command_line() {
        assertThat(BenchOptions.parse(new String[0], Map.of("LEDGER_BENCH_TOKEN", "env-token"), ROOT)
                        .token())
                .isEqualTo("env-token");
        assertThat(BenchOptions.parse(
                                new String[] {"--token", "flag-token"}, Map.of("LEDGER_BENCH_TOKEN", "env-token"), ROOT)
                        .token())
                .isEqualTo("flag-token");
    }

    @Test
    void options_override_the_defaults() {
        BenchOptions o = BenchOptions.parse(
                new String[] {
                    "--events",
                    "200_000",
                    "--database",
                    "other_db",
                    "--keep-databases",
                    "--jvm-opts",
                    "-Xmx512m -XX:+UseSerialGC"
                },
                Map.of(),
                ROOT);

        assertThat(o.events()).isEqualTo(200_000);
        assertThat(o.database()).isEqualTo("other_db");
        assertThat(o.keepDatabases()).isTrue();
        assertThat(o.serviceJvmOptions()).containsExactly("-Xmx512m", "-XX:+UseSerialGC");
    }

    @Test
    void bad_command_lines_are_refused() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--frobnicate"}, Map.of(), ROOT))
                .isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining("--frobnicate");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--database", "x; DROP"}, Map.of(), ROOT))
                .isInstanceOf(BenchOptions.UsageException.class);
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--events"}, Map.of(), ROOT))
                .isInstanceOf(BenchOptions.UsageException.class);
    }

    @Test
    void rss_lines_of_proc_status_parse_to_kilobytes() {
        assertThat(ServiceProcess.parseKilobytes("VmRSS:\t  202680 kB")).isEqualTo(202_680);
        assertThat(ServiceProcess.parseKilobytes("VmRSS:")).isEqualTo(-1);
    }
}
