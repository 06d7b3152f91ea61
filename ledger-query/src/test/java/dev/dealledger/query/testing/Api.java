package dev.dealledger.query.testing;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * Requests to the query API as an authenticated caller: reads carry an auditor's bearer token, operations an
 * administrator's. Tokens are signed with the test JVM's throw-away key, which the services are told to trust.
 */
public final class Api {

    private Api() {}

    /** A request as an auditor, the role every read requires. */
    public static RequestSpecification given() {
        return RestAssured.given().auth().oauth2(JwtTestKeys.token("query-test-auditor", Roles.AUDITOR));
    }

    /** A request as an administrator, the role the rebuild requires. */
    public static RequestSpecification asAdmin() {
        return RestAssured.given().auth().oauth2(JwtTestKeys.token("query-test-admin", Roles.ADMIN));
    }
}
