package io.clientele.adapter.in.rest.security;

import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @Test
    void aKeyGetsItsBurstAtOnceThenTheSteadyRate() {
        RateLimiter limiter = new RateLimiter(2, 3, 600, now::get);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k", false)).isZero();
        }
        assertThat(limiter.acquire("k", false)).as("burst spent: retry after one token's time, rounded up")
                .isEqualTo(1);
        advance(499);
        assertThat(limiter.acquire("k", false)).isEqualTo(1);
        advance(1);
        assertThat(limiter.acquire("k", false)).isZero();
        assertThat(limiter.acquire("k", false)).isEqualTo(1);
        // a long pause refills to the burst, never beyond it
        advance(60_000);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire("k", false)).isZero();
        }
        assertThat(limiter.acquire("k", false)).isPositive();
    }

    @Test
    void keysAreLimitedSeparately() {
        RateLimiter limiter = new RateLimiter(1, 1, 600, now::get);
        assertThat(limiter.acquire("a", false)).isZero();
        assertThat(limiter.acquire("a", false)).isPositive();
        assertThat(limiter.acquire("b", false)).isZero();
    }

    @Test
    void destructiveOperationsHaveTheirOwnPerMinuteQuota() {
        RateLimiter limiter = new RateLimiter(1000, 1000, 2, now::get);
        assertThat(limiter.acquire("k", true)).isZero();
        assertThat(limiter.acquire("k", true)).isZero();
        // 2 per minute: the next token comes 30 s later
        assertThat(limiter.acquire("k", true)).isEqualTo(30);
        assertThat(limiter.acquire("k", false)).as("ordinary requests go on").isZero();
        advance(29_001);
        assertThat(limiter.acquire("k", true)).isEqualTo(1);
        advance(999);
        assertThat(limiter.acquire("k", true)).isZero();
    }

    @Test
    void aRefusedRequestTakesNoToken() {
        RateLimiter limiter = new RateLimiter(1000, 2, 1, now::get);
        assertThat(limiter.acquire("k", true)).isZero();
        // the destructive quota is spent: these are refused and must not drain the general bucket
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire("k", true)).isPositive();
        }
        assertThat(limiter.acquire("k", false)).isZero();
    }

    @Test
    void idleKeysAreForgottenOnceThereAreMany() {
        RateLimiter limiter = new RateLimiter(1000, 10, 600, now::get);
        for (int i = 0; i <= RateLimiter.SWEEP_THRESHOLD; i++) {
            limiter.acquire("key-" + i, false);
        }
        assertThat(limiter.trackedKeys()).isEqualTo(RateLimiter.SWEEP_THRESHOLD + 1);
        advance(2_000);
        limiter.acquire("fresh", false);
        // every bucket refilled, so dropping them loses nothing; the fresh one was just used and stays
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void limitsMustBePositive() {
        assertThatThrownBy(() -> new RateLimiter(0, 1, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 0, 1, now::get)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimiter(1, 1, 0, now::get)).isInstanceOf(IllegalArgumentException.class);
    }
}
