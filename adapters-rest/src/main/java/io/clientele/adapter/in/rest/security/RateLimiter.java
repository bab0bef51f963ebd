package io.clientele.adapter.in.rest.security;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory token buckets per API key: one for all requests ({@code requestsPerSecond}, up to {@code burst} at once)
 * and a smaller one for destructive operations ({@code destructivePerMinute}, which may all be spent at once). A
 * destructive request needs a token from both and takes neither unless it gets both, so a refused request costs the
 * caller nothing. State is per server instance: with N instances behind a balancer a key gets up to N times the
 * configured rate, which is fine for limits meant to stop runaway clients rather than to bill them.
 */
public final class RateLimiter {

    /** Above this many tracked keys, buckets that have refilled completely are dropped (they'd start full anyway). */
    static final int SWEEP_THRESHOLD = 10_000;
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final Bucket.Shape all;
    private final Bucket.Shape destructive;
    private final LongSupplier nanoClock;
    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong();

    public RateLimiter(double requestsPerSecond, int burst, double destructivePerMinute, LongSupplier nanoClock) {
        if (requestsPerSecond <= 0 || burst < 1 || destructivePerMinute <= 0) {
            throw new IllegalArgumentException("rate limits must be positive: requests-per-second="
                    + requestsPerSecond + ", burst=" + burst + ", destructive-per-minute=" + destructivePerMinute);
        }
        this.all = new Bucket.Shape(burst, requestsPerSecond / NANOS_PER_SECOND);
        this.destructive = new Bucket.Shape(Math.max(1, Math.floor(destructivePerMinute)),
                destructivePerMinute / 60 / NANOS_PER_SECOND);
        this.nanoClock = nanoClock;
    }

    /**
     * Takes the tokens a request needs.
     *
     * @return 0 when the request may proceed, otherwise how many whole seconds (at least 1) until it would be let
     *         through: the {@code Retry-After} value
     */
    public long acquire(String key, boolean destructiveOperation) {
        long now = nanoClock.getAsLong();
        KeyState state = keys.computeIfAbsent(key, k -> new KeyState(now));
        long waitNanos = state.acquire(now, destructiveOperation);
        if (keys.size() > SWEEP_THRESHOLD) {
            sweep(now);
        }
        if (waitNanos == 0) {
            return 0;
        }
        return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
    }

    int trackedKeys() {
        return keys.size();
    }

    private void sweep(long now) {
        long last = lastSweep.get();
        // at most one sweep per second, by one thread
        if (now - last < NANOS_PER_SECOND || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        keys.entrySet().removeIf(entry -> entry.getValue().idle(now));
    }

    private final class KeyState {
        private final Bucket allRequests;
        private final Bucket destructiveRequests;

        KeyState(long now) {
            this.allRequests = new Bucket(all, now);
            this.destructiveRequests = new Bucket(destructive, now);
        }

        synchronized long acquire(long now, boolean destructiveOperation) {
            allRequests.refill(now);
            long wait = allRequests.nanosUntilToken();
            if (destructiveOperation) {
                destructiveRequests.refill(now);
                wait = Math.max(wait, destructiveRequests.nanosUntilToken());
            }
            if (wait > 0) {
                return wait;
            }
            allRequests.take();
            if (destructiveOperation) {
                destructiveRequests.take();
            }
            return 0;
        }

        synchronized boolean idle(long now) {
            allRequests.refill(now);
            destructiveRequests.refill(now);
            return allRequests.full() && destructiveRequests.full();
        }
    }

    /** A token bucket; not thread-safe on its own (its {@link KeyState} locks). */
    static final class Bucket {

        record Shape(double capacity, double tokensPerNano) {
        }

        private final Shape shape;
        private double tokens;
        private long updatedAt;

        Bucket(Shape shape, long now) {
            this.shape = shape;
            this.tokens = shape.capacity();
            this.updatedAt = now;
        }

        void refill(long now) {
            long elapsed = now - updatedAt;
            if (elapsed > 0) {
                tokens = Math.min(shape.capacity(), tokens + elapsed * shape.tokensPerNano());
                updatedAt = now;
            }
        }

        long nanosUntilToken() {
            if (tokens >= 1) {
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / shape.tokensPerNano());
        }

        void take() {
            tokens -= 1;
        }

        boolean full() {
            return tokens >= shape.capacity();
        }
    }
}
