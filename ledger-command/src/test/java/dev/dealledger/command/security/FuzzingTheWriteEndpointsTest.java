package dev.dealledger.command.security;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dealledger.api.Roles;
import dev.dealledger.axon.ActiveDataSource;
import dev.dealledger.axon.testing.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

/**
 * Throws generated hostile bodies at every write endpoint: malformed JSON, wrong types, huge numbers, impossible
 * dates, control characters and oversized bodies. jqwik generates them (its engine cannot inject into a Quarkus test,
 * so its generators are sampled here). Every attempt must be answered 4xx, and the event store must gain nothing.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@TestSecurity(
        user = "fuzzer",
        roles = {Roles.WRITER})
class FuzzingTheWriteEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS_PER_ENDPOINT = 40;

    @Inject
    ActiveDataSource dataSource;

    /** An endpoint and a valid body for it, which the mutations below always break. */
    record Target(String method, String path, String validBody) {}

    @Test
    void every_hostile_body_is_answered_4xx_and_records_nothing() throws Exception {
        List<Target> targets = targets(existingDeal());
        long before = eventCount();
        List<String> offenders = new ArrayList<>();
        for (Target target : targets) {
            Iterator<String> bodies = hostileBodies(target)
                    .sampleStream()
                    .limit(ATTEMPTS_PER_ENDPOINT)
                    .iterator();
            while (bodies.hasNext()) {
                String body = bodies.next();
                int status;
                try {
                    status = given().contentType(ContentType.JSON)
                            .body(body)
                            .request(target.method(), target.path())
                            .statusCode();
                } catch (Exception e) { // RestAssured rethrows the socket's checked exception undeclared
                    if (!(e instanceof java.net.SocketException)) {
                        throw e;
                    }
                    // An oversized body may be refused (413) and the connection closed while the client is still
                    // sending it; the client then sees a broken pipe instead of the status. Only those may do this.
                    assertThat(body.length())
                            .as("connection dropped on a body within the limit")
                            .isGreaterThan(65_536);
                    continue;
                }
                if (status < 400 || status >= 500) {
                    offenders.add(status + " " + target.method() + " " + target.path() + " <- "
                            + body.substring(0, Math.min(body.length(), 200)));
                }
            }
        }
        assertThat(offenders).as("bodies not answered 4xx").isEmpty();
        assertThat(eventCount()).as("events recorded by hostile bodies").isEqualTo(before);
    }

    private Arbitrary<String> hostileBodies(Target target) {
        return Arbitraries.oneOf(
                garbage(), wrongTypes(target), impossibleValues(target), controlCharacters(target), oversized(target));
    }

    /** Text that is not one JSON object: truncated, random, or several values. */
    private static Arbitrary<String> garbage() {
        return Arbitraries.oneOf(
                Arbitraries.strings()
                        .all()
                        .ofMaxLength(300)
                        .filter(s -> !s.trim().startsWith("{")),
                Arbitraries.of("{", "{\"a\":", "[]", "null", "\"text\"", "42", "{}{}", "{\"x\":1}}", ""));
    }

    /** One field replaced by a value of the wrong JSON type, including numbers where money must be a string. */
    private static Arbitrary<String> wrongTypes(Target target) {
        return Arbitraries.of(fields(target.validBody()))
                .flatMap(field -> Arbitraries.of("123", "1.5e300", "true", "[]", "{\"nested\":1}", "-0")
                        .map(value -> replace(target.validBody(), field, value)));
    }

    /** Values of the right type that can never be valid: huge amounts, impossible dates, unknown enums. */
    private static Arbitrary<String> impossibleValues(Target target) {
        Arbitrary<String> hugeNumber =
                Arbitraries.strings().numeric().ofMinLength(17).ofMaxLength(400).map(digits -> "\"9" + digits + "\"");
        Arbitrary<String> badDate = Arbitraries.of(
                "\"2025-02-30\"",
                "\"2025-13-01\"",
                "\"0000-00-00\"",
                "\"+999999999-12-31\"",
                "\"2025-1-1\"",
                "\"20255-01-01\"",
                "\"3000-01-01\"",
                "\"1899-12-31\"");
        return Arbitraries.of(fields(target.validBody())).flatMap(field -> {
            if (isDateField(field)) {
                return badDate.map(v -> replace(target.validBody(), field, v));
            }
            if (isAmountField(field)) {
                // A negative value is only impossible where the amount must be positive: a delta may be negative.
                Arbitrary<String> malformed = field.equals("amountDelta")
                        ? Arbitraries.of("\"1e5\"", "\"NaN\"", "\"0.001\"", "\"--1.00\"")
                        : Arbitraries.of("\"1e5\"", "\"NaN\"", "\"-1.00\"", "\"0.001\"");
                return Arbitraries.oneOf(hugeNumber, malformed).map(v -> replace(target.validBody(), field, v));
            }
            return Arbitraries.of("\"" + "x".repeat(5000) + "\"").map(v -> replace(target.validBody(), field, v));
        });
    }

    /** A control character smuggled into a text field or an id. */
    private static Arbitrary<String> controlCharacters(Target target) {
        List<String> textFields = fields(target.validBody()).stream()
                .filter(f -> !isDateField(f) && !isAmountField(f) && !f.equals("direction"))
                .toList();
        return Arbitraries.of(textFields)
                .flatMap(field -> Arbitraries.chars()
                        .range('\u0000', '\u001f')
                        .map(c -> replaceText(target.validBody(), field, "abc" + c + "def")));
    }

    /** A body over the 64 KiB limit. */
    private static Arbitrary<String> oversized(Target target) {
        return Arbitraries.integers()
                .between(70_000, 200_000)
                .map(size -> target.validBody().replaceFirst("\\{", "{\"padding\":\"" + "p".repeat(size) + "\","));
    }

    private static List<String> fields(String body) {
        try {
            List<String> names = new ArrayList<>();
            JSON.readTree(body).fieldNames().forEachRemaining(names::add);
            return names;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String replace(String body, String field, String rawJsonValue) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            JsonNode value = JSON.readTree(rawJsonValue);
            node.set(field, value);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            // a value Jackson itself cannot hold (e.g. 1.5e300 as a double is fine; anything else): splice it as text
            return body.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", "\"" + field + "\":" + rawJsonValue);
        }
    }

    private static String replaceText(String body, String field, String text) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(body);
            node.put(field, text);
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isDateField(String field) {
        return field.equals("signedOn")
                || field.startsWith("term")
                || field.equals("effectiveDate")
                || field.equals("exercisableFrom")
                || field.equals("expiresOn")
                || field.equals("newTermEnd");
    }

    private static boolean isAmountField(String field) {
        return field.equals("amount") || field.equals("maxAmount") || field.equals("amountDelta");
    }

    private static List<Target> targets(String dealId) {
        String deal = "/api/v1/deals/" + dealId;
        return List.of(
                new Target("PUT", "/api/v1/counterparties/fuzz-cp", "{\"legalName\":\"Fuzz Compute (fictional)\"}"),
                new Target(
                        "POST",
                        "/api/v1/agreements",
                        "{\"agreementId\":\"msa-fuzz\",\"counterpartyId\":\"fuzz-cp\",\"title\":\"MSA\","
                                + "\"signedOn\":\"2023-12-01\"}"),
                new Target(
                        "POST",
                        "/api/v1/deals",
                        "{\"dealId\":\"of-fuzz\",\"agreementId\":\"msa-fuzz\",\"direction\":\"PAYABLE\","
                                + "\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-01-01\"}"),
                new Target(
                        "POST",
                        deal + "/commitments",
                        "{\"commitmentId\":\"c-fuzz\",\"amount\":\"1000.00\",\"termStart\":\"2025-02-01\","
                                + "\"termEnd\":\"2026-01-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-01-01\"}"),
                new Target(
                        "POST",
                        deal + "/options",
                        "{\"optionId\":\"o-fuzz\",\"maxAmount\":\"500.00\",\"exercisableFrom\":\"2025-01-01\","
                                + "\"expiresOn\":\"2026-12-31\",\"effectiveDate\":\"2025-01-01\"}"),
                new Target(
                        "POST",
                        deal + "/options/o-1/exercise",
                        "{\"commitmentId\":\"c-ex\",\"amount\":\"100.00\",\"termStart\":\"2025-06-01\","
                                + "\"termEnd\":\"2026-05-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-06-01\"}"),
                new Target(
                        "POST",
                        deal + "/commitments/c-1/amendments",
                        "{\"amendmentId\":\"am-fuzz\",\"amountDelta\":\"10.00\",\"effectiveDate\":\"2025-06-30\","
                                + "\"reason\":\"fuzz\"}"),
                new Target(
                        "POST",
                        deal + "/commitments/c-1/termination",
                        "{\"effectiveDate\":\"2025-09-30\",\"reason\":\"fuzz\"}"));
    }

    private String existingDeal() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON)
                .body("{\"legalName\":\"Fuzz Target (fictional)\"}")
                .put("/api/v1/counterparties/cp-fz-" + suffix)
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body("{\"agreementId\":\"msa-fz-" + suffix + "\",\"counterpartyId\":\"cp-fz-" + suffix
                        + "\",\"title\":\"MSA\",\"signedOn\":\"2023-12-01\"}")
                .post("/api/v1/agreements")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body(
                        "{\"dealId\":\"of-fz-" + suffix + "\",\"agreementId\":\"msa-fz-" + suffix
                                + "\",\"direction\":\"PAYABLE\",\"currency\":\"USD\",\"title\":\"OF\",\"signedOn\":\"2025-01-01\"}")
                .post("/api/v1/deals")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"commitmentId\":\"c-1\",\"amount\":\"1000000.00\",\"termStart\":\"2025-02-01\","
                        + "\"termEnd\":\"2026-01-31\",\"resource\":\"GPU\",\"effectiveDate\":\"2025-01-01\"}")
                .post("/api/v1/deals/of-fz-" + suffix + "/commitments")
                .then()
                .statusCode(201);
        given().contentType(ContentType.JSON)
                .body("{\"optionId\":\"o-1\",\"maxAmount\":\"5000.00\",\"exercisableFrom\":\"2025-01-01\","
                        + "\"expiresOn\":\"2026-12-31\",\"effectiveDate\":\"2025-01-01\"}")
                .post("/api/v1/deals/of-fz-" + suffix + "/options")
                .then()
                .statusCode(201);
        return "of-fz-" + suffix;
    }

    private long eventCount() throws Exception {
        try (Connection c = dataSource.get().getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM event_store.domain_event_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
