package dev.dealledger.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Direction;
import dev.dealledger.api.Roles;
import dev.dealledger.query.testing.EventStoreWriter;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import dev.dealledger.query.testing.LedgerScript;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A read is several statements. Between two of them, on purpose, an option's exercise is projected: its exercise fact
 * and the commitment it creates. The read still answers from one snapshot: the second statement does not see the
 * commitment the first one's options did not yet account for (under READ COMMITTED it would, and the option's
 * potential and the new commitment would both count the same capacity).
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@WithTestResource(LedgerQueryDatabase.class)
class ReadingOneSnapshotTest {

    static final String DEAL = "snapshot-deal";
    static final LocalDate AS_OF = LocalDate.parse("2026-12-31");

    @Inject
    EventStoreWriter writer;

    @Inject
    ReadModelSession sessions;

    record Seen(List<OptionFactEntity> options, List<CommitmentFactEntity> commitments) {}

    @Test
    void an_exercise_projected_between_a_reads_statements_does_not_reach_the_later_ones() {
        LedgerScript ledger = new LedgerScript(writer);
        ledger.counterpartyWithDeal("snapshot-cp", DEAL, Direction.PAYABLE, "USD", LocalDate.parse("2025-01-01"));
        ledger.option(
                DEAL,
                "o",
                "6000.00",
                LocalDate.parse("2025-01-01"),
                LocalDate.parse("2026-12-31"),
                LocalDate.parse("2025-01-01"));
        ledger.awaitProjection();
        Instant everything = Instant.now().plus(1, ChronoUnit.DAYS);

        Seen seen = QuarkusTransaction.requiringNew().call(() -> {
            ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
            List<OptionFactEntity> options = q.optionFactsOfDeal(DEAL, AS_OF, everything);
            // Recorded and projected by other threads while this read is between its statements.
            CompletableFuture.runAsync(() -> {
                        ledger.exercise(
                                DEAL,
                                "o",
                                "from-o",
                                "4000.00",
                                LocalDate.parse("2026-01-01"),
                                LocalDate.parse("2026-12-31"),
                                "r",
                                LocalDate.parse("2025-06-30"));
                        ledger.awaitProjection();
                    })
                    .get(60, TimeUnit.SECONDS);
            return new Seen(options, q.commitmentFactsOfDeal(DEAL, AS_OF, everything));
        });

        assertThat(seen.options()).extracting(f -> f.kind).containsExactly(OptionFactEntity.Kind.GRANTED);
        assertThat(seen.commitments())
                .as("the commitment of an exercise this read's options did not see")
                .isEmpty();

        // A read that starts afterwards sees the exercise and its commitment together.
        Seen after = QuarkusTransaction.requiringNew().call(() -> {
            ReadModelQueries q = new ReadModelQueries(sessions.get()).oneSnapshot();
            return new Seen(
                    q.optionFactsOfDeal(DEAL, AS_OF, everything), q.commitmentFactsOfDeal(DEAL, AS_OF, everything));
        });
        assertThat(after.options()).extracting(f -> f.kind).contains(OptionFactEntity.Kind.EXERCISED);
        assertThat(after.commitments()).extracting(f -> f.commitmentId).containsExactly("from-o");
    }
}
