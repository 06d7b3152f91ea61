package dev.dealledger.command.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.ManagementPort;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The metrics the runbook relies on: command latency and events appended, on /q/metrics. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER})
class CommandMetricsTest {

    @Test
    void a_write_is_timed_and_its_event_counted_but_a_repeated_put_counts_nothing() {
        String id = "cp-metrics-" + UUID.randomUUID().toString().substring(0, 8);
        double before = appended();
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON)
                    .body("{\"legalName\":\"Metrics Compute (fictional)\"}")
                    .put("/api/v1/counterparties/" + id)
                    .then()
                    .statusCode(200);
        }
        assertThat(appended() - before).isEqualTo(1.0);
        assertThat(metrics()).contains("ledger_command_seconds_count{command=\"RegisterCounterpartyCommand\"");
    }

    private static double appended() {
        Matcher m = Pattern.compile(
                        "(?m)^ledger_events_appended_total\\{command=\"RegisterCounterpartyCommand\"[^}]*} ([0-9.E+]+)$")
                .matcher(metrics());
        return m.find() ? Double.parseDouble(m.group(1)) : 0.0;
    }

    private static String metrics() {
        return given().port(ManagementPort.inTests())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }
}
