package io.clientele.application.service;

import io.clientele.application.port.in.IdempotencyUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.IdempotencyStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Claims keys with an INSERT that the primary key arbitrates (two racers can't both proceed), committed before the
 * request runs so a concurrent repeat sees it. Answers are kept 24 hours; a claim whose request never finished
 * (the process died) is taken over after 5 minutes. Expired keys are purged ({@link #purgeExpired}), and answers about
 * a customer go when the customer is forgotten.
 */
@Singleton
public class IdempotencyService implements IdempotencyUseCase {

    static final Duration RETENTION = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(5);
    private static final int PURGE_BATCH = 1_000;

    private final IdempotencyStore store;
    private final Transactions transactions;
    private final Clock clock;

    public IdempotencyService(IdempotencyStore store, Transactions transactions, Clock clock) {
        this.store = store;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Claim claim(TenantId tenantId, String key, String requestHash) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = clock.now();
            if (transactions.inTransaction(() -> store.insertIfAbsent(tenantId, key, requestHash, now))) {
                return new Proceed();
            }
            Optional<IdempotencyStore.StoredKey> stored = transactions.readOnly(() -> store.find(tenantId, key));
            if (stored.isEmpty()) {
                continue; // released meanwhile: claim again
            }
            IdempotencyStore.StoredKey found = stored.get();
            boolean expired = found.createdAt().isBefore(now.minus(RETENTION));
            boolean abandoned = found.status() == null && found.createdAt().isBefore(now.minus(ABANDONED));
            if (expired || abandoned) {
                if (transactions.inTransaction(() -> store.takeOver(tenantId, key, found.createdAt(), requestHash,
                        now))) {
                    return new Proceed();
                }
                continue;
            }
            if (!found.requestHash().equals(requestHash)) {
                return new Mismatch();
            }
            if (found.status() == null) {
                return new InFlight();
            }
            return new Replay(found.status(), found.contentType(), found.body(), found.headers());
        }
        return new InFlight();
    }

    @Override
    public Answer execute(TenantId tenantId, String key, java.util.function.Supplier<Answer> work) {
        Answer answer = transactions.inTransaction(() -> {
            Answer produced = work.get();
            if (produced.status() < 500) {
                store.complete(tenantId, key, produced.status(), produced.contentType(), produced.body(),
                        produced.headers());
            }
            return produced;
        });
        if (answer.status() >= 500) {
            release(tenantId, key);
        }
        return answer;
    }

    @Override
    public void complete(TenantId tenantId, String key, Answer answer) {
        transactions.inTransaction(() -> {
            store.complete(tenantId, key, answer.status(), answer.contentType(), answer.body(), answer.headers());
            return null;
        });
    }

    @Override
    public void release(TenantId tenantId, String key) {
        transactions.inTransaction(() -> {
            store.delete(tenantId, key);
            return null;
        });
    }

    @Override
    public int purgeExpired() {
        Instant cutoff = clock.now().minus(RETENTION);
        int purged = 0;
        int batch;
        // in short transactions, so the purge never holds many locks at once; a short batch was the last
        do {
            batch = transactions.inTransaction(() -> store.purgeClaimedBefore(cutoff, PURGE_BATCH));
            purged += batch;
        } while (batch == PURGE_BATCH);
        return purged;
    }
}
