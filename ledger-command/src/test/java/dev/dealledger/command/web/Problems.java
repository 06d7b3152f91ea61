package dev.dealledger.command.web;

import static org.hamcrest.Matchers.blankOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.dealledger.api.problem.Problem;
import io.restassured.response.Response;

/** Assertions on RFC 9457 problem answers, as the OpenAPI contract describes them. */
final class Problems {

    private Problems() {}

    /** {@code status}, {@code application/problem+json}, type {@code .../problems/<slug>}, a title and a detail. */
    static Response assertProblem(Response response, int status, String slug) {
        response.then()
                .statusCode(status)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("type", equalTo(Problem.TYPE_BASE + slug))
                .body("title", not(blankOrNullString()))
                .body("status", equalTo(status))
                .body("detail", not(blankOrNullString()));
        return response;
    }

    /** A 422 whose {@code errors} array names at least {@code fields}, each with a message. */
    static Response assertInvalid(Response response, String slug, String... fields) {
        assertProblem(response, 422, slug);
        response.then()
                .body("errors.field", hasItems(fields))
                .body("errors.message", everyItem(not(blankOrNullString())));
        return response;
    }
}
