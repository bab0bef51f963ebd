package io.clientele.adapter.in.rest;

import io.clientele.application.port.out.IdempotencyStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The hourly purge is scheduled: here every 200 ms, to see it run on its own. */
@MicronautTest(transactional = false)
class ExpiredIdempotencyKeysTest extends ApiTest {

    @Inject
    IdempotencyStore store;
    @Inject
    Transactions transactions;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("clientele.idempotency.purge-initial-delay", "100ms");
        properties.put("clientele.idempotency.purge-interval", "200ms");
        return properties;
    }

    @Test
    void expiredKeysArePurgedWithoutAnyoneAsking() throws InterruptedException {
        TenantId tenant = TenantId.of("scheduled-purge");
        String key = "old-" + UUID.randomUUID();
        transactions.inTransaction(() -> store.insertIfAbsent(tenant, key, "h".repeat(64),
                Instant.now().minus(Duration.ofHours(25))));

        boolean gone = false;
        for (int i = 0; i < 50 && !gone; i++) {
            Thread.sleep(100);
            gone = transactions.readOnly(() -> store.find(tenant, key)).isEmpty();
        }

        assertThat(gone).as("purged by the scheduled job within 5 s").isTrue();
    }
}
