package dev.dealledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The query service writes only what it derives from the event store, so its commits do not wait for the WAL flush
 * (application.properties explains why that is safe); its connections must really carry the setting.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class DerivedWritesTest {

    @Inject
    ActiveDataSource dataSource;

    @Test
    @DisplayName("the service's PostgreSQL connections commit without waiting for the WAL flush")
    void synchronous_commit_is_off() throws Exception {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SHOW synchronous_commit")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("off");
        }
    }
}
