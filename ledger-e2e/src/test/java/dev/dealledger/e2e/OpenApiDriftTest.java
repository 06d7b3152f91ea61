package dev.dealledger.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The comparison behind the drift check, on the real documents of record and on copies of them with one thing
 * changed, as a service's generated document would differ after someone adds, drops or renames something.
 */
class OpenApiDriftTest {

    private static final String COMMITMENTS = "/api/v1/deals/{dealId}/commitments";

    @Test
    void each_document_of_record_agrees_with_itself() throws Exception {
        for (String service : new String[] {"ledger-command", "ledger-query"}) {
            JsonNode record = OpenApiDrift.documentOfRecord(service);
            assertThat(OpenApiDrift.differences(record, record.deepCopy()))
                    .as(service)
                    .isEmpty();
        }
    }

    @Test
    void a_path_the_service_serves_beyond_the_record_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-query");
        ObjectNode served = record.deepCopy();
        ((ObjectNode) served.get("paths"))
                .set("/api/v1/counterparties/{counterpartyId}/forecast", served.at("/paths/~1api~1v1~1exposure"));

        assertThat(OpenApiDrift.differences(record, served))
                .containsExactly(
                        "path /api/v1/counterparties/{counterpartyId}/forecast: served, not in the document of record");
    }

    @Test
    void a_path_or_operation_the_service_no_longer_serves_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-command");
        ObjectNode served = record.deepCopy();
        ((ObjectNode) served.get("paths")).remove("/api/v1/agreements");
        ObjectNode commitments = (ObjectNode) served.get("paths").get(COMMITMENTS);
        commitments.set("put", commitments.remove("post"));

        assertThat(OpenApiDrift.differences(record, served))
                .containsExactlyInAnyOrder(
                        "path /api/v1/agreements: in the document of record, not served",
                        "operation POST " + COMMITMENTS + ": in the document of record, not served",
                        "operation PUT " + COMMITMENTS + ": served, not in the document of record");
    }

    @Test
    void a_quality_factor_is_the_server_preference_not_drift_but_another_media_type_is() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-query");
        ObjectNode served = record.deepCopy();
        ObjectNode content = (ObjectNode) served.at("/paths/~1api~1v1~1exposure/get/responses/200/content");
        content.set("text/csv;qs=0.5", content.remove("text/csv"));
        assertThat(OpenApiDrift.differences(record, served)).isEmpty();

        content.set("text/plain", content.remove("text/csv;qs=0.5"));
        assertThat(OpenApiDrift.differences(record, served))
                .containsExactlyInAnyOrder(
                        "operation GET /api/v1/exposure response 200 media type text/csv: in the document of record,"
                                + " not served",
                        "operation GET /api/v1/exposure response 200 media type text/plain: served, not in the"
                                + " document of record");
    }

    @Test
    void a_missing_parameter_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-command");
        ObjectNode served = record.deepCopy();
        ArrayNode parameters =
                (ArrayNode) served.get("paths").get(COMMITMENTS).get("post").get("parameters");
        removeWhere(parameters, "#/components/parameters/IdempotencyKey");

        assertThat(OpenApiDrift.differences(record, served))
                .containsExactly("operation POST " + COMMITMENTS
                        + " parameter header idempotency-key: in the document of record, not served");
    }

    @Test
    void a_parameter_that_is_no_longer_required_or_is_new_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-query");
        ObjectNode served = record.deepCopy();
        ArrayNode parameters = (ArrayNode) served.at("/paths/~1api~1v1~1restatements/get/parameters");
        for (JsonNode p : parameters) {
            if (p.path("name").asText().equals("from")) {
                ((ObjectNode) p).put("required", false);
            }
        }
        parameters.addObject().put("name", "currency").put("in", "query");

        assertThat(OpenApiDrift.differences(record, served))
                .containsExactlyInAnyOrder(
                        "operation GET /api/v1/restatements parameter query from: required=true in the document of"
                                + " record, required=false served",
                        "operation GET /api/v1/restatements parameter query currency: served, not in the document of"
                                + " record");
    }

    @Test
    void header_names_compare_case_insensitively_as_http_has_them() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-command");
        ObjectNode served = record.deepCopy();
        ((ObjectNode) served.at("/components/parameters/IfMatch")).put("name", "if-match");

        assertThat(OpenApiDrift.differences(record, served)).isEmpty();
    }

    @Test
    void a_missing_or_extra_schema_field_is_drift_wherever_the_schema_is_reachable() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-query");
        ObjectNode served = record.deepCopy();
        ((ObjectNode) served.at("/components/schemas/TotalsRow/properties")).remove("committed");
        ((ObjectNode) served.at("/components/schemas/HistoryFact/properties"))
                .putObject("actorEmail")
                .put("type", "string");

        Set<String> differences = new TreeSet<>(OpenApiDrift.differences(record, served));

        assertThat(differences)
                .containsExactlyInAnyOrder(
                        "operation GET /api/v1/counterparties/{counterpartyId}/totals response 200 field"
                                + " totals[].committed: in the document of record, not served",
                        "operation GET /api/v1/deals/{dealId}/history response 200 field facts[].actorEmail: served,"
                                + " not in the document of record");
    }

    @Test
    void a_request_field_or_an_untyped_success_answer_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-command");
        ObjectNode served = record.deepCopy();
        ((ObjectNode) served.at("/components/schemas/CommitmentRequest/properties")).remove("resource");
        ObjectNode created =
                (ObjectNode) served.at("/paths/~1api~1v1~1deals/post/responses/201/content/application~1json");
        created.set("schema", created.objectNode());

        assertThat(OpenApiDrift.differences(record, served))
                .contains(
                        "operation POST " + COMMITMENTS
                                + " request body field resource: in the document of record, not served",
                        "operation POST /api/v1/deals response 201 field version: in the document of record, not"
                                + " served",
                        "operation POST /api/v1/deals response 201 field position: in the document of record, not"
                                + " served");
    }

    @Test
    void a_different_success_status_or_media_type_is_drift() throws Exception {
        JsonNode record = OpenApiDrift.documentOfRecord("ledger-query");
        ObjectNode served = record.deepCopy();
        ObjectNode responses = (ObjectNode) served.at("/paths/~1api~1v1~1admin~1rebuild/post/responses");
        responses.set("200", responses.remove("202"));
        ((ObjectNode) served.at("/paths/~1api~1v1~1exposure/get/responses/200/content")).remove("text/csv");

        assertThat(OpenApiDrift.differences(record, served))
                .containsExactlyInAnyOrder(
                        "operation POST /api/v1/admin/rebuild response 202: in the document of record, not served",
                        "operation POST /api/v1/admin/rebuild response 200: served, not in the document of record",
                        "operation GET /api/v1/exposure response 200 media type text/csv: in the document of record,"
                                + " not served");
    }

    @Test
    void a_recursive_schema_is_followed_once() throws Exception {
        JsonNode document = OpenApiDrift.read("""
                components:
                  schemas:
                    Node:
                      type: object
                      properties:
                        name: {type: string}
                        children:
                          type: array
                          items: {$ref: '#/components/schemas/Node'}
                """);
        Set<String> fields = new HashSet<>();

        OpenApiDrift.collectFields(document, document.at("/components/schemas/Node"), "", new HashSet<>(), fields);

        assertThat(fields).containsExactlyInAnyOrder("name", "children", "children[].name", "children[].children");
    }

    private static void removeWhere(ArrayNode parameters, String ref) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).path("$ref").asText().equals(ref)) {
                parameters.remove(i);
                return;
            }
        }
        throw new AssertionError("no parameter " + ref);
    }
}
