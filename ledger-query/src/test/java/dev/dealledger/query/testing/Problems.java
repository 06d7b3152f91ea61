package dev.dealledger.query.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.response.Response;

/** Assertions on RFC 9457 problem documents. */
public final class Problems {

    private Problems() {}

    /** A problem+json answer with the given status, carrying type, title, status and detail. */
    public static JsonNode assertProblem(Response response, int status) {
        String body = response.asString();
        assertThat(response.statusCode()).as("status of %s", body).isEqualTo(status);
        assertThat(response.contentType()).as("content type of %s", body).startsWith("application/problem+json");
        JsonNode problem = Reads.tree(body);
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        return problem;
    }

    /** A 400 whose {@code errors} array names {@code field}. */
    public static JsonNode assertMalformed(Response response, String field) {
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.path("errors").isArray()).as("errors of %s", problem).isTrue();
        assertThat(problem.path("errors")).as("errors of %s", problem).anySatisfy(e -> {
            assertThat(e.path("field").asText()).isEqualTo(field);
            assertThat(e.path("message").asText()).isNotBlank();
        });
        return problem;
    }
}
