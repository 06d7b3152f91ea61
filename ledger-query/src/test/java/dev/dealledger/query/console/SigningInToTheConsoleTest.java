package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.api.Roles;
import dev.dealledger.axon.testing.JwtTestKeys;
import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Cookie;

/**
 * Signing in to the console with the API's own tokens and roles: the link's token becomes an HttpOnly, SameSite=Strict
 * cookie for /console and leaves the address bar; a caller without the auditor role gets a refusal page, a caller
 * without a token the sign-in page, never a broken page; the cookie opens the console and nothing else.
 */
@QuarkusTest
@WithTestResource(LedgerQueryDatabase.class)
class SigningInToTheConsoleTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    @DisplayName(
            "the sign-in link leaves a cookie for /console only, HttpOnly and SameSite=Strict, and drops the token")
    void the_link_signs_in_and_moves_on() {
        try (Browser browser = new Browser(root.toString())) {
            String token = JwtTestKeys.token("link-auditor", Roles.AUDITOR);
            browser.signIn(token);
            assertThat(browser.url()).doesNotContain("token").contains("asOf=").contains("knownAt=");
            assertThat(browser.text("#user")).isEqualTo("link-auditor");
            Cookie cookie = browser.driver.manage().getCookieNamed(ConsoleCookie.NAME);
            assertThat(cookie).isNotNull();
            assertThat(cookie.isHttpOnly()).isTrue();
            assertThat(cookie.getSameSite()).isEqualTo("Strict");
            assertThat(cookie.getPath()).isEqualTo("/console");
            assertThat(cookie.getValue()).isEqualTo(token);

            browser.find("form.who button").click();
            browser.awaitHeading("Signed out");
            assertThat(browser.driver.manage().getCookieNamed(ConsoleCookie.NAME))
                    .isNull();
            browser.open("/console/exposure");
            assertThat(browser.heading()).isEqualTo("Sign in");
        }
    }

    @Test
    @DisplayName("a token pasted into the sign-in form signs in too")
    void the_form_signs_in() {
        try (Browser browser = new Browser(root.toString())) {
            browser.open("/console/exposure");
            assertThat(browser.heading()).isEqualTo("Sign in");
            browser.assertEveryControlIsLabelled();
            browser.screenshot("sign-in");
            browser.find("#token").sendKeys(JwtTestKeys.token("form-auditor", Roles.AUDITOR));
            browser.find("form.sign-in button").click();
            new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, Duration.ofSeconds(10))
                    .until(d -> d.getCurrentUrl().contains("knownAt="));
            assertThat(browser.text("#user")).isEqualTo("form-auditor");
        }
    }

    @Test
    @DisplayName("a user without the auditor role sees a refusal page, in the browser and as a 403")
    void a_user_without_the_role_is_refused() {
        String writer = JwtTestKeys.token("a-writer", Roles.WRITER, Roles.ADMIN);
        try (Browser browser = new Browser(root.toString())) {
            browser.open("/console/sign-in?token=" + writer);
            assertThat(browser.heading()).isEqualTo("Not allowed");
            assertThat(browser.text("#message")).contains("a-writer").contains("ledger-auditor");
            assertThat(browser.driver.manage().getCookieNamed(ConsoleCookie.NAME))
                    .isNull();
            browser.screenshot("refused");
        }
        Response exchange = RestAssured.given().queryParam("token", writer).get("/console/sign-in");
        assertThat(exchange.statusCode()).isEqualTo(403);
        assertThat(exchange.contentType()).startsWith("text/html");
        Response view = RestAssured.given().cookie(ConsoleCookie.NAME, writer).get("/console/exposure");
        assertThat(view.statusCode()).isEqualTo(403);
        assertThat(view.contentType()).startsWith("text/html");
        assertThat(view.asString()).contains("Not allowed");
    }

    @Test
    @DisplayName("no token, a forged one or an expired one gets the sign-in page (401), never an error")
    void no_valid_token_gets_the_sign_in_page() {
        Response none = RestAssured.given().redirects().follow(false).get("/console/deals/anything");
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.contentType()).startsWith("text/html");
        assertThat(none.asString()).contains("<h1>Sign in</h1>");

        Response forged = RestAssured.given()
                .cookie(ConsoleCookie.NAME, JwtTestKeys.foreignToken("mallory", Roles.AUDITOR))
                .get("/console/exposure");
        assertThat(forged.statusCode()).isEqualTo(401);
        assertThat(forged.asString()).contains("expired or was refused");
        // The refused cookie is cleared.
        assertThat(forged.getDetailedCookie(ConsoleCookie.NAME).getMaxAge()).isZero();

        Response old = RestAssured.given()
                .cookie(
                        ConsoleCookie.NAME,
                        JwtTestKeys.tokenIssuedAgo(Duration.ofDays(3), "old-auditor", Roles.AUDITOR))
                .get("/console/exposure");
        assertThat(old.statusCode()).isEqualTo(401);

        Response badLink = RestAssured.given().queryParam("token", "not-a-jwt").get("/console/sign-in");
        assertThat(badLink.statusCode()).isEqualTo(401);
        assertThat(badLink.asString()).contains("That token was refused");
    }

    @Test
    @DisplayName("the console cookie opens the console only: the API still wants a bearer token")
    void the_cookie_does_not_open_the_api() {
        String auditor = JwtTestKeys.token("cookie-auditor", Roles.AUDITOR);
        Response console = RestAssured.given()
                .cookie(ConsoleCookie.NAME, auditor)
                .redirects()
                .follow(false)
                .get("/console/exposure");
        assertThat(console.statusCode()).isEqualTo(303);
        Response api = RestAssured.given().cookie(ConsoleCookie.NAME, auditor).get("/api/v1/exposure");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.contentType()).startsWith("application/problem+json");
    }

    @Test
    @DisplayName("a bad asOf is a 400 page that says what is wrong, not a server error")
    void bad_input_gets_a_page() {
        Response bad = RestAssured.given()
                .cookie(ConsoleCookie.NAME, JwtTestKeys.token("auditor", Roles.AUDITOR))
                .get("/console/exposure?asOf=2026-13-45&knownAt=2026-01-01T00:00:00Z");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("text/html");
        assertThat(bad.asString()).contains("asOf must be a date like 2025-12-31");
        Response unknown = RestAssured.given()
                .cookie(ConsoleCookie.NAME, JwtTestKeys.token("auditor", Roles.AUDITOR))
                .get("/console/deals/no-such-deal?asOf=2026-01-01&knownAt=2026-01-01T00:00:00Z");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("text/html");
    }
}
