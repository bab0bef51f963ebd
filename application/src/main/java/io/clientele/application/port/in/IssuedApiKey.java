package io.clientele.application.port.in;

import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.TenantId;

/** A new API key. {@code secret} is shown this once; only its hash is stored. */
public record IssuedApiKey(TenantId tenantId, String keyId, AccessRole role, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[tenant=" + tenantId + ", keyId=" + keyId + ", role=" + role + "]";
    }
}
