package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.testkit.process.LedgerHttp;
import dev.dealledger.testkit.process.ServiceProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both packaged services as separate processes on one PostgreSQL database: a write through the command service is read
 * through the query service; the query service is stopped, more facts are recorded, and after its restart the totals
 * are exact, with every fact projected exactly once.
 */
class BothServicesOnOneDatabaseIT {

    private static final String DATABASE = "ledger_test_e2e_both_services";
    private static String jdbcUrl;
    private static EventTable events;
    private static ServiceProcess command;
    private static ServiceProcess query;
    private final LedgerHttp http = new LedgerHttp(TestTokens.allRoles());

    @BeforeAll
    static void startServices() throws Exception {
        jdbcUrl = TestDatabase.recreate(DATABASE);
        events = new EventTable(jdbcUrl);
        command = PackagedServices.command(jdbcUrl).start();
        query = PackagedServices.query(jdbcUrl).start();
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
    void totals_stay_exact_across_a_query_service_restart() throws Exception {
        String cmd = command.baseUrl();
        assertThat(http.send("PUT", cmd + "/api/v1/counterparties/coreweave", Facts.counterparty())
                        .status())
                .isEqualTo(200);
        assertThat(http.send(
                                "POST",
                                cmd + "/api/v1/agreements",
                                "{\"agreementId\":\"msa-2023\",\"counterpartyId\":\"coreweave\",\"title\":\"MSA\","
                                        + "\"signedOn\":\"2023-12-01\"}")
                        .status())
                .isEqualTo(201);
        assertThat(http.send("POST", cmd + "/api/v1/deals", Facts.deal("of-2025-09", "2025-09-30"))
                        .status())
                .isEqualTo(201);
        LedgerHttp.Reply first = http.send(
                "POST",
                cmd + "/api/v1/deals/of-2025-09/commitments",
                Facts.commitment("c-2025", "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30"));
        assertThat(first.status()).isEqualTo(201);

        LedgerHttp.Reply totals = readTotals(first.position());
        assertThat(totals.status()).isEqualTo(200);
        assertThat(totals.totalsRow("USD").path("committed").asText()).isEqualTo("14200000000.00");
        assertThat(totals.totalsRow("USD").path("deals").asLong()).isEqualTo(1);
        assertThat(totals.totalsRow("USD").path("commitments").asLong()).isEqualTo(1);

        query.stop();
        assertThat(http.send("POST", cmd + "/api/v1/deals", Facts.deal("of-2026-04", "2026-04-01"))
                        .status())
                .isEqualTo(201);
        assertThat(http.send(
                                "POST",
                                cmd + "/api/v1/deals/of-2026-04/commitments",
                                Facts.commitment("c-2026", "15000000000.00", "2026-07-01", "2032-12-31", "2026-04-01"))
                        .status())
                .isEqualTo(201);
        LedgerHttp.Reply amendment = http.send(
                "POST",
                cmd + "/api/v1/deals/of-2025-09/commitments/c-2025/amendments",
                "{\"amendmentId\":\"am-1\",\"amountDelta\":\"250000000.00\",\"effectiveDate\":\"2026-01-01\","
                        + "\"reason\":\"illustrative correction\"}");
        assertThat(amendment.status()).isEqualTo(201);

        query = PackagedServices.query(jdbcUrl).start();
        LedgerHttp.Reply after = readTotals(amendment.position());
        assertThat(after.status()).isEqualTo(200);
        // 14,200,000,000.00 + 15,000,000,000.00 + 250,000,000.00, all effective by 2026-12-31.
        assertThat(after.totalsRow("USD").path("committed").asText()).isEqualTo("29450000000.00");
        assertThat(after.totalsRow("USD").path("deals").asLong()).isEqualTo(2);
        assertThat(after.totalsRow("USD").path("commitments").asLong()).isEqualTo(2);
        assertThat(after.totalsRow("USD").path("amendments").asLong()).isEqualTo(1);
        assertThat(events.projectedCommitmentFacts()).isEqualTo(events.commitmentFactEvents());
    }

    private LedgerHttp.Reply readTotals(long minPosition) throws Exception {
        return http.get(query.baseUrl() + "/api/v1/counterparties/coreweave/totals?asOf=2026-12-31", minPosition);
    }
}
