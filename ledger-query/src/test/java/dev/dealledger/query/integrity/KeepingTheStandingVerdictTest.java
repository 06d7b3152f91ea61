package dev.dealledger.query.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The standing verdict (docs/adr/0008) keeps its whole pass until the next is due, and a new whole pass starts under it
 * once the last began {@code whole-pass-every} ago. What feeding it finds is TamperingWithTheLogIT's (ledger-e2e): only
 * there does the command service sign checkpoints.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class KeepingTheStandingVerdictTest {

    @Inject
    TamperEvidence evidence;

    @ConfigProperty(name = "ledger.verification.whole-pass-every")
    Duration wholePassEvery;

    @Test
    void a_check_feeds_the_kept_pass_until_the_next_is_due() {
        evidence.check(Instant.now());
        TamperEvidence.Standing first = evidence.standing();
        Instant due = first.pass().startedAt().plus(wholePassEvery);

        evidence.check(due.minusMillis(1));
        TamperEvidence.Standing fed = evidence.standing();

        assertThat(fed.pass()).as("no pass was due").isEqualTo(first.pass());
        assertThat(fed.checkedAt()).isAfterOrEqualTo(first.checkedAt());

        evidence.check(due);
        TamperEvidence.Standing next = evidence.standing();

        assertThat(next.pass().startedAt())
                .as("a pass was due")
                .isAfter(first.pass().startedAt());
        assertThat(next.nextPassDue()).as("this profile schedules no checks").isNull();
    }
}
