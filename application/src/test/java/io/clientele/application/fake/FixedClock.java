package io.clientele.application.fake;

import io.clientele.application.port.out.Clock;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A clock that stands still until a test moves it. */
public class FixedClock implements Clock {

    private Instant now;

    public FixedClock() {
        this(Instant.parse("2024-03-01T10:00:00Z"));
    }

    public FixedClock(Instant now) {
        this.now = Objects.requireNonNull(now);
    }

    @Override
    public synchronized Instant now() {
        return now;
    }

    public synchronized void set(Instant instant) {
        this.now = Objects.requireNonNull(instant);
    }

    public synchronized Instant advance(Duration duration) {
        now = now.plus(duration);
        return now;
    }
}
