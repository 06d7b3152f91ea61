package dev.dealledger.query.console;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JsonWebTokenCredential;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Signs a browser in to the console with the same JWT the API takes as a bearer token, carried in an HttpOnly,
 * SameSite=Strict cookie scoped to {@code /console} (docs/adr/0006). The token is verified by the same identity
 * provider as a bearer token: same key, issuer, audience and maximum age.
 *
 * <p>The cookie is read on console paths only. Everywhere else this mechanism steps aside, so the API keeps accepting
 * bearer tokens alone and a browser holding the cookie cannot be made to call it from another site.
 */
@ApplicationScoped
public class ConsoleCookie implements HttpAuthenticationMechanism {

    /** The cookie's name. */
    public static final String NAME = "ledger_console";
    /** The only path the cookie is sent to and read on. */
    public static final String PATH = "/console";
    /** Set on the request when a console cookie was present but its token was refused (expired, forged, ...). */
    static final String REFUSED = ConsoleCookie.class.getName() + ".refused";

    /** Ahead of the bearer mechanism (1000), which then still answers requests without the cookie. */
    private static final int PRIORITY = 1001;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!onConsole(context.normalizedPath())) {
            return Uni.createFrom().nullItem();
        }
        Cookie cookie = context.request().getCookie(NAME);
        if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
            return Uni.createFrom().nullItem();
        }
        AuthenticationRequest request = HttpSecurityUtils.setRoutingContextAttribute(
                new TokenAuthenticationRequest(new JsonWebTokenCredential(cookie.getValue())), context);
        // A refused cookie (expired, say) leaves the caller anonymous, so the console shows its sign-in page with
        // the reason instead of an error.
        return identities.authenticate(request).onFailure().recoverWithItem(failure -> {
            context.put(REFUSED, Boolean.TRUE);
            return null;
        });
    }

    static boolean onConsole(String path) {
        return path != null && (path.equals(PATH) || path.startsWith(PATH + "/"));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // The console answers an anonymous caller with its own sign-in page; the bearer mechanism challenges the API.
        return Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
