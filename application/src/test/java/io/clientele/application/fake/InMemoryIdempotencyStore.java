package io.clientele.application.fake;

import io.clientele.application.port.out.IdempotencyStore;
import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Idempotency keys in a map, by tenant and key, like the table's primary key. */
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private final Map<String, StoredKey> keys = new HashMap<>();

    private static String id(TenantId tenantId, String key) {
        return tenantId.value() + "\n" + key;
    }

    @Override
    public synchronized boolean insertIfAbsent(TenantId tenantId, String key, String requestHash, Instant now) {
        return keys.putIfAbsent(id(tenantId, key), new StoredKey(requestHash, now, null, null, null, null)) == null;
    }

    @Override
    public synchronized Optional<StoredKey> find(TenantId tenantId, String key) {
        return Optional.ofNullable(keys.get(id(tenantId, key)));
    }

    @Override
    public synchronized boolean takeOver(TenantId tenantId, String key, Instant createdAt, String requestHash,
                                         Instant now) {
        StoredKey stored = keys.get(id(tenantId, key));
        if (stored == null || !stored.createdAt().equals(createdAt)) {
            return false;
        }
        keys.put(id(tenantId, key), new StoredKey(requestHash, now, null, null, null, null));
        return true;
    }

    @Override
    public synchronized void complete(TenantId tenantId, String key, int status, String contentType, String body,
                                      String headers) {
        keys.computeIfPresent(id(tenantId, key), (k, stored) -> new StoredKey(stored.requestHash(),
                stored.createdAt(), status, contentType, body, headers));
    }

    @Override
    public synchronized void delete(TenantId tenantId, String key) {
        keys.remove(id(tenantId, key));
    }

    @Override
    public synchronized void forgetAnswersMentioning(TenantId tenantId, Collection<String> texts) {
        keys.entrySet().removeIf(entry -> entry.getKey().startsWith(tenantId.value() + "\n")
                && entry.getValue().body() != null
                && texts.stream().anyMatch(text -> entry.getValue().body().contains(text)));
    }

    @Override
    public synchronized int purgeClaimedBefore(Instant cutoff, int limit) {
        int before = keys.size();
        keys.values().removeIf(stored -> stored.createdAt().isBefore(cutoff));
        return before - keys.size();
    }
}
