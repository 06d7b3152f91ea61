package dev.dealledger.axon.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.Principal;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A request rate per authenticated subject (the token's {@code sub}), shared by both services: each subject has a
 * {@link TokenBucket} of {@code ledger.rate-limit.burst} requests refilled at {@code
 * ledger.rate-limit.requests-per-second}; a request finding it empty is refused with {@link RateLimited} (429 and
 * {@code Retry-After}). The defaults are far above what one client of the ledger sends, the benchmark included, and
 * only stop a runaway or hostile one (docs/security.md, "Abuse by an authenticated reader").
 *
 * <p>Buckets of subjects not seen for a while are dropped (a full bucket is what a new one would be anyway), and
 * their number is bounded, so the limiter cannot grow with the subjects a token issuer mints.
 */
@ApplicationScoped
public class SubjectRateLimit {

    /** A bucket left alone this long has refilled to its burst at any rate the settings allow: nothing is lost. */
    private static final Duration IDLE = Duration.ofMinutes(10);

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private final Cache<String, TokenBucket> buckets;

    @Inject
    public SubjectRateLimit(
            @ConfigProperty(name = "ledger.rate-limit.requests-per-second", defaultValue = "1000") double perSecond,
            @ConfigProperty(name = "ledger.rate-limit.burst", defaultValue = "2000") double burst,
            @ConfigProperty(name = "ledger.rate-limit.max-subjects", defaultValue = "100000") long maxSubjects) {
        this(perSecond, burst, maxSubjects, System::nanoTime);
    }

    SubjectRateLimit(double perSecond, double burst, long maxSubjects, LongSupplier nanos) {
        if (!(perSecond > 0) || !(burst >= 1) || maxSubjects < 1) {
            throw new IllegalArgumentException("ledger.rate-limit: requests-per-second must be positive, burst at least"
                    + " 1 and max-subjects at least 1");
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanos = nanos;
        this.buckets = Caffeine.newBuilder()
                .maximumSize(maxSubjects)
                .expireAfterAccess(IDLE.plusSeconds((long) Math.ceil(burst / perSecond)))
                .build();
    }

    /** 429: the subject sent more requests than its bucket holds. */
    public static final class RateLimited extends RuntimeException {
        private final long retryAfterSeconds;

        RateLimited(String subject, long retryAfterSeconds) {
            super("too many requests from '" + subject + "'; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        /** Whole seconds, at least 1: when the subject's next request will be admitted. */
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    /** Counts one request of {@code identity}; anonymous requests are left to authentication, which refuses them. */
    public void admit(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous()) {
            return;
        }
        admit(subjectOf(identity));
    }

    /** Counts one request of {@code subject}, or refuses it. */
    public void admit(String subject) {
        long now = nanos.getAsLong();
        long waitNanos = buckets.get(subject, s -> new TokenBucket(perSecond, burst, now))
                .take(now);
        if (waitNanos > 0) {
            throw new RateLimited(subject, Math.max(1, (waitNanos + 999_999_999) / 1_000_000_000));
        }
    }

    /** The token's subject ({@code sub}), as the command service records it as the actor; else the principal's name. */
    public static String subjectOf(SecurityIdentity identity) {
        Principal principal = identity.getPrincipal();
        if (principal instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return principal.getName();
    }
}
