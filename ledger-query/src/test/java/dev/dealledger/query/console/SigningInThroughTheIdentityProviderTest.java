package dev.dealledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.dealledger.query.testing.LedgerQueryDatabase;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.net.URL;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console's sign-in through a real identity provider (Keycloak, {@link KeycloakServer}): the OpenID Connect code
 * flow with PKCE, in a real browser. The provider's realm requires PKCE with S256 of its client, so a flow without the
 * challenge would be refused there. The service verifies the provider's tokens as the API does, so only an auditor
 * gets in; a user without the role sees the refusal page.
 */
@QuarkusTest
@WithTestResource(value = KeycloakServer.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
@WithTestResource(value = LedgerQueryDatabase.class, scope = TestResourceScope.RESTRICTED_TO_CLASS)
class SigningInThroughTheIdentityProviderTest {

    @TestHTTPResource("/")
    URL root;

    @Test
    @DisplayName("an auditor signs in at the identity provider and lands in the console, signed in under their name")
    void an_auditor_signs_in() {
        try (Browser browser = new Browser(root.toString())) {
            signInAtTheProvider(browser, "alice", "alice-password");
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(d -> d.getCurrentUrl().contains("/console/exposure"));
            assertThat(browser.text("#user")).isEqualTo("alice");
            assertThat(browser.heading()).contains("Exposure");
            browser.screenshot("signed-in-through-the-identity-provider");
        }
    }

    @Test
    @DisplayName("a user without the auditor role signs in at the provider and gets a clear refusal, not a broken page")
    void a_writer_is_refused() {
        try (Browser browser = new Browser(root.toString())) {
            signInAtTheProvider(browser, "walter", "walter-password");
            new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                    .until(d -> d.getPageSource().contains("without the ledger-auditor role"));
            assertThat(browser.heading()).isEqualTo("Not allowed");
            assertThat(browser.text("#message")).startsWith("walter is signed in, but without the ledger-auditor role");
        }
    }

    @Test
    @DisplayName("an answer the browser did not start (no flow cookie, or another state) is refused with 400")
    void a_foreign_answer_is_refused() {
        Response response = RestAssured.given()
                .redirects()
                .follow(false)
                .queryParam("code", "a-code-from-elsewhere")
                .queryParam("state", "a-state-from-elsewhere")
                .get("/console/oidc/callback");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.asString()).contains("not started in this browser");

        Response other = RestAssured.given()
                .redirects()
                .follow(false)
                .cookie(ConsoleResource.OIDC_FLOW_COOKIE, "started-state.some-verifier")
                .queryParam("code", "a-code")
                .queryParam("state", "another-state")
                .get("/console/oidc/callback");
        assertThat(other.statusCode()).isEqualTo(400);
    }

    @Test
    @DisplayName(
            "the first leg sends the browser to the provider with a S256 challenge and keeps the state in a cookie")
    void the_first_leg_carries_a_challenge() {
        Response response = RestAssured.given().redirects().follow(false).get("/console/oidc/sign-in");
        assertThat(response.statusCode()).isEqualTo(303);
        String location = response.header("Location");
        assertThat(location)
                .contains("/realms/" + KeycloakServer.REALM + "/protocol/openid-connect/auth?")
                .contains("code_challenge_method=S256")
                .contains("code_challenge=")
                .contains("client_id=" + KeycloakServer.CLIENT)
                .contains("response_type=code");
        String cookie =
                response.getDetailedCookie(ConsoleResource.OIDC_FLOW_COOKIE).getValue();
        String state = cookie.substring(0, cookie.indexOf('.'));
        assertThat(location).contains("state=" + state);
        String verifier = cookie.substring(cookie.indexOf('.') + 1);
        assertThat(location).contains("code_challenge=" + OidcCodeFlow.challenge(verifier));
        assertThat(response.getDetailedCookie(ConsoleResource.OIDC_FLOW_COOKIE).isHttpOnly())
                .isTrue();
    }

    /** Opens the console's sign-in page, follows its identity-provider link and fills in the provider's login form. */
    private static void signInAtTheProvider(Browser browser, String user, String password) {
        browser.open("/console/sign-in");
        browser.find("#oidc-sign-in").click();
        new WebDriverWait(browser.driver, Duration.ofSeconds(20))
                .until(d ->
                        !d.findElements(org.openqa.selenium.By.id("username")).isEmpty());
        browser.find("#username").sendKeys(user);
        browser.find("#password").sendKeys(password);
        browser.find("#kc-login").click();
    }
}
