package dev.dealledger.axon.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.dealledger.axon.testing.JwtTestKeys;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedTokenCacheTest {

    private final AtomicInteger verifications = new AtomicInteger();
    private final JWTCallerPrincipalFactory realVerifier = new DefaultJWTCallerPrincipalFactory();
    private final JWTCallerPrincipalFactory countingVerifier = new JWTCallerPrincipalFactory() {
        @Override
        public JWTCallerPrincipal parse(String token, JWTAuthContextInfo settings) throws ParseException {
            verifications.incrementAndGet();
            return realVerifier.parse(token, settings);
        }
    };
    private final AtomicLong tickerNanos = new AtomicLong();
    private final MovableClock clock = new MovableClock();
    private final JWTAuthContextInfo settings =
            new JWTAuthContextInfo(JwtTestKeys.publicKeyLocation(), JwtTestKeys.ISSUER);

    private VerifiedTokenCache cache(Duration ttl) {
        Ticker ticker = tickerNanos::get;
        return new VerifiedTokenCache(countingVerifier, clock, ticker, 100, ttl);
    }

    @Test
    void a_token_sent_again_is_not_verified_again() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));
        String token = JwtTestKeys.token("alice", "ledger-writer");

        JWTCallerPrincipal first = cache.parse(token, settings);
        JWTCallerPrincipal second = cache.parse(token, settings);

        assertThat(verifications).hasValue(1);
        assertThat(second).isSameAs(first);
        assertThat(second.getName()).isEqualTo("alice");
        assertThat(second.getGroups()).containsExactly("ledger-writer");
    }

    @Test
    void another_token_is_verified_on_its_own() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));

        JWTCallerPrincipal alice = cache.parse(JwtTestKeys.token("alice", "ledger-writer"), settings);
        JWTCallerPrincipal bob = cache.parse(JwtTestKeys.token("bob", "ledger-auditor"), settings);

        assertThat(verifications).hasValue(2);
        assertThat(alice.getName()).isEqualTo("alice");
        assertThat(bob.getName()).isEqualTo("bob");
        assertThat(bob.getGroups()).containsExactly("ledger-auditor");
    }

    @Test
    void a_forged_token_is_refused_every_time_and_never_kept() {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));
        String forged = JwtTestKeys.foreignToken("mallory", "ledger-admin");

        assertThatThrownBy(() -> cache.parse(forged, settings)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(forged, settings)).isInstanceOf(ParseException.class);

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_kept_verification_ends_after_the_ttl() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));
        String token = JwtTestKeys.token("alice", "ledger-writer");
        cache.parse(token, settings);

        tickerNanos.addAndGet(Duration.ofSeconds(59).toNanos());
        cache.parse(token, settings);
        assertThat(verifications).hasValue(1);

        tickerNanos.addAndGet(Duration.ofSeconds(2).toNanos());
        cache.parse(token, settings);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_kept_token_is_not_accepted_from_the_cache_after_its_expiry() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofDays(1));
        String token = JwtTestKeys.token("alice", "ledger-writer");
        cache.parse(token, settings);

        // The test tokens expire in an hour; the cache's wall clock moves past that, its ticker does not move at all.
        clock.move(Duration.ofHours(2));
        cache.parse(token, settings);

        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_kept_token_is_not_accepted_from_the_cache_once_older_than_the_maximum_age() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofDays(1));
        JWTAuthContextInfo withMaxAge = new JWTAuthContextInfo(JwtTestKeys.publicKeyLocation(), JwtTestKeys.ISSUER);
        withMaxAge.setExpectedAudience(java.util.Set.of(JwtTestKeys.AUDIENCE));
        withMaxAge.setTokenAge(3600L);
        // Issued 50 minutes ago, an hour before its exp: young enough for the verifier, and kept.
        String token = JwtTestKeys.tokenIssuedAgo(Duration.ofMinutes(50), "alice", "ledger-writer");
        cache.parse(token, withMaxAge);
        cache.parse(token, withMaxAge);
        assertThat(verifications).hasValue(1);

        // A quarter of an hour later it is 65 minutes old: the cache must not answer for it any more.
        clock.move(Duration.ofMinutes(15));
        cache.parse(token, withMaxAge);
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void a_token_checked_under_other_settings_is_verified_under_them() throws ParseException {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));
        String token = JwtTestKeys.token("alice", "ledger-writer");
        cache.parse(token, settings);

        JWTAuthContextInfo otherIssuer =
                new JWTAuthContextInfo(JwtTestKeys.publicKeyLocation(), "https://elsewhere.example");
        assertThatThrownBy(() -> cache.parse(token, otherIssuer)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void an_overlong_token_is_verified_every_time() {
        VerifiedTokenCache cache = cache(Duration.ofSeconds(60));
        String overlong = "x".repeat(VerifiedTokenCache.MAX_TOKEN_CHARS + 1);

        assertThatThrownBy(() -> cache.parse(overlong, settings)).isInstanceOf(ParseException.class);
        assertThatThrownBy(() -> cache.parse(overlong, settings)).isInstanceOf(ParseException.class);
        assertThat(verifications).hasValue(2);
    }

    /** A wall clock a test can move forward. */
    private static final class MovableClock extends Clock {
        private volatile Duration offset = Duration.ZERO;

        void move(Duration by) {
            offset = offset.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(offset);
        }
    }
}
