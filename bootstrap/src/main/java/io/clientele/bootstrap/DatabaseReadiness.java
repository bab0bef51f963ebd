package io.clientele.bootstrap;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.management.endpoint.health.HealthEndpoint;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.jdbc.JdbcIndicator;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Whether the database answers, for {@code /health/readiness}. Replaces Micronaut's JDBC indicator, which, while the
 * database was down, held each probe for the pool's whole connection timeout (5 s, longer than a load balancer's
 * usual probe timeout) and logged the connection failure's stack trace at ERROR on every probe.
 *
 * <p>Here a probe waits at most {@code clientele.readiness.database-timeout} (1 s) and answers DOWN after it; the
 * attempt goes on in the background and a later probe takes it up, so there is never more than one at a time. The
 * log says once, in a line, that the database became unreachable and once that it is back.
 */
@Singleton
@Replaces(JdbcIndicator.class)
@Requires(beans = {HealthEndpoint.class, DataSource.class})
@Requires(property = "endpoints.health.jdbc.enabled", notEquals = "false")
final class DatabaseReadiness implements HealthIndicator {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseReadiness.class);
    private static final String NAME = "database";

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService prober = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "clientele-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private CompletableFuture<Void> attempt;
    private boolean down;

    @Inject
    DatabaseReadiness(DataSource dataSource, @Nullable DataSourceResolver resolver,
                      @Value("${clientele.readiness.database-timeout:1s}") Duration timeout) {
        // the bean is the transaction-aware proxy, which only lends the connection of a running transaction
        this((resolver == null ? DataSourceResolver.DEFAULT : resolver).resolve(dataSource), timeout);
    }

    DatabaseReadiness(DataSource dataSource, Duration timeout) {
        this.dataSource = dataSource;
        this.timeout = timeout;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        // never blocks the calling thread (the health endpoint runs on the event loop, where liveness is served too)
        return Publishers.fromCompletableFuture(this::result);
    }

    /** The probe's answer, within the timeout; the caller's thread only starts or joins an attempt. */
    CompletableFuture<HealthResult> result() {
        CompletableFuture<Void> current;
        synchronized (this) {
            if (attempt == null || attempt.isDone()) {
                attempt = CompletableFuture.runAsync(this::connect, prober);
            }
            current = attempt;
        }
        return current.copy().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .handle((connected, failed) -> answer(current, failed));
    }

    /**
     * A probe whose wait timed out just as the attempt it waited for succeeded answers UP: otherwise its DOWN, logged
     * after the other probes' UP, would say the database went away again.
     */
    HealthResult answer(CompletableFuture<Void> attempt, Throwable failed) {
        boolean succeeded = attempt.isDone() && !attempt.isCompletedExceptionally();
        return answer(failed == null || succeeded ? null : describe(failed));
    }

    /** As {@link #result()}, waited for: for tests. */
    HealthResult probe() {
        return result().join();
    }

    private static String describe(Throwable failed) {
        Throwable cause = failed instanceof CompletionException && failed.getCause() != null ? failed.getCause()
                : failed;
        if (cause instanceof TimeoutException) {
            return "no connection within the readiness timeout";
        }
        if (cause instanceof IllegalStateException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private synchronized HealthResult answer(String failure) {
        if (failure != null && !down) {
            LOG.warn("the database is unreachable, readiness is DOWN until it answers again ({})", failure);
        } else if (failure == null && down) {
            LOG.info("the database answers again, readiness is UP");
        }
        down = failure != null;
        HealthResult.Builder result = HealthResult.builder(NAME, down ? HealthStatus.DOWN : HealthStatus.UP);
        return down ? result.details(Map.of("error", failure)).build() : result.build();
    }

    private void connect() {
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid((int) Math.max(1, timeout.toSeconds()))) {
                throw new IllegalStateException("the connection did not answer");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        prober.shutdownNow();
    }
}
