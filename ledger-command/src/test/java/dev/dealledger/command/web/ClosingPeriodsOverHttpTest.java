package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** docs/domain.md, "Period close", over HTTP: a controller closes a period once; the close is a fact with a receipt. */
@QuarkusTest
@TestSecurity(
        user = "test-controller",
        roles = {Roles.CONTROLLER})
@QuarkusTestResource(PostgresTestDatabase.class)
class ClosingPeriodsOverHttpTest {

    @Inject
    EventStoreProbe events;

    /** The tests share one database: each closes a period end of its own, long past. */
    private static LocalDate aPastPeriodEnd() {
        return LocalDate.of(1901, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 36_000));
    }

    private static Response close(LocalDate periodEnd, String reason) {
        return close(periodEnd.toString(), Json.object("reason", reason), null);
    }

    private static Response close(String periodEnd, Json body, String idempotencyKey) {
        var request = json();
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.body(body.toString()).post(API + "/periods/" + periodEnd + "/close");
    }

    @Test
    void a_close_is_recorded_as_a_fact_with_a_receipt_and_the_location_of_its_read() {
        LocalDate end = aPastPeriodEnd();

        Response response = close(end, "quarter close");

        response.then().statusCode(201).header("Location", "/api/v1/periods/" + end);
        EventStoreProbe.StoredEvent stored = events.last(ClosePeriodCommand.periodIdOf(end));
        assertThat(stored.is(PeriodClosedEvent.class)).isTrue();
        assertThat(stored.payload().get("periodEnd").asText()).isEqualTo(end.toString());
        assertThat(stored.payload().get("reason").asText()).isEqualTo("quarter close");
        assertThat(stored.payload().get("effectiveDate").asText()).isEqualTo(end.toString());
        assertThat(response.jsonPath().getLong("position")).isEqualTo(stored.position());
        assertThat(response.jsonPath().getString("recordedAt")).isNotBlank();
        assertThat(response.jsonPath().getString("logHash")).matches("[0-9a-f]{64}");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void a_second_close_of_the_same_period_is_a_conflict_and_records_nothing() {
        LocalDate end = aPastPeriodEnd();
        close(end, "quarter close").then().statusCode(201);

        Response again = events.recordsNothing(() -> close(end, "closing it again"));

        assertProblem(again, 409, "period-already-closed");
    }

    @Test
    void a_retry_with_the_same_idempotency_key_answers_the_first_receipt() {
        LocalDate end = aPastPeriodEnd();
        String key = "close-" + UUID.randomUUID();
        Response first = close(end.toString(), Json.object("reason", "quarter close"), key);
        first.then().statusCode(201);

        Response retry =
                events.recordsNothing(() -> close(end.toString(), Json.object("reason", "quarter close"), key));

        retry.then().statusCode(201).header("Location", "/api/v1/periods/" + end);
        assertThat(retry.jsonPath().getLong("position"))
                .isEqualTo(first.jsonPath().getLong("position"));
    }

    @Test
    void a_period_that_has_not_ended_is_refused_as_in_the_future() {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);

        Response response = events.recordsNothing(() -> close(tomorrow, "too early"));

        assertInvalid(response, "period-in-future", "periodEnd");
    }

    @Test
    void a_malformed_period_end_is_a_bad_request() {
        for (String end : new String[] {"2026-02-30", "2026-3-31", "yesterday"}) {
            Response response = close(end, Json.object("reason", "quarter close"), null);
            assertProblem(response, 400, "malformed-request");
        }
    }

    @Test
    void a_close_needs_a_reason() {
        Response response = events.recordsNothing(() -> close(aPastPeriodEnd().toString(), Json.object(), null));

        assertInvalid(response, "validation", "reason");
    }

    @Test
    @TestSecurity(
            user = "test-writer",
            roles = {Roles.WRITER})
    void a_writer_may_not_close_a_period() {
        Response response = events.recordsNothing(() -> close(aPastPeriodEnd(), "quarter close"));

        assertProblem(response, 403, "forbidden");
    }
}
