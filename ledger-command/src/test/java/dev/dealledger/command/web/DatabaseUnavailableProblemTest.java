package dev.dealledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.problem.Problem;
import jakarta.transaction.RollbackException;
import java.sql.SQLException;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * While PostgreSQL is down, restarting or still recovering, a write is answered 503 (with Retry-After), never 500: the
 * client may retry it with the same Idempotency-Key. The SQL states are the ones PostgreSQL and its driver report.
 */
class DatabaseUnavailableProblemTest {

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "08001, connection refused",
        "08006, I/O error while sending to the backend",
        "08003, this connection has been closed",
        "57P01, terminating connection due to administrator command",
        "57P02, terminating connection because of crash of another server process",
        "57P03, the database system is starting up"
    })
    void is_a_503(String sqlState, String message) {
        Problem problem = ProblemMapper.classify(
                new IllegalStateException("could not read idempotency record", new SQLException(message, sqlState)));

        assertThat(problem.status()).isEqualTo(503);
        assertThat(ProblemMapper.respond(problem).getHeaderString("Retry-After"))
                .isNotBlank();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"22001, value too long", "42P01, relation does not exist"})
    void other_database_errors_are_not_reported_as_unavailability(String sqlState, String message) {
        Problem problem =
                ProblemMapper.classify(new IllegalStateException("failed", new SQLException(message, sqlState)));

        assertThat(problem.status()).isEqualTo(500);
    }

    @Test
    void a_commit_that_failed_on_a_broken_connection_is_a_503() {
        // What Narayana throws when PostgreSQL goes away between the append and the commit: the driver's error is
        // only a suppressed exception of the RollbackException.
        XAException commit = new XAException("Error trying to transactionCommit local transaction");
        commit.initCause(new SQLException("An I/O error occurred while sending to the backend.", "08006"));
        RollbackException rollback = new RollbackException("ARJUNA016053: Could not commit transaction.");
        rollback.addSuppressed(commit);

        Problem problem = ProblemMapper.classify(new IllegalStateException(rollback));

        assertThat(problem.status()).isEqualTo(503);
    }
}
