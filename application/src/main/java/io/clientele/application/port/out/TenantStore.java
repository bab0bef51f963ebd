package io.clientele.application.port.out;

import io.clientele.domain.tenant.ApiKey;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;

import java.util.Optional;

/** Tenants and their API keys. */
public interface TenantStore {

    /** @return false when a tenant with that id exists already */
    boolean insertIfAbsent(Tenant tenant);

    Optional<Tenant> find(TenantId id);

    boolean anyTenantExists();

    /** Replaces the tenant's extra placeholder values. */
    void savePlaceholderValues(TenantId id, java.util.Set<String> values);

    void insertKey(ApiKey key);

    Optional<ApiKey> findKey(TenantId tenantId, String secretHash);
}
