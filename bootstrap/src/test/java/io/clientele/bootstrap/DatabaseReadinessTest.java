package io.clientele.bootstrap;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthResult;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseReadinessTest {

    /** A data source that fails, hangs (until released) or connects, as {@code mode} says at each call. */
    private static final class Database {
        final AtomicInteger mode = new AtomicInteger(); // 0 fail, 1 hang, 2 connect
        final AtomicInteger attempts = new AtomicInteger();
        final CountDownLatch released = new CountDownLatch(1);

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        attempts.incrementAndGet();
                        switch (mode.get()) {
                            case 0 -> throw new SQLException("Communications link failure");
                            case 1 -> released.await();
                            default -> { }
                        }
                        return connection();
                    });
        }

        private Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "isValid" -> true;
                        case "close" -> null;
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void aProbeAnswersDownWithinItsTimeoutAndAnAttemptHangingIsTakenUpByTheNextProbe() {
        Database database = new Database();
        DatabaseReadiness readiness = new DatabaseReadiness(database.dataSource(), Duration.ofMillis(200));
        try {
            HealthResult refused = readiness.probe();
            assertThat(refused.getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(refused.getDetails().toString()).contains("Communications link failure");

            database.mode.set(1);
            long started = System.nanoTime();
            // the caller's thread (the event loop) is not held: the answer comes later
            assertThat(readiness.result()).isNotDone();
            // probes at once wait side by side, not one after the other, on the one hanging attempt
            List<CompletableFuture<HealthResult>> together = new ArrayList<>();
            for (int probe = 0; probe < 6; probe++) {
                together.add(readiness.result());
            }
            for (CompletableFuture<HealthResult> probe : together) {
                assertThat(probe.join().getStatus()).isEqualTo(HealthStatus.DOWN);
            }
            assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(1_000);
            assertThat(database.attempts.get()).isEqualTo(2);

            database.mode.set(2);
            database.released.countDown();
            assertThat(readiness.probe().getStatus()).isEqualTo(HealthStatus.UP);
            assertThat(readiness.probe().getStatus()).isEqualTo(HealthStatus.UP);
        } finally {
            readiness.close();
        }
    }

    @Test
    void aProbeWhoseWaitTimedOutAsItsAttemptSucceededAnswersUp() {
        DatabaseReadiness readiness = new DatabaseReadiness(new Database().dataSource(), Duration.ofMillis(200));
        try {
            java.util.concurrent.TimeoutException late = new java.util.concurrent.TimeoutException();
            // the timeout and the attempt's success raced: the attempt had succeeded when the answer was made
            assertThat(readiness.answer(CompletableFuture.completedFuture(null), late).getStatus())
                    .isEqualTo(HealthStatus.UP);
            // it is still running, or it failed: the timeout stands
            assertThat(readiness.answer(new CompletableFuture<>(), late).getStatus()).isEqualTo(HealthStatus.DOWN);
            assertThat(readiness.answer(CompletableFuture.failedFuture(new IllegalStateException("refused")), late)
                    .getStatus()).isEqualTo(HealthStatus.DOWN);
        } finally {
            readiness.close();
        }
    }
}
