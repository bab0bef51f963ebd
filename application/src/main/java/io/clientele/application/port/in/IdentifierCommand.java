package io.clientele.application.port.in;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;

import java.util.Objects;

/** Add or remove one identifier of one customer. */
public record IdentifierCommand(TenantId tenantId, CustomerId customerId, IdentifierInput identifier,
                                String defaultSource, String actor) {

    public IdentifierCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(customerId, "customerId");
        Objects.requireNonNull(identifier, "identifier");
    }
}
