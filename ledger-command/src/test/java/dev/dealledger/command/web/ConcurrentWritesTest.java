package dev.dealledger.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dealledger.api.Roles;
import dev.dealledger.api.event.CommitmentAmendedEvent;
import dev.dealledger.api.event.CommitmentRecordedEvent;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real concurrent HTTP clients against one running service: each thread has its own request in flight, released
 * together by a latch, so that the writes race inside the service and the database, not in the test.
 */
@QuarkusTest
@TestSecurity(
        user = "test-operator",
        roles = {Roles.WRITER, Roles.AUDITOR, Roles.ADMIN})
@QuarkusTestResource(PostgresTestDatabase.class)
class ConcurrentWritesTest {

    private static final int CLIENTS = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URL base;

    @Inject
    EventStoreProbe events;

    private HttpClient http;
    private ExecutorService pool;

    @BeforeEach
    void setUp() {
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
        pool = Executors.newFixedThreadPool(CLIENTS);
    }

    @AfterEach
    void tearDown() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    record Answer(int status, String body, String etag, String position) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(body, e);
            }
        }
    }

    /** Sends {@code CLIENTS} POSTs at once; request i gets body(i) and the given headers. */
    private List<Answer> postAtOnce(String path, IntFunction<String> body, Map<String, String> headers)
            throws Exception {
        CountDownLatch ready = new CountDownLatch(CLIENTS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Answer>> futures = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(
                            URI.create(base.toString()).resolve(path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.apply(i)));
            headers.forEach(request::header);
            HttpRequest built = request.build();
            Callable<Answer> call = () -> {
                ready.countDown();
                go.await();
                HttpResponse<String> r = http.send(built, HttpResponse.BodyHandlers.ofString());
                return new Answer(
                        r.statusCode(),
                        r.body(),
                        r.headers().firstValue("ETag").orElse(null),
                        r.headers().firstValue("X-Ledger-Position").orElse(null));
            };
            futures.add(pool.submit(call));
        }
        assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> f : futures) {
            answers.add(f.get(90, TimeUnit.SECONDS));
        }
        return answers;
    }

    @Test
    void of_eight_amendments_sent_with_the_same_if_match_exactly_one_is_recorded() throws Exception {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));
        long before = events.count();

        List<Answer> answers = postAtOnce(
                s.amendmentsPath("c-1"),
                i -> Scenario.amendment("a" + i, "10.00", "2026-06-30").toString(),
                Map.of("If-Match", "\"1\""));

        assertThat(answers).filteredOn(a -> a.status() == 201).hasSize(1);
        assertThat(answers).filteredOn(a -> a.status() == 409).hasSize(CLIENTS - 1);
        assertThat(answers)
                .filteredOn(a -> a.status() == 409)
                .allSatisfy(a -> assertThat(a.json().path("type").asText())
                        .isIn(
                                "https://dealledger.dev/problems/stale-version",
                                "https://dealledger.dev/problems/concurrent-write"));
        assertThat(events.countOf(s.dealId, CommitmentAmendedEvent.class)).isEqualTo(1);
        assertThat(events.count()).isEqualTo(before + 1);
        Answer winner =
                answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow();
        assertThat(winner.etag()).isEqualTo("\"2\"");
        assertThat(events.last(s.dealId).payload().path("amendmentId").asText())
                .isEqualTo(winner.json().path("amendmentId").asText());
    }

    @Test
    void eight_concurrent_requests_with_one_idempotency_key_record_one_fact_and_all_get_its_answer() throws Exception {
        Scenario s = Scenario.aDeal();
        String body = Scenario.hundredAMonth("c-1").toString();
        long before = events.count();

        List<Answer> answers = postAtOnce(
                s.commitmentsPath(),
                i -> body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));

        assertThat(answers).extracting(Answer::status).containsOnly(201);
        assertThat(answers).extracting(Answer::body).containsOnly(answers.get(0).body());
        assertThat(answers).extracting(Answer::etag).containsOnly("\"1\"");
        assertThat(answers)
                .extracting(Answer::position)
                .containsOnly(answers.get(0).position());
        assertThat(events.countOf(s.dealId, CommitmentRecordedEvent.class)).isEqualTo(1);
        assertThat(events.count()).isEqualTo(before + 1);
    }

    @Test
    void eight_concurrent_amendments_without_if_match_are_all_recorded_in_one_gapless_sequence() throws Exception {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth("c-1"));

        List<Answer> answers = postAtOnce(
                s.amendmentsPath("c-1"),
                i -> Scenario.amendment("a" + i, "10.00", "2026-06-30").toString(),
                Map.of());

        // Without If-Match nobody asked to be refused on a concurrent change: a write that loses a race may be
        // refused with 409 and retried, but none may be lost or recorded twice.
        long recorded = answers.stream().filter(a -> a.status() == 201).count();
        assertThat(answers)
                .extracting(Answer::status)
                .allSatisfy(status -> assertThat(status).isIn(201, 409));
        assertThat(recorded).isPositive();
        assertThat(events.countOf(s.dealId, CommitmentAmendedEvent.class)).isEqualTo(recorded);
        assertThat(events.stream(s.dealId))
                .extracting(EventStoreProbe.StoredEvent::sequence)
                .containsExactlyElementsOf(
                        LongStream.rangeClosed(0, 1 + recorded).boxed().toList());
        assertThat(answers)
                .filteredOn(a -> a.status() == 201)
                .extracting(Answer::etag)
                .doesNotHaveDuplicates();
    }
}
