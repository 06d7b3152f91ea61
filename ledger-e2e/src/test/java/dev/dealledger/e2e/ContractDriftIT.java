package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.testkit.process.ServiceProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The drift check: the OpenAPI document each packaged service generates from its code ({@code /q/openapi}) must agree
 * with its document of record in ledger-api, path for path, operation for operation, parameter for parameter and
 * field for field (see {@link OpenApiDrift} for exactly what is compared). A resource method added, a header dropped or
 * a view field renamed without the contract following fails the build here, and the other way round.
 */
class ContractDriftIT {

    private static final String DATABASE = "ledger_test_e2e_contract_drift";
    private static ServiceProcess command;
    private static ServiceProcess query;

    @BeforeAll
    static void startServices() throws Exception {
        String jdbcUrl = TestDatabase.recreate(DATABASE);
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
    void the_command_service_serves_exactly_its_document_of_record() throws Exception {
        assertAgrees("ledger-command", command);
    }

    @Test
    void the_query_service_serves_exactly_its_document_of_record() throws Exception {
        assertAgrees("ledger-query", query);
    }

    private static void assertAgrees(String service, ServiceProcess process) throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord(service);
        JsonNode served = generated(process);
        assertThat(served.path("paths").size())
                .as("%s serves a generated document with paths", service)
                .isPositive();

        List<String> differences = OpenApiDrift.differences(record, served);

        assertThat(differences)
                .as(
                        "%s's /q/openapi no longer agrees with ledger-api/src/main/openapi/%s.yaml. Change the code or"
                                + " the document of record (docs/api-versioning.md says which changes v1 allows)",
                        service, service)
                .isEmpty();
    }

    private static JsonNode generated(ServiceProcess process) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(process.managementUrl() + "/q/openapi?format=json"))
                                .timeout(Duration.ofSeconds(30))
                                .header("Accept", "application/json")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return OpenApiDrift.read(response.body());
    }
}
