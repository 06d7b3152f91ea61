package dev.dealledger.query.projection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;

/**
 * A projection write that fails is never skipped. Here the read-model table refuses the row, so the batch's commit
 * fails: rows and token roll back together and the batch is retried until it succeeds. A failure thrown by a handler
 * itself (not by the database) is propagated too, rather than logged and passed over as Axon's default handler would
 * do; the second test pins that configuration.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.AUDITOR})
class RetryingAFailedProjectionTest {

    @Inject
    JdbcEventStorageEngine storageEngine;

    @Inject
    ActiveDataSource dataSource;

    @Test
    void a_failed_projection_is_retried_until_the_fact_is_in_the_read_model() throws Exception {
        String poisoned = "cp-poison-" + UUID.randomUUID().toString().substring(0, 8);
        // Counts the refused attempts. A sequence, because it is not rolled back with the refused transaction.
        sql("CREATE SEQUENCE read_model.poison_attempts");
        sql("CREATE FUNCTION read_model.refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                + "PERFORM nextval('read_model.poison_attempts'); "
                + "RAISE EXCEPTION 'refused for the test: %', NEW.counterparty_id; END $$");
        sql("CREATE TRIGGER refuse_poison BEFORE INSERT ON read_model.rm_counterparty FOR EACH ROW"
                + " WHEN (NEW.counterparty_id LIKE 'cp-poison-%') EXECUTE FUNCTION read_model.refuse_poison()");
        try {
            QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(poisoned)));
            // The projection tried, was refused and tried again: the fact is still not there, and the projection has
            // not moved past it. Waiting for the second refusal, not for a while, so a slow projection cannot pass.
            await().atMost(Duration.ofSeconds(90)).until(() -> refusedAttempts() >= 2);
            assertThat(status(poisoned)).isEqualTo(404);
        } finally {
            sql("DROP TRIGGER refuse_poison ON read_model.rm_counterparty");
            sql("DROP FUNCTION read_model.refuse_poison()");
            sql("DROP SEQUENCE read_model.poison_attempts");
        }
        // Once the table accepts it again, the retried batch projects it.
        await().atMost(Duration.ofSeconds(90)).until(() -> status(poisoned) == 200);
        String next = "cp-after-" + UUID.randomUUID().toString().substring(0, 8);
        QuarkusTransaction.requiringNew().run(() -> storageEngine.appendEvents(event(next)));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(next) == 200);
    }

    @Inject
    dev.dealledger.query.processing.QueryAxonConfiguration axon;

    @Test
    void a_handler_failure_is_propagated_not_logged_and_passed_over() {
        assertThat(axon.listenerInvocationErrorHandler())
                .isInstanceOf(org.axonframework.eventhandling.PropagatingErrorHandler.class);
    }

    private long refusedAttempts() throws Exception {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(
                        "SELECT CASE WHEN is_called THEN last_value ELSE 0 END" + " FROM read_model.poison_attempts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.connection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private static GenericDomainEventMessage<CounterpartyRegisteredEvent> event(String id) {
        return new GenericDomainEventMessage<>(
                "Counterparty",
                id,
                0,
                new CounterpartyRegisteredEvent(id, "Poisoned Compute (fictional)", null, LocalDate.of(2026, 1, 1)),
                MetaData.from(Map.of(MetadataKeys.ACTOR, "test-operator")));
    }

    private static int status(String counterpartyId) {
        return RestAssured.given()
                .get("/api/v1/counterparties/" + counterpartyId + "/totals")
                .statusCode();
    }
}
