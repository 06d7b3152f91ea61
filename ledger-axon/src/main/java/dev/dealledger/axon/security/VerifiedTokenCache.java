package dev.dealledger.axon.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Verifies a bearer token once and reuses the verified claims for the token's next requests. A client sends the same
 * token with every call, and checking its RSA signature again each time was the largest single CPU cost of a write
 * (docs/benchmarks.md, "Write path"). Only a token that passed verification is kept, keyed by its exact text and the
 * verification settings it passed under, so a changed token, a forged one or one checked against other settings is
 * always verified in full.
 *
 * <p>A kept verification ends at the earliest of the token's own expiry and {@code ledger.security.token-cache.ttl}
 * after it was verified; the second bounds how long a token keeps working after its signing key is replaced. Tokens
 * longer than {@link #MAX_TOKEN_CHARS} and tokens without an expiry are never kept, and the number kept is bounded, so
 * the cache cannot grow with what clients send.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokenCache extends JWTCallerPrincipalFactory {

    /** Longer tokens are verified on every request: they would make the bounded cache hold unbounded text. */
    static final int MAX_TOKEN_CHARS = 8_192;

    private final JWTCallerPrincipalFactory verifier;
    private final Clock clock;
    private final Cache<TokenUnderSettings, JWTCallerPrincipal> verified;

    @Inject
    public VerifiedTokenCache(
            @ConfigProperty(name = "ledger.security.token-cache.max-entries", defaultValue = "1000") long maxEntries,
            @ConfigProperty(name = "ledger.security.token-cache.ttl", defaultValue = "PT60S") Duration ttl) {
        this(new DefaultJWTCallerPrincipalFactory(), Clock.systemUTC(), Ticker.systemTicker(), maxEntries, ttl);
    }

    VerifiedTokenCache(JWTCallerPrincipalFactory verifier, Clock clock, Ticker ticker, long maxEntries, Duration ttl) {
        if (maxEntries < 0 || ttl.isNegative()) {
            throw new IllegalArgumentException("token cache: max-entries and ttl must not be negative");
        }
        this.verifier = verifier;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(ticker)
                .expireAfter(Expiry.creating((TokenUnderSettings key, JWTCallerPrincipal principal) -> {
                    Duration untilExpiry =
                            Duration.ofSeconds(principal.getExpirationTime()).minusMillis(clock.millis());
                    return untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
                }))
                .build();
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
        if (token.length() > MAX_TOKEN_CHARS) {
            return verifier.parse(token, settings);
        }
        TokenUnderSettings key = new TokenUnderSettings(token, settings);
        JWTCallerPrincipal known = verified.getIfPresent(key);
        // The cache's own expiry runs on its ticker; the token's expiry is checked again here on the wall clock, so a
        // token is never accepted after its exp whatever the two clocks do.
        if (known != null) {
            if (stillValid(known, settings)) {
                return known;
            }
            verified.invalidate(key);
        }
        JWTCallerPrincipal principal = verifier.parse(token, settings);
        if (principal.getExpirationTime() > 0 && stillValid(principal, settings)) {
            verified.put(key, principal);
        }
        return principal;
    }

    /**
     * Before its exp and, where the settings bound a token's age (mp.jwt.verify.token.age), before its iat plus that
     * age. Stricter than the verifier (no clock skew): past either, the verifier decides again.
     */
    private boolean stillValid(JWTCallerPrincipal principal, JWTAuthContextInfo settings) {
        long now = clock.millis();
        if (now >= principal.getExpirationTime() * 1000) {
            return false;
        }
        Long maxAge = settings.getTokenAge();
        return maxAge == null || now < (principal.getIssuedAtTime() + maxAge) * 1000;
    }

    /** Whether a verification of {@code token} is kept now, for tests and diagnostics. */
    public boolean keeps(String token) {
        return verified.asMap().keySet().stream().anyMatch(key -> key.token().equals(token));
    }

    /** How many verified tokens are kept now, for tests and diagnostics. */
    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /**
     * The token text and the settings it was verified under. The settings compare by identity: the service holds one
     * instance, and any other instance (another issuer, key or audience) must verify the token itself.
     */
    private record TokenUnderSettings(String token, IdentityOf settings) {
        TokenUnderSettings(String token, JWTAuthContextInfo settings) {
            this(token, new IdentityOf(settings));
        }
    }

    private record IdentityOf(JWTAuthContextInfo value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof IdentityOf that && that.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }
}
