package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The projection gives up on an open global index (a gap) only when it reads events older than the gap timeout. An
 * append could be lost from the read models if its transaction stayed open longer than that while the projection
 * lagged as long; the command service's transaction timeout rolls every append back well before, so the gap timeout
 * must exceed it by a wide margin (five times here), also covering clock skew between the two services.
 */
class GapTimeoutOutlivesEveryAppendTest {

    /** What AxonInfrastructure uses when the property is not set. */
    private static final String AXON_INFRASTRUCTURE_DEFAULT = "60000";

    @Test
    void the_gap_timeout_is_at_least_five_times_the_longest_append_transaction() throws IOException {
        Properties query = properties(Path.of("src/main/resources/application.properties"));
        Properties command = properties(Path.of(System.getProperty("user.dir"))
                .resolveSibling("ledger-command")
                .resolve("src/main/resources/application.properties"));

        Duration gapTimeout = Duration.ofMillis(Long.parseLong(
                query.getProperty("ledger.event-store.gap-timeout-millis", AXON_INFRASTRUCTURE_DEFAULT)));
        Duration appendTimeout = Duration.parse("PT"
                + command.getProperty("quarkus.transaction-manager.default-transaction-timeout")
                        .toUpperCase());

        assertThat(appendTimeout).isPositive();
        assertThat(gapTimeout).isGreaterThanOrEqualTo(appendTimeout.multipliedBy(5));
    }

    private static Properties properties(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            p.load(reader);
        }
        return p;
    }
}
