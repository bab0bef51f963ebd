package io.clientele.application.service;

import io.clientele.application.port.out.Clock;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Wall-clock time at microsecond precision (what DATETIME(6) columns keep, so a saved value reads back equal). */
@Singleton
public class SystemClock implements Clock {

    @Override
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
