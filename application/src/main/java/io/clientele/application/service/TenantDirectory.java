package io.clientele.application.service;

import io.clientele.application.port.out.TenantStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tenant settings for the rules (phone region, time zone, merge policy, extra placeholders). Read on every write, so
 * kept in memory for a minute: a change made through this server is seen at once, one made through another instance
 * within a minute.
 */
@Singleton
public class TenantDirectory {

    private final TenantStore tenants;
    private final Transactions transactions;
    private static final long TTL_MILLIS = 60_000;

    private record Cached(Tenant tenant, long expiresAtMillis) {
    }

    private final Map<TenantId, Cached> cache = new ConcurrentHashMap<>();

    public TenantDirectory(TenantStore tenants, Transactions transactions) {
        this.tenants = tenants;
        this.transactions = transactions;
    }

    public Tenant require(TenantId id) {
        long now = System.currentTimeMillis();
        Cached cached = cache.get(id);
        if (cached != null && cached.expiresAtMillis() > now) {
            return cached.tenant();
        }
        Tenant tenant = transactions.readOnly(() -> tenants.find(id))
                .orElseThrow(() -> new NotFoundException("tenant-not-found", "tenant " + id + " does not exist"));
        cache.put(id, new Cached(tenant, now + TTL_MILLIS));
        return tenant;
    }

    /** Drops the cached settings after a change. */
    public void forget(TenantId id) {
        cache.remove(id);
    }
}
