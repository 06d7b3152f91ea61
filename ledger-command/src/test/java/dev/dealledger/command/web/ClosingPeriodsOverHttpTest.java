package dev.dealledger.command.web;

import static dev.dealledger.command.web.Problems.assertInvalid;
import static dev.dealledger.command.web.Problems.assertProblem;
import static dev.dealledger.command.web.Scenario.API;
import static dev.dealledger.command.web.Scenario.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dealledger.api.Roles;
import dev.dealledger.api.command.ClosePeriodCommand;
import dev.dealledger.api.event.PeriodClosedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import dev.dealledger.verify.PeriodDigest;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md, "Period close", over HTTP: a controller closes a period once; the close is one fact holding the
 * figures as reported, read from the query service (here {@link FakeQueryService}), and the answer carries their digest.
 */
@QuarkusTest
@TestSecurity(
        user = "test-controller",
        roles = {Roles.CONTROLLER})
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(value = FakeQueryService.class, restrictToAnnotatedClass = true)
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

    @AfterEach
    void queryServiceBack() {
        FakeQueryService.unavailable = false;
        FakeQueryService.forbidden = false;
        FakeQueryService.unauthorized = false;
    }

    @Test
    void a_query_service_that_refuses_a_token_this_service_accepted_is_a_fault_of_the_setup_not_of_the_caller() {
        FakeQueryService.unauthorized = true;

        Response refused = events.recordsNothing(() -> close(aPastPeriodEnd(), "quarter close"));

        assertProblem(refused, 503, "figures-unavailable");
    }

    @Test
    void a_controller_who_may_not_read_the_figures_may_not_close_and_nothing_is_recorded() {
        FakeQueryService.forbidden = true;

        Response refused = events.recordsNothing(() -> close(aPastPeriodEnd(), "quarter close"));

        assertProblem(refused, 403, "forbidden");
        assertThat(refused.jsonPath().getString("detail")).contains("ledger-auditor");
    }

    @Test
    void a_close_is_one_fact_holding_the_figures_as_reported_and_their_digest() {
        LocalDate end = aPastPeriodEnd();
        long headBefore = events.headPosition();
        FakeQueryService.ASKED.clear();

        Response response = close(end, "quarter close");

        response.then().statusCode(201).header("Location", "/api/v1/periods/" + end);
        EventStoreProbe.StoredEvent stored = events.last(ClosePeriodCommand.periodIdOf(end));
        assertThat(stored.is(PeriodClosedEvent.class)).isTrue();
        JsonNode payload = stored.payload();
        assertThat(payload.get("periodEnd").asText()).isEqualTo(end.toString());
        assertThat(payload.get("reason").asText()).isEqualTo("quarter close");
        assertThat(payload.get("effectiveDate").asText()).isEqualTo(end.toString());

        // Every row the exposure read served, over both pages, in its order, without the fields the close leaves out.
        JsonNode rows = payload.get("asReported");
        assertThat(rows).hasSize(FakeQueryService.ROWS.size());
        assertThat(rows.get(0).get("counterpartyId").asText()).isEqualTo("acme");
        assertThat(rows.get(1).get("remaining").asText()).isEqualTo("13064000000.02");
        assertThat(rows.get(2).get("optionsOpen").asLong()).isEqualTo(1);
        assertThat(rows.get(2).has("legalName")).isFalse();

        // The figures are as known at the log's last settled instant, read once the query service covers its position.
        Instant closedAt = Instant.parse(payload.get("closedAt").asText());
        assertThat(closedAt).isBefore(Instant.parse(stored.timeStamp()));
        FakeQueryService.Asked first = FakeQueryService.ASKED.get(0);
        assertThat(first.query()).contains("asOf=" + end).contains("knownAt=" + encode(closedAt.toString()));
        assertThat(Long.parseLong(first.minPosition())).isGreaterThanOrEqualTo(headBefore);
        assertThat(FakeQueryService.ASKED).hasSize(2);
        assertThat(FakeQueryService.ASKED.get(1).query()).contains("cursor=");

        // The digest covers exactly those rows: anyone holding them recomputes it with ledger-verify alone.
        String digest = PeriodDigest.of(end.toString(), closedAt.toString(), digestRows(rows));
        assertThat(payload.get("digestEncoding").asText()).isEqualTo(PeriodDigest.ENCODING);
        assertThat(payload.get("digest").asText()).isEqualTo(digest);
        assertThat(response.jsonPath().getString("digest")).isEqualTo(digest);
        assertThat(response.jsonPath().getString("digestEncoding")).isEqualTo(PeriodDigest.ENCODING);
        assertThat(Instant.parse(response.jsonPath().getString("closedAt"))).isEqualTo(closedAt);

        assertThat(response.jsonPath().getLong("position")).isEqualTo(stored.position());
        assertThat(response.jsonPath().getString("recordedAt")).isNotBlank();
        assertThat(response.jsonPath().getString("logHash")).matches("[0-9a-f]{64}");
        assertThat(response.header("X-Ledger-Position")).isEqualTo(String.valueOf(stored.position()));
    }

    @Test
    void while_the_query_service_cannot_answer_nothing_is_recorded_and_the_close_can_be_repeated() {
        LocalDate end = aPastPeriodEnd();
        FakeQueryService.unavailable = true;

        Response refused = events.recordsNothing(() -> close(end, "quarter close"));

        assertProblem(refused, 503, "figures-unavailable");
        assertThat(refused.header("Retry-After")).isNotBlank();
        FakeQueryService.unavailable = false;
        close(end, "quarter close").then().statusCode(201);
        assertThat(events.countOf(ClosePeriodCommand.periodIdOf(end), PeriodClosedEvent.class))
                .isEqualTo(1);
    }

    @Test
    void a_repeat_is_refused_without_asking_for_figures_so_the_query_service_being_away_does_not_matter() {
        LocalDate end = aPastPeriodEnd();
        close(end, "quarter close").then().statusCode(201);
        FakeQueryService.unavailable = true;
        FakeQueryService.ASKED.clear();

        Response again = events.recordsNothing(() -> close(end, "closing it again"));

        assertProblem(again, 409, "period-already-closed");
        assertThat(FakeQueryService.ASKED).isEmpty();
    }

    private static List<PeriodDigest.Row> digestRows(JsonNode rows) {
        List<PeriodDigest.Row> list = new ArrayList<>();
        for (JsonNode r : rows) {
            list.add(new PeriodDigest.Row(
                    r.get("counterpartyId").asText(),
                    r.get("currency").asText(),
                    r.get("direction").asText(),
                    r.get("committed").asText(),
                    r.get("elapsed").asText(),
                    r.get("remaining").asText(),
                    r.get("potential").asText(),
                    r.get("exposure").asText(),
                    r.get("concentration").asText(),
                    r.get("deals").asLong(),
                    r.get("commitments").asLong(),
                    r.get("optionsOpen").asLong(),
                    r.get("optionsExercised").asLong(),
                    r.get("amendments").asLong()));
        }
        return list;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
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
        assertThat(retry.jsonPath().getString("digest"))
                .isNotBlank()
                .isEqualTo(first.jsonPath().getString("digest"));
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
