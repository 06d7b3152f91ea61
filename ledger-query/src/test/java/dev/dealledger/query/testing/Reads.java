package dev.dealledger.query.testing;

import static dev.dealledger.query.testing.Api.given;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.dealledger.api.view.CounterpartyTotalsView;
import dev.dealledger.api.view.DealHistoryView;
import dev.dealledger.api.view.DealView;
import dev.dealledger.api.view.ExposureView;
import dev.dealledger.api.view.RestatementView;
import dev.dealledger.api.view.ScheduleView;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** GETs against the query API that must succeed, read into the published view records. */
public final class Reads {

    /** Lenient on unknown fields: the contract allows new fields, and these tests check the named ones. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Reads() {}

    public static Map<String, Object> at(LocalDate asOf, Instant knownAt) {
        Map<String, Object> params = new LinkedHashMap<>();
        if (asOf != null) {
            params.put("asOf", asOf.toString());
        }
        if (knownAt != null) {
            params.put("knownAt", knownAt.toString());
        }
        return params;
    }

    public static CounterpartyTotalsView totals(String counterpartyId, LocalDate asOf, Instant knownAt) {
        return get(
                "/api/v1/counterparties/" + counterpartyId + "/totals",
                at(asOf, knownAt),
                CounterpartyTotalsView.class);
    }

    public static ScheduleView schedule(String counterpartyId, LocalDate asOf, Instant knownAt) {
        return get("/api/v1/counterparties/" + counterpartyId + "/schedule", at(asOf, knownAt), ScheduleView.class);
    }

    public static ExposureView exposure(LocalDate asOf, Instant knownAt) {
        Map<String, Object> params = at(asOf, knownAt);
        params.put("limit", 1000);
        return get("/api/v1/exposure", params, ExposureView.class);
    }

    public static ExposureView exposure(Map<String, Object> params) {
        return get("/api/v1/exposure", params, ExposureView.class);
    }

    public static DealView deal(String dealId, LocalDate asOf, Instant knownAt) {
        return get("/api/v1/deals/" + dealId, at(asOf, knownAt), DealView.class);
    }

    public static DealHistoryView history(String dealId, Map<String, Object> params) {
        return get("/api/v1/deals/" + dealId + "/history", params, DealHistoryView.class);
    }

    public static RestatementView restatement(String counterpartyId, LocalDate asOf, Instant from, Instant to) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("counterpartyId", counterpartyId);
        params.put("asOf", asOf.toString());
        params.put("from", from.toString());
        params.put("to", to.toString());
        return get("/api/v1/restatements", params, RestatementView.class);
    }

    public static <T> T get(String path, Map<String, Object> params, Class<T> type) {
        return read(getJson(path, params), type);
    }

    /** The raw JSON body of a successful GET. */
    public static String getJson(String path, Map<String, Object> params) {
        RequestSpecification request = given().accept("application/json");
        params.forEach(request::queryParam);
        return request.get(path)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .extract()
                .asString();
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("cannot read " + type.getSimpleName() + " from " + json, e);
        }
    }
}
