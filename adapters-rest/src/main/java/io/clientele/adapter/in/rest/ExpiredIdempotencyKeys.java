package io.clientele.adapter.in.rest;

import io.clientele.application.port.in.IdempotencyUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges idempotency keys past their retention, with the answers stored for them (which hold customer data), every
 * {@code clientele.idempotency.purge-interval} (default 1 h; {@code clientele.idempotency.purge-enabled: false} turns
 * it off, e.g. where another instance does it). Without it, old keys were only ever replaced when a client reused one.
 */
@Singleton
@Requires(property = "clientele.idempotency.purge-enabled", notEquals = "false")
public class ExpiredIdempotencyKeys {

    private static final Logger LOG = LoggerFactory.getLogger(ExpiredIdempotencyKeys.class);

    private final IdempotencyUseCase idempotency;

    public ExpiredIdempotencyKeys(IdempotencyUseCase idempotency) {
        this.idempotency = idempotency;
    }

    @Scheduled(fixedDelay = "${clientele.idempotency.purge-interval:1h}",
            initialDelay = "${clientele.idempotency.purge-initial-delay:1m}")
    void purge() {
        try {
            int purged = idempotency.purgeExpired();
            if (purged > 0) {
                LOG.info("Purged {} expired idempotency keys", purged);
            }
        } catch (RuntimeException e) {
            // the next run tries again; a database outage must not stop the schedule
            LOG.warn("Could not purge expired idempotency keys: {}", e.getClass().getSimpleName());
        }
    }
}
