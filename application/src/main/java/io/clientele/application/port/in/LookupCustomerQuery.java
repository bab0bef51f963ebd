package io.clientele.application.port.in;

import io.clientele.domain.tenant.TenantId;

import java.util.Objects;

/** Find a customer by one identifier, given as sent (it is normalised the way writes are). */
public record LookupCustomerQuery(TenantId tenantId, String type, String name, String value) {

    public LookupCustomerQuery {
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
