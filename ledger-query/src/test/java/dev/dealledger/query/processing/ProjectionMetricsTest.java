package dev.dealledger.query.processing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.axon.testing.ManagementPort;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The lag gauge of the runbook is published on /q/metrics, without a token and without ledger data. */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class ProjectionMetricsTest {

    @Test
    void the_processor_lag_and_the_head_position_are_published() {
        String metrics = given().port(ManagementPort.inTests())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(metrics).containsPattern("(?m)^ledger_processor_lag_events [0-9.E+]+$");
        assertThat(metrics).containsPattern("(?m)^ledger_event_store_head_position [0-9.E+]+$");
    }
}
