package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import dev.dealledger.verify.PeriodDigest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md, "Period close", across both packaged services: the command service reads the figures as reported
 * from the query service, records them in the close with their digest and answers the digest; the query service
 * serves the same rows and digest, and anyone recomputes the digest from its answer. A controller whose token may not
 * read the figures closes nothing.
 */
class ClosingAPeriodIT {

    private static final String DATABASE = "ledger_test_e2e_period_close";
    private static final String CONTROLLER = "ledger-controller";
    private static ServiceProcess command;
    private static ServiceProcess query;
    private final LedgerHttp writer = new LedgerHttp(TestTokens.allRoles());
    private final LedgerHttp controller =
            new LedgerHttp(JwtTestKeys.token(TestTokens.SUBJECT, CONTROLLER, TestTokens.AUDITOR));
    private final LedgerHttp controllerOnly = new LedgerHttp(JwtTestKeys.token(TestTokens.SUBJECT, CONTROLLER));

    @BeforeAll
    static void startServices() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
        query = PackagedServices.query(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).withEnv("LEDGER_QUERY_URL", query.baseUrl());
        command.start();
        query.start();
    }

    @AfterAll
    static void stopServices() throws Exception {
        if (query != null) {
            query.close();
        }
        if (command != null) {
            command.close();
        }
    }

    @Test
    void the_close_records_the_query_services_figures_and_both_services_show_one_digest() throws Exception {
        String cmd = command.baseUrl();
        assertThat(writer.send("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty())
                        .status())
                .isEqualTo(200);
        assertThat(writer.send("POST", cmd + "/api/v1/agreements", Facts.agreement())
                        .status())
                .isEqualTo(201);
        assertThat(writer.send("POST", cmd + "/api/v1/deals", Facts.deal("of-2025-09", "2025-09-30"))
                        .status())
                .isEqualTo(201);
        assertThat(writer.send(
                                "POST",
                                cmd + "/api/v1/deals/of-2025-09/commitments",
                                Facts.commitment("c-2025", "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30"))
                        .status())
                .isEqualTo(201);

        LedgerHttp.Reply refused =
                controllerOnly.send("POST", cmd + "/api/v1/periods/2026-03-31/close", "{\"reason\":\"Q1 close\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.body().path("detail").asText()).contains("ledger-auditor");

        LedgerHttp.Reply closed =
                controller.send("POST", cmd + "/api/v1/periods/2026-03-31/close", "{\"reason\":\"Q1 close\"}");
        assertThat(closed.status()).isEqualTo(201);
        String digest = closed.body().path("digest").asText();
        assertThat(digest).matches("[0-9a-f]{64}");

        LedgerHttp.Reply period = controller.get(query.baseUrl() + "/api/v1/periods/2026-03-31", closed.position());
        assertThat(period.status()).isEqualTo(200);
        JsonNode view = period.body();
        assertThat(view.path("digest").asText()).isEqualTo(digest);
        assertThat(view.path("closedAt").asText())
                .isEqualTo(closed.body().path("closedAt").asText());
        assertThat(view.path("position").asLong()).isEqualTo(closed.position());
        // As of 2026-03-31: October 2025 to March 2026 have fallen due, 6 x 189,333,333.33.
        JsonNode row = view.path("asReported").get(0);
        assertThat(row.path("counterpartyId").asText()).isEqualTo("coreweave");
        assertThat(row.path("committed").asText()).isEqualTo("14200000000.00");
        assertThat(row.path("elapsed").asText()).isEqualTo("1135999999.98");
        assertThat(row.path("remaining").asText()).isEqualTo("13064000000.02");
        assertThat(PeriodDigest.of(
                        view.path("periodEnd").asText(), view.path("closedAt").asText(), rows(view)))
                .isEqualTo(digest);

        LedgerHttp.Reply again =
                controller.send("POST", cmd + "/api/v1/periods/2026-03-31/close", "{\"reason\":\"Q1 close\"}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().path("type").asText()).endsWith("period-already-closed");
    }

    private static List<PeriodDigest.Row> rows(JsonNode view) {
        List<PeriodDigest.Row> rows = new ArrayList<>();
        for (JsonNode r : view.path("asReported")) {
            rows.add(new PeriodDigest.Row(
                    r.path("counterpartyId").asText(),
                    r.path("currency").asText(),
                    r.path("direction").asText(),
                    r.path("committed").asText(),
                    r.path("elapsed").asText(),
                    r.path("remaining").asText(),
                    r.path("potential").asText(),
                    r.path("exposure").asText(),
                    r.path("concentration").asText(),
                    r.path("deals").asLong(),
                    r.path("commitments").asLong(),
                    r.path("optionsOpen").asLong(),
                    r.path("optionsExercised").asLong(),
                    r.path("amendments").asLong()));
        }
        return rows;
    }
}
