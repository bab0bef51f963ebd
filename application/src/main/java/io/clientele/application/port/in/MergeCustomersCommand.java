package io.clientele.application.port.in;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;

import java.util.Objects;

/** Merge {@code absorbedId} into {@code survivorId}; with {@code dryRun} nothing is written. */
public record MergeCustomersCommand(TenantId tenantId, CustomerId survivorId, CustomerId absorbedId, boolean dryRun,
                                    String actor) {

    public MergeCustomersCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(absorbedId, "absorbedId");
    }
}
