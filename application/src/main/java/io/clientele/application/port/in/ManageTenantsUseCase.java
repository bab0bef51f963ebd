package io.clientele.application.port.in;

import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;

import java.util.Optional;

/** The operator's side: tenants and their API keys. */
public interface ManageTenantsUseCase {

    /** @throws io.clientele.domain.shared.ConflictException when the id is taken */
    Tenant createTenant(CreateTenantCommand command);

    /** @throws io.clientele.domain.shared.NotFoundException for an unknown tenant */
    Tenant getTenant(TenantId id);

    /**
     * Replaces the values this tenant treats as placeholders on top of the defaults (compared case-insensitively).
     *
     * @throws io.clientele.domain.shared.ValidationException for blank or over-long values or too many
     */
    Tenant setPlaceholderValues(TenantId id, java.util.Set<String> values);

    /** @throws io.clientele.domain.shared.NotFoundException for an unknown tenant */
    IssuedApiKey issueApiKey(TenantId tenantId, AccessRole role);

    /**
     * On a registry without tenants, creates {@code demo} with one admin key (for the embedded default run).
     *
     * @return the key, or empty when tenants existed already
     */
    Optional<IssuedApiKey> createDemoTenantIfEmpty(String defaultRegion);
}
