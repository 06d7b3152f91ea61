package dev.dealledger.command.web;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class RecordingTheFirstFactsTest {

    @Test
    void a_counterparty_agreement_deal_and_commitment_are_recorded_in_order() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String counterparty = "cw-" + suffix;
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"CoreWeave, Inc.\"}")
                .put("/api/v1/counterparties/" + counterparty)
                .then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .header("X-Ledger-Position", notNullValue())
                .body("counterpartyId", equalTo(counterparty));
        given().contentType(ContentType.JSON)
                .body("{\"agreementId\":\"msa-" + suffix + "\",\"counterpartyId\":\"" + counterparty
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}")
                .post("/api/v1/agreements")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"dealId\":\"of-" + suffix + "\",\"agreementId\":\"msa-" + suffix
                        + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-09-30\","
                        + "\"sourceReference\":\"8-K\"}")
                .post("/api/v1/deals")
                .then()
                .statusCode(201)
                .header("ETag", "\"0\"");
        given().contentType(ContentType.JSON)
                .body("{\"commitmentId\":\"c1\",\"amount\":\"14200000000.00\",\"termStart\":\"2025-10-01\","
                        + "\"termEnd\":\"2031-12-31\",\"resource\":\"Nvidia Blackwell GPU capacity\","
                        + "\"effectiveDate\":\"2025-09-30\"}")
                .post("/api/v1/deals/of-" + suffix + "/commitments")
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("commitmentId", equalTo("c1"))
                .body("recordedAt", notNullValue());
    }
}
