package io.clientele.application.port.in;

import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.TenantId;

/** Who is calling: a key of one tenant with one role. */
public record ApiPrincipal(TenantId tenantId, String keyId, AccessRole role) {
}
