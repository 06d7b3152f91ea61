package dev.dealledger.query.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** While PostgreSQL is down, restarting or still recovering, a read is answered 503 with Retry-After, never 500. */
class DatabaseUnavailableProblemTest {

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({
        "08001, connection refused",
        "08006, I/O error while sending to the backend",
        "57P01, terminating connection due to administrator command",
        "57P02, terminating connection because of crash of another server process",
        "57P03, the database system is starting up"
    })
    void is_a_503(String sqlState, String message) {
        var response = new QueryProblemMapper()
                .any(new IllegalStateException("could not read the token store", new SQLException(message, sqlState)));

        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isNotBlank();
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource({"22001, value too long", "42P01, relation does not exist"})
    void other_database_errors_are_not_reported_as_unavailability(String sqlState, String message) {
        assertThat(QueryProblemMapper.databaseUnavailable(
                        new IllegalStateException(new SQLException(message, sqlState))))
                .isFalse();
    }
}
