package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.put;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.RecordExchangeRateCommand;
import dev.dealledger.api.event.ExchangeRateRecordedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/domain.md, "Reporting currency": rates are facts, recorded once, corrected by newer facts, never edited. */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class RecordingExchangeRatesOverHttpTest {

    @Inject
    EventStoreProbe events;

    private static String path(String base, String quote, String date) {
        return API + "/fx-rates/" + base + "/" + quote + "/" + date;
    }

    private static Json rate(String rate, String source) {
        return Json.object("rate", rate, "source", source);
    }

    private static String streamOf(String base, String quote, String date) {
        return RecordExchangeRateCommand.rateIdOf(base, quote, LocalDate.parse(date));
    }

    @Test
    void a_rate_is_recorded_as_a_fact_effective_on_its_date_with_a_receipt() {
        Response response = put(path("EUR", "USD", "2026-03-31"), rate("1.0815", "ECB reference rate"));

        response.then().statusCode(200).header("ETag", "\"0\"");
        EventStoreProbe.StoredEvent stored = events.last(streamOf("EUR", "USD", "2026-03-31"));
        assertThat(stored.is(ExchangeRateRecordedEvent.class)).isTrue();
        assertThat(stored.payload().get("rate").asText()).isEqualTo("1.0815");
        assertThat(stored.payload().get("source").asText()).isEqualTo("ECB reference rate");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo("2026-03-31");
        assertThat(response.jsonPath().getLong("position")).isEqualTo(stored.position());
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void the_same_rate_and_source_again_record_nothing_and_answer_the_existing_receipt() {
        Response first = put(path("GBP", "USD", "2026-03-31"), rate("1.27", "BoE"));
        first.then().statusCode(200);

        // "1.270" is the same rate as "1.27".
        Response again = events.recordsNothing(() -> put(path("GBP", "USD", "2026-03-31"), rate("1.270", "BoE")));

        again.then().statusCode(200).header("ETag", "\"0\"");
        assertThat(again.jsonPath().getLong("position"))
                .isEqualTo(first.jsonPath().getLong("position"));
        assertThat(again.jsonPath().getString("recordedAt"))
                .isEqualTo(first.jsonPath().getString("recordedAt"));
    }

    @Test
    void another_rate_for_the_same_date_is_a_correction_recorded_as_a_new_fact() {
        put(path("CHF", "USD", "2026-03-31"), rate("1.13", "SNB")).then().statusCode(200);

        Response corrected = put(path("CHF", "USD", "2026-03-31"), rate("1.31", "SNB, corrected"));

        corrected.then().statusCode(200).header("ETag", "\"1\"");
        List<EventStoreProbe.StoredEvent> stream = events.stream(streamOf("CHF", "USD", "2026-03-31"));
        assertThat(stream).extracting(e -> e.payload().get("rate").asText()).containsExactly("1.13", "1.31");
        assertThat(stream.get(1).position()).isGreaterThan(stream.get(0).position());
    }

    @ParameterizedTest(name = "{0}/{1}/{2} rate {3}: {4}")
    @CsvSource({
        "USD, USD, 2026-03-31, 1,              same-currency-pair, quoteCurrency",
        "EUR, XAU, 2026-03-31, 1,              invalid-currency,   currency",
        "EUR, ABC, 2026-03-31, 1,              invalid-currency,   currency",
        "eur, USD, 2026-03-31, 1,              validation,         baseCurrency",
        "EUR, USD, 2026-02-30, 1,              validation,         rateDate",
        "EUR, USD, 2026-3-31,  1,              validation,         rateDate",
        "EUR, USD, 1899-12-31, 1,              validation,         rateDate",
        "EUR, USD, 2026-03-31, 0.0,            non-positive-rate,  rate",
        "EUR, USD, 2026-03-31, -1.1,           validation,         rate",
        "EUR, USD, 2026-03-31, 1e3,            validation,         rate",
        "EUR, USD, 2026-03-31, 1.0000000000001, validation,        rate"
    })
    void bad_pairs_dates_and_rates_are_refused_with_422_and_record_nothing(
            String base, String quote, String date, String rate, String slug, String field) {
        Response refused = events.recordsNothing(() -> put(path(base, quote, date), rate(rate, "test")));

        assertInvalid(refused, slug, field);
    }

    @Test
    void a_rate_needs_a_source() {
        Response refused =
                events.recordsNothing(() -> put(path("EUR", "JPY", "2026-03-31"), Json.object("rate", "160.5")));

        assertInvalid(refused, "validation", "source");
    }
}
