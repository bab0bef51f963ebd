package io.clientele.domain.tenant;

import java.time.Instant;
import java.util.Objects;

/**
 * A tenant's API key as stored: only the hash of the secret is kept, the secret itself is shown once at creation.
 * {@code keyId} is what the history records as "who".
 */
public record ApiKey(TenantId tenantId, String keyId, String secretHash, AccessRole role, Instant createdAt) {

    public ApiKey {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
