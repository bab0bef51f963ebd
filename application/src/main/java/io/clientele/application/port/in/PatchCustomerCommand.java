package io.clientele.application.port.in;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.tenant.TenantId;

import java.util.Objects;

/**
 * A partial update of one customer (JSON Merge Patch semantics).
 *
 * @param expectedVersion the version the caller last saw (If-Match); null: don't check
 */
public record PatchCustomerCommand(TenantId tenantId, CustomerId customerId, Long expectedVersion,
                                   CustomerChanges changes, String actor, String source) {

    public PatchCustomerCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(changes, "changes");
        source = source == null ? "API" : source;
    }

    public PatchCustomerCommand(TenantId tenantId, CustomerId customerId, Long expectedVersion, ProfilePatch profile,
                                String actor) {
        this(tenantId, customerId, expectedVersion, CustomerChanges.of(Objects.requireNonNull(profile, "profile")),
                actor, "API");
    }

    public ProfilePatch profile() {
        return changes.profile();
    }
}
