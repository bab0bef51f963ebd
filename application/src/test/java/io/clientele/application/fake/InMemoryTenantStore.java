package io.clientele.application.fake;

import io.clientele.application.port.out.TenantStore;
import io.clientele.domain.tenant.ApiKey;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Tenants and API keys in memory; keys are found by (tenant, hash) like the table's unique key. */
public class InMemoryTenantStore implements TenantStore {

    private final Map<TenantId, Tenant> tenants = new LinkedHashMap<>();
    private final List<ApiKey> keys = new ArrayList<>();
    private int findCalls;

    @Override
    public synchronized boolean insertIfAbsent(Tenant tenant) {
        return tenants.putIfAbsent(tenant.id(), tenant) == null;
    }

    @Override
    public synchronized Optional<Tenant> find(TenantId id) {
        findCalls++;
        return Optional.ofNullable(tenants.get(id));
    }

    @Override
    public synchronized boolean anyTenantExists() {
        return !tenants.isEmpty();
    }

    @Override
    public synchronized void insertKey(ApiKey key) {
        for (ApiKey existing : keys) {
            if (existing.tenantId().equals(key.tenantId())
                    && (existing.keyId().equals(key.keyId()) || existing.secretHash().equals(key.secretHash()))) {
                throw new IllegalStateException("duplicate key " + key.keyId());
            }
        }
        keys.add(key);
    }

    @Override
    public synchronized Optional<ApiKey> findKey(TenantId tenantId, String secretHash) {
        return keys.stream()
                .filter(key -> key.tenantId().equals(tenantId) && key.secretHash().equals(secretHash))
                .findFirst();
    }

    // ---- for tests

    public synchronized List<Tenant> tenants() {
        return List.copyOf(tenants.values());
    }

    public synchronized List<ApiKey> keys() {
        return List.copyOf(keys);
    }

    /** How often {@link #find} was called (the directory caches). */
    public synchronized int findCalls() {
        return findCalls;
    }

    @Override
    public synchronized void savePlaceholderValues(io.clientele.domain.tenant.TenantId id, java.util.Set<String> values) {
        find(id).ifPresent(tenant -> tenants.put(id, tenant.withPlaceholderValues(values)));
    }
}
