package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.security.authentication.Authentication;

/** The tenant and key behind an authenticated request. */
final class CapillaryCallers {

    private CapillaryCallers() {
    }

    static TenantId tenant(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        if (tenant == null) {
            // the operator token carries no tenant; @Secured keeps it out of tenant endpoints already
            throw new IllegalStateException("authentication without a tenant reached a tenant endpoint");
        }
        return TenantId.of(tenant.toString());
    }

    static String key(Authentication authentication) {
        Object key = authentication.getAttributes().get(Roles.KEY_ATTRIBUTE);
        return key == null ? authentication.getName() : key.toString();
    }
}
