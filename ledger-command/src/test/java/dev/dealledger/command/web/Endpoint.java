package dev.dealledger.command.web;

import static dev.dealledger.command.web.Scenario.API;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.function.Function;

/**
 * The eight write endpoints of the OpenAPI contract, each with a body it accepts on a {@link #prepared()} scenario, so that a test can
 * run the same check against every endpoint. Bodies carry fresh ids where the endpoint creates something.
 */
enum Endpoint {
    PUT_COUNTERPARTY(
            "PUT",
            s -> API + "/counterparties/" + Scenario.unique("cp"),
            s -> Json.object("legalName", "Example Cloud, Inc. (fictional)"),
            "legalName",
            null),
    POST_AGREEMENT(
            "POST",
            s -> API + "/agreements",
            s -> s.agreementBody().with("agreementId", Scenario.unique("msa")),
            "title",
            "signedOn"),
    POST_DEAL(
            "POST",
            s -> API + "/deals",
            s -> s.dealBody("USD").with("dealId", Scenario.unique("of")),
            "title",
            "signedOn"),
    POST_COMMITMENT(
            "POST",
            Scenario::commitmentsPath,
            s -> Scenario.hundredAMonth(Scenario.unique("c")),
            "resource",
            "termStart"),
    POST_OPTION("POST", Scenario::optionsPath, s -> Scenario.option(Scenario.unique("opt")), "optionId", "expiresOn"),
    POST_EXERCISE(
            "POST",
            s -> s.exercisePath(Endpoint.OPTION),
            s -> Scenario.exercise(Scenario.unique("c"), "1000000000.00", "2026-04-01"),
            "resource",
            "effectiveDate"),
    POST_AMENDMENT(
            "POST",
            s -> s.amendmentsPath(Endpoint.COMMITMENT),
            s -> Scenario.amendment(Scenario.unique("a"), "100.00", "2026-06-30"),
            "reason",
            "effectiveDate"),
    POST_TERMINATION(
            "POST",
            s -> s.terminationPath(Endpoint.COMMITMENT),
            s -> Scenario.termination("2026-06-30"),
            "reason",
            "effectiveDate");

    /** The commitment and option that {@link #prepared()} records on its deal. */
    static final String COMMITMENT = "c-1";

    static final String OPTION = "opt-1";

    final String method;
    private final Function<Scenario, String> path;
    private final Function<Scenario, Json> body;
    /** A field the endpoint reads as a JSON string. */
    final String textField;
    /** A field the endpoint reads as a date, or null when it has none. */
    final String dateField;

    Endpoint(
            String method,
            Function<Scenario, String> path,
            Function<Scenario, Json> body,
            String textField,
            String dateField) {
        this.method = method;
        this.path = path;
        this.body = body;
        this.textField = textField;
        this.dateField = dateField;
    }

    /** A deal with commitment {@link #COMMITMENT} (1,200.00 over 2026) and option {@link #OPTION}: stream version 2. */
    static Scenario prepared() {
        Scenario s = Scenario.aDeal();
        s.recordCommitment(Scenario.hundredAMonth(COMMITMENT));
        s.grantOption(Scenario.option(OPTION));
        return s;
    }

    String path(Scenario s) {
        return path.apply(s);
    }

    Json validBody(Scenario s) {
        return body.apply(s);
    }

    /** Whether the endpoint writes to an existing deal, and so takes If-Match. */
    boolean targetsADeal() {
        return this != PUT_COUNTERPARTY && this != POST_AGREEMENT && this != POST_DEAL;
    }

    Response send(String path, String body) {
        return send(path, body, Map.of());
    }

    Response send(String path, String body, Map<String, String> headers) {
        RequestSpecification request = Scenario.json().headers(headers).body(body);
        return method.equals("PUT") ? request.put(path) : request.post(path);
    }
}
