package dev.dealledger.axon.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Each subject's requests drain its own token bucket; the clock is the test's, so nothing here sleeps. */
class LimitingRequestsPerSubjectTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    SubjectRateLimit limit(double perSecond, double burst) {
        return new SubjectRateLimit(perSecond, burst, 1_000, nanos::get);
    }

    void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Test
    @DisplayName("a burst is admitted whole; the request after it is refused with the seconds until a token returns")
    void the_burst_then_a_refusal_with_retry_after() {
        SubjectRateLimit limit = limit(0.5, 3);
        for (int i = 0; i < 3; i++) {
            limit.admit("auditor-1");
        }
        assertThatThrownBy(() -> limit.admit("auditor-1"))
                .isInstanceOfSatisfying(
                        SubjectRateLimit.RateLimited.class,
                        // One token every 2 s.
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(2));
    }

    @Test
    @DisplayName("tokens return at the configured rate, and never beyond the burst")
    void tokens_return_at_the_rate_up_to_the_burst() {
        SubjectRateLimit limit = limit(10, 2);
        limit.admit("a");
        limit.admit("a");
        assertThatThrownBy(() -> limit.admit("a")).isInstanceOf(SubjectRateLimit.RateLimited.class);
        advance(Duration.ofMillis(100));
        limit.admit("a");
        assertThatThrownBy(() -> limit.admit("a")).isInstanceOf(SubjectRateLimit.RateLimited.class);
        advance(Duration.ofHours(1));
        limit.admit("a");
        limit.admit("a");
        assertThatThrownBy(() -> limit.admit("a")).isInstanceOf(SubjectRateLimit.RateLimited.class);
    }

    @Test
    @DisplayName("one subject's exhausted bucket does not limit another subject")
    void subjects_have_buckets_of_their_own() {
        SubjectRateLimit limit = limit(1, 1);
        limit.admit("busy-auditor");
        assertThatThrownBy(() -> limit.admit("busy-auditor")).isInstanceOf(SubjectRateLimit.RateLimited.class);
        limit.admit("other-auditor");
    }

    @Test
    @DisplayName("Retry-After is whole seconds and at least 1, even when a token returns within the second")
    void retry_after_is_whole_seconds_and_at_least_one() {
        SubjectRateLimit limit = limit(1_000, 1);
        limit.admit("fast");
        assertThatThrownBy(() -> limit.admit("fast"))
                .isInstanceOfSatisfying(
                        SubjectRateLimit.RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
    }

    @Test
    @DisplayName("settings that would admit nothing are refused at start")
    void nonsense_settings_are_refused() {
        assertThatThrownBy(() -> limit(0, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> limit(10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
