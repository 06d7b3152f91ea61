package dev.dealledger.query.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's sign-in through the organisation's identity provider: the OpenID Connect authorization code flow with
 * PKCE (RFC 7636, S256), as a public client. The console holds no client secret: the code verifier, kept in the
 * browser's flow cookie between the two legs, is what binds the code to this browser. The access token the provider
 * issues is then checked exactly as the API checks a bearer token (same issuer, key, audience and roles), so the
 * console signs in only those the API would serve.
 *
 * <p>Off unless {@code ledger.console.oidc.issuer} and {@code ledger.console.oidc.client-id} are set. The provider's
 * endpoints come from its discovery document, read on the first sign-in.
 */
@ApplicationScoped
public class OidcCodeFlow {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @ConfigProperty(name = "ledger.console.oidc.issuer")
    Optional<String> issuer;

    @ConfigProperty(name = "ledger.console.oidc.client-id")
    Optional<String> clientId;

    @ConfigProperty(name = "ledger.console.oidc.scope", defaultValue = "openid")
    String scope;

    /**
     * Where the provider sends the browser back. By default the callback on the address the browser used; set it when
     * that address is not what the browser sees (TLS ended at an ingress, a path prefix).
     */
    @ConfigProperty(name = "ledger.console.oidc.redirect-uri")
    Optional<String> redirectUri;

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private volatile Endpoints endpoints;

    /** The provider's two endpoints the flow uses. */
    record Endpoints(URI authorization, URI token) {}

    /** What the first leg leaves in the browser: the state to expect back, and the verifier of the challenge sent. */
    record Started(URI authorizationUrl, String state, String verifier) {
        /** The flow cookie's value; neither part contains a dot. */
        String cookieValue() {
            return state + "." + verifier;
        }
    }

    /** The provider answered, but not with a token. */
    static final class SignInFailed extends RuntimeException {
        SignInFailed(String message) {
            super(message);
        }
    }

    public boolean enabled() {
        return issuer.filter(s -> !s.isBlank()).isPresent()
                && clientId.filter(s -> !s.isBlank()).isPresent();
    }

    /** The callback address the provider is given: configured, or {@code requestBase} + console/oidc/callback. */
    URI redirectUri(URI requestBase) {
        return redirectUri
                .filter(s -> !s.isBlank())
                .map(URI::create)
                .orElseGet(() -> requestBase.resolve("console/oidc/callback"));
    }

    /** A fresh state and verifier, and the provider's authorization URL that carries the state and the challenge. */
    Started start(URI redirectUri) {
        String state = randomToken();
        String verifier = randomToken();
        Map<String, String> query = new LinkedHashMap<>();
        query.put("response_type", "code");
        query.put("client_id", clientId.orElseThrow());
        query.put("redirect_uri", redirectUri.toString());
        query.put("scope", scope);
        query.put("state", state);
        query.put("code_challenge", challenge(verifier));
        query.put("code_challenge_method", "S256");
        URI authorization = endpoints().authorization();
        String separator = authorization.getRawQuery() == null ? "?" : "&";
        return new Started(URI.create(authorization + separator + form(query)), state, verifier);
    }

    /** The state and verifier of a flow cookie, if it is one this class wrote. */
    static Optional<String[]> parse(String cookieValue) {
        if (cookieValue == null) {
            return Optional.empty();
        }
        String[] parts = cookieValue.split("\\.");
        return parts.length == 2 && !parts[0].isEmpty() && !parts[1].isEmpty() ? Optional.of(parts) : Optional.empty();
    }

    /** Whether the state the provider sent back is the one this browser started with, compared in constant time. */
    static boolean sameState(String expected, String returned) {
        return returned != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.US_ASCII), returned.getBytes(StandardCharsets.US_ASCII));
    }

    /** The second leg: the code and its verifier for the provider's access token. */
    String exchange(String code, String verifier, URI redirectUri) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri.toString());
        body.put("client_id", clientId.orElseThrow());
        body.put("code_verifier", verifier);
        HttpRequest request = HttpRequest.newBuilder(endpoints().token())
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(body)))
                .build();
        JsonNode answer = send(request, "the token endpoint");
        String token = answer.path("access_token").asText(null);
        if (token == null || token.isBlank()) {
            throw new SignInFailed("the identity provider answered without an access token"
                    + answer.path("error").asText("").transform(e -> e.isEmpty() ? "" : " (" + e + ")"));
        }
        return token;
    }

    private Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known != null) {
            return known;
        }
        String base = issuer.orElseThrow();
        URI discovery = URI.create((base.endsWith("/") ? base : base + "/") + ".well-known/openid-configuration");
        JsonNode document = send(
                HttpRequest.newBuilder(discovery)
                        .timeout(TIMEOUT)
                        .header("Accept", "application/json")
                        .GET()
                        .build(),
                "the discovery document");
        String authorization = document.path("authorization_endpoint").asText(null);
        String token = document.path("token_endpoint").asText(null);
        if (authorization == null || token == null) {
            throw new SignInFailed(
                    "the identity provider's discovery document names no authorization or token endpoint");
        }
        known = new Endpoints(URI.create(authorization), URI.create(token));
        endpoints = known;
        return known;
    }

    private JsonNode send(HttpRequest request, String what) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = json.readTree(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new SignInFailed("the identity provider refused at " + what + ": HTTP " + response.statusCode()
                        + body.path("error").asText("").transform(e -> e.isEmpty() ? "" : " (" + e + ")"));
            }
            return body;
        } catch (IOException e) {
            throw new SignInFailed("the identity provider could not be reached at " + what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailed("interrupted while asking the identity provider");
        }
    }

    /** 32 random bytes, base64url without padding: a verifier of 43 characters, as RFC 7636 asks at least. */
    private static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** RFC 7636 S256: base64url(SHA-256(ASCII(verifier))), without padding. */
    static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }

    private static String form(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return joined.toString();
    }
}
