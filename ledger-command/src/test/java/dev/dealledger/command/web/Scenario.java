package dev.dealledger.command.web;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;

/**
 * Builds the facts a REST test needs through the API itself, under ids unique to the test: the tests share one
 * database, so nothing may depend on another test's records. Request bodies follow the example of docs/domain.md where it
 * helps (amounts, terms); {@link #hundredAMonth} is a round commitment whose schedule can be followed by hand.
 */
final class Scenario {

    static final String API = "/api/v1";

    final String suffix;
    final String counterpartyId;
    final String agreementId;
    final String dealId;

    private Scenario() {
        suffix = UUID.randomUUID().toString().substring(0, 8);
        counterpartyId = "cw-" + suffix;
        agreementId = "msa-" + suffix;
        dealId = "of-" + suffix;
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Fresh ids with nothing recorded under them, for a test that records the facts itself. */
    static Scenario unrecorded() {
        return new Scenario();
    }

    /** A registered counterparty; nothing else. */
    static Scenario aCounterparty() {
        Scenario s = new Scenario();
        accepted(put(s.counterpartyPath(), s.counterpartyBody()), 200);
        return s;
    }

    /** A counterparty and an agreement with it. */
    static Scenario anAgreement() {
        Scenario s = aCounterparty();
        accepted(post(API + "/agreements", s.agreementBody()), 201);
        return s;
    }

    /** A counterparty, an agreement and a USD payable deal: the deal's stream is at version 0. */
    static Scenario aDeal() {
        return aDealIn("USD");
    }

    static Scenario aDealIn(String currency) {
        Scenario s = anAgreement();
        accepted(post(API + "/deals", s.dealBody(currency)), 201);
        return s;
    }

    // ---- bodies ----------------------------------------------------------------------------------------------------

    Json counterpartyBody() {
        return Json.object("legalName", "CoreWeave, Inc. (test " + suffix + ")");
    }

    Json agreementBody() {
        return Json.object(
                "agreementId",
                agreementId,
                "counterpartyId",
                counterpartyId,
                "title",
                "Master services agreement",
                "signedOn",
                "2023-12-01");
    }

    Json dealBody(String currency) {
        return Json.object(
                "dealId", dealId,
                "agreementId", agreementId,
                "direction", "PAYABLE",
                "currency", currency,
                "title", "Order form 2025-09",
                "signedOn", "2025-09-30",
                "sourceReference", "8-K 2025-09-30");
    }

    static Json commitment(String commitmentId, String amount, String termStart, String termEnd, String effective) {
        return Json.object(
                "commitmentId", commitmentId,
                "amount", amount,
                "termStart", termStart,
                "termEnd", termEnd,
                "resource", "Nvidia Blackwell GPU capacity",
                "effectiveDate", effective);
    }

    /** The example's 14.2 billion commitment, 2025-10-01..2031-12-31 (illustrative term). */
    static Json blackwell(String commitmentId) {
        return commitment(commitmentId, "14200000000.00", "2025-10-01", "2031-12-31", "2025-09-30");
    }

    /** 1,200.00 over 2026, holding from 2025-12-01: 100.00 falls due at each month end. */
    static Json hundredAMonth(String commitmentId) {
        return commitment(commitmentId, "1200.00", "2026-01-01", "2026-12-31", "2025-12-01");
    }

    /** The example's option: up to 6 billion, exercisable 2026-01-01..2026-12-31 (illustrative window). */
    static Json option(String optionId) {
        return Json.object(
                "optionId", optionId,
                "maxAmount", "6000000000.00",
                "exercisableFrom", "2026-01-01",
                "expiresOn", "2026-12-31",
                "effectiveDate", "2025-09-30");
    }

    static Json exercise(String commitmentId, String amount, String effective) {
        return Json.object(
                "commitmentId",
                commitmentId,
                "amount",
                amount,
                "termStart",
                "2026-07-01",
                "termEnd",
                "2032-12-31",
                "resource",
                "Nvidia Vera Rubin GPU capacity",
                "effectiveDate",
                effective);
    }

    static Json amendment(String amendmentId, String amountDelta, String effective) {
        return Json.object(
                "amendmentId", amendmentId,
                "amountDelta", amountDelta,
                "effectiveDate", effective,
                "reason", "illustrative correction");
    }

    static Json termination(String effective) {
        return Json.object("effectiveDate", effective, "reason", "capacity returned early");
    }

    // ---- paths -----------------------------------------------------------------------------------------------------

    String counterpartyPath() {
        return API + "/counterparties/" + counterpartyId;
    }

    String commitmentsPath() {
        return API + "/deals/" + dealId + "/commitments";
    }

    String optionsPath() {
        return API + "/deals/" + dealId + "/options";
    }

    String exercisePath(String optionId) {
        return API + "/deals/" + dealId + "/options/" + optionId + "/exercise";
    }

    String amendmentsPath(String commitmentId) {
        return API + "/deals/" + dealId + "/commitments/" + commitmentId + "/amendments";
    }

    String terminationPath(String commitmentId) {
        return API + "/deals/" + dealId + "/commitments/" + commitmentId + "/termination";
    }

    // ---- writes that must succeed ----------------------------------------------------------------------------------

    Response recordCommitment(Json body) {
        return accepted(post(commitmentsPath(), body), 201);
    }

    Response grantOption(Json body) {
        return accepted(post(optionsPath(), body), 201);
    }

    Response exerciseOption(String optionId, Json body) {
        return accepted(post(exercisePath(optionId), body), 201);
    }

    Response amend(String commitmentId, Json body) {
        return accepted(post(amendmentsPath(commitmentId), body), 201);
    }

    Response terminate(String commitmentId, Json body) {
        return accepted(post(terminationPath(commitmentId), body), 201);
    }

    // ---- raw requests ----------------------------------------------------------------------------------------------

    static RequestSpecification json() {
        return given().contentType(ContentType.JSON);
    }

    static Response post(String path, Object body) {
        return json().body(body.toString()).post(path);
    }

    static Response put(String path, Object body) {
        return json().body(body.toString()).put(path);
    }

    private static Response accepted(Response response, int status) {
        response.then().log().ifValidationFails().statusCode(status);
        return response;
    }
}
