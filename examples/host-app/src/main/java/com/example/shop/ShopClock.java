package com.example.shop;

import io.clientele.application.port.out.Clock;
import io.clientele.application.service.SystemClock;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The shop's clock replaces Clientele's {@link SystemClock}: every timestamp the registry writes (createdAt,
 * updatedAt, consents, history) comes from here. {@code shop.fixed-time} freezes it (demos, tests).
 */
@Singleton
@Replaces(SystemClock.class)
public class ShopClock implements Clock {

    private final Instant fixed;

    public ShopClock(@Nullable @Value("${shop.fixed-time:}") String fixedTime) {
        this.fixed = fixedTime == null || fixedTime.isBlank() ? null : Instant.parse(fixedTime);
    }

    @Override
    public Instant now() {
        // DATETIME(6) keeps microseconds: a value with nanoseconds would not read back equal
        return (fixed != null ? fixed : Instant.now()).truncatedTo(ChronoUnit.MICROS);
    }
}
