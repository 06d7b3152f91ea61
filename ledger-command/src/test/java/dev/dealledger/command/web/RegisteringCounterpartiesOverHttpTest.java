package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CounterpartyDetailsChangedEvent;
import dev.dealledger.api.event.CounterpartyRegisteredEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class RegisteringCounterpartiesOverHttpTest {

    private static final String LEI = "549300EXAMPLE0000042";

    @Inject
    EventStoreProbe events;

    @Test
    void a_new_counterparty_is_registered_and_the_answer_carries_version_and_position() {
        String id = Scenario.unique("coreweave");
        long before = events.count();
        LocalDate dayBefore = LocalDate.now(ZoneOffset.UTC);

        Response response = put(API + "/counterparties/" + id, Json.object("legalName", "CoreWeave, Inc.", "lei", LEI));
        LocalDate dayAfter = LocalDate.now(ZoneOffset.UTC);

        response.then()
                .statusCode(200)
                .header("ETag", "\"0\"")
                .body("counterpartyId", equalTo(id))
                .body("version", equalTo(0))
                .body("recordedAt", endsWith("Z"));
        EventStoreProbe.StoredEvent stored = events.last(id);
        assertThat(events.count()).isEqualTo(before + 1);
        assertThat(stored.is(CounterpartyRegisteredEvent.class)).isTrue();
        assertThat(stored.payload().get("legalName").asText()).isEqualTo("CoreWeave, Inc.");
        assertThat(stored.payload().get("lei").asText()).isEqualTo(LEI);
        // A registration holds from the day the ledger learned of it (UTC).
        assertThat(LocalDate.parse(stored.payload().get("effectiveDate").asText()))
                .isBetween(dayBefore, dayAfter);
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
        assertThat(response.jsonPath().getLong("position")).isEqualTo(stored.position());
        assertThat(Instant.parse(response.jsonPath().getString("recordedAt")))
                .isEqualTo(Instant.parse(stored.timeStamp()));
    }

    @Test
    void the_same_details_again_record_nothing_and_answer_the_current_version() {
        Scenario s = Scenario.aCounterparty();
        long position = events.last(s.counterpartyId).position();

        Response again = events.recordsNothing(() -> put(s.counterpartyPath(), s.counterpartyBody()));

        again.then().statusCode(200).header("ETag", "\"0\"");
        assertThat(again.header("X-Ledger-Position")).isEqualTo(String.valueOf(position));
    }

    @Test
    void a_corrected_legal_name_is_recorded_as_a_change() {
        Scenario s = Scenario.aCounterparty();

        put(s.counterpartyPath(), Json.object("legalName", "CoreWeave, Inc.", "lei", LEI))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"");

        assertThat(events.stream(s.counterpartyId))
                .extracting(EventStoreProbe.StoredEvent::payloadType)
                .containsExactly(
                        CounterpartyRegisteredEvent.class.getName(), CounterpartyDetailsChangedEvent.class.getName());
        assertThat(events.last(s.counterpartyId).payload().get("legalName").asText())
                .isEqualTo("CoreWeave, Inc.");
    }

    @Test
    void a_blank_legal_name_is_invalid_and_records_nothing() {
        String id = Scenario.unique("cp");
        Response response =
                events.recordsNothing(() -> put(API + "/counterparties/" + id, Json.object("legalName", " ")));
        assertInvalid(response, "validation", "legalName");
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(strings = {"202E", "2028", "2029", "0085", "200B", "0007"})
    void a_legal_name_with_a_character_that_does_not_show_as_itself_is_invalid(String codePoint) {
        String id = Scenario.unique("cp");
        String name = "Core" + Character.toString(Integer.parseInt(codePoint, 16)) + "Weave, Inc.";
        Response response =
                events.recordsNothing(() -> put(API + "/counterparties/" + id, Json.object("legalName", name)));
        assertInvalid(response, "validation", "legalName");
    }

    @Test
    void a_legal_name_in_any_script_is_valid() {
        String id = Scenario.unique("cp");
        put(API + "/counterparties/" + id, Json.object("legalName", "Ｃｏｒｅ Ωμέγα 株式会社 (fictional)"))
                .then()
                .statusCode(200);
    }

    @Test
    void a_missing_legal_name_is_invalid_and_records_nothing() {
        String id = Scenario.unique("cp");
        Response response = events.recordsNothing(() -> put(API + "/counterparties/" + id, Json.object("lei", LEI)));
        assertInvalid(response, "validation", "legalName");
    }

    @Test
    void an_lei_that_is_not_twenty_characters_of_iso_17442_is_invalid() {
        String id = Scenario.unique("cp");
        Response response = events.recordsNothing(() ->
                put(API + "/counterparties/" + id, Json.object("legalName", "CoreWeave, Inc.", "lei", "not-an-lei")));
        assertInvalid(response, "validation", "lei");
    }

    @Test
    void an_id_in_the_path_with_characters_outside_the_id_rule_is_invalid() {
        Response response = events.recordsNothing(
                () -> put(API + "/counterparties/-starts-with-a-dash", Json.object("legalName", "CoreWeave, Inc.")));
        assertInvalid(response, "validation", "counterpartyId");
    }

    @Test
    void an_id_in_the_path_longer_than_64_characters_is_invalid() {
        Response response = events.recordsNothing(
                () -> put(API + "/counterparties/" + "c".repeat(65), Json.object("legalName", "CoreWeave, Inc.")));
        assertInvalid(response, "validation", "counterpartyId");
    }
}
