package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.MetadataKeys;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every write that takes a sourceReference also takes sourceDocumentSha256, the SHA-256 of the signed document, and
 * stores it in the metadata of every event it records, where the event hash covers it (docs/domain.md, "Evidence
 * anchoring"). Anything but 64 lower-case hex characters is a 422 naming the field, and records nothing.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class AnchoringFactsToTheirSourceDocumentTest {

    static final String FIELD = "sourceDocumentSha256";

    /** SHA-256 of the bytes "illustrative order form" (the ledger does not check it against any document). */
    static final String ORDER_FORM_SHA256 = "d80833ae0113ba7762445930c322429c63334791e520f02efa8f060c12b7fcbc";

    @Inject
    EventStoreProbe events;

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void a_write_stores_the_document_hash_in_the_metadata_of_what_it_records(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();
        String body = endpoint.validBody(s).with(FIELD, ORDER_FORM_SHA256).toString();
        // Writes under the deal append to its stream; the others start a stream of their own.
        long sequenceBefore = endpoint.targetsADeal() ? events.last(s.dealId).sequence() : -1;

        Response response = endpoint.send(endpoint.path(s), body);

        response.then().log().ifValidationFails().statusCode(endpoint.method.equals("PUT") ? 200 : 201);
        String aggregateId = writtenTo(response);
        List<EventStoreProbe.StoredEvent> recorded = events.stream(aggregateId).stream()
                .filter(e -> e.sequence() > sequenceBefore)
                .toList();
        assertThat(recorded).as("events recorded by %s", endpoint).isNotEmpty();
        assertThat(recorded)
                .allSatisfy(e -> assertThat(e.metaData()
                                .path(MetadataKeys.SOURCE_DOCUMENT_SHA256)
                                .asText())
                        .isEqualTo(ORDER_FORM_SHA256));
    }

    @Test
    void a_write_without_it_stores_no_such_key() {
        Scenario s = Scenario.aDeal();

        s.recordCommitment(Scenario.hundredAMonth("c-1").with("sourceReference", "order form, page 2"));

        assertThat(events.last(s.dealId).metaData().has(MetadataKeys.SOURCE_DOCUMENT_SHA256))
                .isFalse();
    }

    @ParameterizedTest
    @EnumSource(Endpoint.class)
    void every_write_refuses_a_hash_that_is_not_64_lower_case_hex_characters(Endpoint endpoint) {
        Scenario s = Endpoint.prepared();
        String body = endpoint.validBody(s)
                .with(FIELD, ORDER_FORM_SHA256.substring(1))
                .toString();

        Response response = events.recordsNothing(() -> endpoint.send(endpoint.path(s), body));

        assertInvalid(response, "validation", FIELD);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "upper case",
                "65 characters",
                "63 characters",
                "not hex",
                "0x prefix",
                "empty",
                "surrounding space",
                "sha256: prefix"
            })
    void a_malformed_hash_is_refused_and_records_nothing(String malformation) {
        Scenario s = Scenario.aDeal();
        String hash = switch (malformation) {
            case "upper case" -> ORDER_FORM_SHA256.toUpperCase();
            case "65 characters" -> ORDER_FORM_SHA256 + "0";
            case "63 characters" -> ORDER_FORM_SHA256.substring(0, 63);
            case "not hex" -> "g" + ORDER_FORM_SHA256.substring(1);
            case "0x prefix" -> "0x" + ORDER_FORM_SHA256.substring(2);
            case "empty" -> "";
            case "surrounding space" -> " " + ORDER_FORM_SHA256 + " ";
            case "sha256: prefix" -> "sha256:" + ORDER_FORM_SHA256;
            default -> throw new IllegalArgumentException(malformation);
        };
        assertThat(hash).isNotEqualTo(ORDER_FORM_SHA256);

        Response response = events.recordsNothing(() ->
                Scenario.post(s.commitmentsPath(), Scenario.hundredAMonth("c-1").with(FIELD, hash)));

        assertInvalid(response, "validation", FIELD);
    }

    @Test
    void a_hash_that_is_not_a_json_string_is_malformed() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(() ->
                Scenario.post(s.commitmentsPath(), Scenario.hundredAMonth("c-1").with(FIELD, 12345)));

        Problems.assertProblem(response, 400, "malformed-request");
    }

    /** The stream the write went to, from its receipt: the most specific id it names. */
    private static String writtenTo(Response response) {
        for (String id : List.of("dealId", "agreementId", "counterpartyId")) {
            String value = response.jsonPath().getString(id);
            if (value != null) {
                return value;
            }
        }
        throw new AssertionError("the receipt names no record: " + response.asString());
    }
}
