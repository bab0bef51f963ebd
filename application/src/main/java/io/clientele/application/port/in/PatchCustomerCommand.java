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
                                   ProfilePatch profile, String actor) {

    public PatchCustomerCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(profile, "profile");
    }
}
