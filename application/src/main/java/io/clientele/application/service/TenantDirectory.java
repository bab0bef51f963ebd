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
 * Tenant settings for the rules (phone region, time zone, merge policy). Read on every write, so kept in memory;
 * tenants can't be changed or removed through the API yet, so entries never go stale.
 */
@Singleton
public class TenantDirectory {

    private final TenantStore tenants;
    private final Transactions transactions;
    private final Map<TenantId, Tenant> cache = new ConcurrentHashMap<>();

    public TenantDirectory(TenantStore tenants, Transactions transactions) {
        this.tenants = tenants;
        this.transactions = transactions;
    }

    public Tenant require(TenantId id) {
        Tenant cached = cache.get(id);
        if (cached != null) {
            return cached;
        }
        Tenant tenant = transactions.readOnly(() -> tenants.find(id))
                .orElseThrow(() -> new NotFoundException("tenant-not-found", "tenant " + id + " does not exist"));
        cache.put(id, tenant);
        return tenant;
    }
}
