package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.dealledger.api.Roles;
import dev.dealledger.api.event.OptionGrantedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class GrantingOptionsOverHttpTest {

    @Inject
    EventStoreProbe events;

    @Test
    void the_expansion_option_is_granted_on_the_deal() {
        Scenario s = Scenario.aDeal();

        Response response = post(s.optionsPath(), Scenario.option("opt-expansion"));

        response.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .body("dealId", equalTo(s.dealId))
                .body("optionId", equalTo("opt-expansion"))
                .body("version", equalTo(1));
        EventStoreProbe.StoredEvent stored = events.last(s.dealId);
        assertThat(stored.is(OptionGrantedEvent.class)).isTrue();
        assertThat(stored.payload().get("maxAmount").asText()).isEqualTo("6000000000.00");
        assertThat(stored.payload().get("currency").asText()).isEqualTo("USD");
        assertThat(stored.payload().get("exercisableFrom").asText()).isEqualTo("2026-01-01");
        assertThat(stored.payload().get("expiresOn").asText()).isEqualTo("2026-12-31");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2025-09-30");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void an_option_on_an_unknown_deal_is_not_found_and_records_nothing() {
        String path = API + "/deals/" + Scenario.unique("of-nobody") + "/options";

        Response response = events.recordsNothing(() -> post(path, Scenario.option("opt-1")));

        assertProblem(response, 404, "not-found");
    }

    @Test
    void a_zero_maximum_is_invalid() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(
                () -> post(s.optionsPath(), Scenario.option("opt-1").with("maxAmount", "0.00")));

        assertInvalid(response, "non-positive-amount", "maxAmount");
    }

    @Test
    void a_maximum_with_more_decimals_than_the_currency_has_is_invalid() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(
                () -> post(s.optionsPath(), Scenario.option("opt-1").with("maxAmount", "6000000000.001")));

        assertInvalid(response, "amount-precision", "maxAmount");
    }

    @Test
    void a_maximum_sent_as_a_json_number_is_malformed() {
        Scenario s = Scenario.aDeal();

        Response response = events.recordsNothing(() ->
                post(s.optionsPath(), Scenario.option("opt-1").with("maxAmount", new BigDecimal("6000000000.00"))));

        assertProblem(response, 400, "malformed-request");
    }

    @Test
    void a_window_that_expires_before_it_opens_is_invalid() {
        Scenario s = Scenario.aDeal();
        Json body =
                Scenario.option("opt-1").with("exercisableFrom", "2026-12-31").with("expiresOn", "2026-06-30");

        Response response = events.recordsNothing(() -> post(s.optionsPath(), body));

        assertInvalid(response, "option-window-invalid", "expiresOn");
    }

    @Test
    void missing_values_are_listed_field_by_field() {
        Scenario s = Scenario.aDeal();
        Json body = Scenario.option("opt-1").without("expiresOn").without("maxAmount");

        Response response = events.recordsNothing(() -> post(s.optionsPath(), body));

        assertInvalid(response, "validation", "expiresOn", "maxAmount");
    }

    @Test
    void an_option_id_already_granted_on_the_deal_is_a_conflict() {
        Scenario s = Scenario.aDeal();
        s.grantOption(Scenario.option("opt-1"));

        Response response = events.recordsNothing(() -> post(s.optionsPath(), Scenario.option("opt-1")));

        assertProblem(response, 409, "id-already-used");
    }
}
