package io.clientele.application.port.in;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.tenant.TenantId;

import java.util.Objects;

/**
 * Active customers of a tenant, filtered (every filter optional), in id order after {@code cursor}.
 *
 * @param consent customers whose current consent for that channel is granted
 */
public record ListCustomersQuery(TenantId tenantId, String tag, String mailingList, Channel consent,
                                 String canonicalId, int limit, String cursor) {

    public static final int MAX_LIMIT = 1000;

    public ListCustomersQuery {
        Objects.requireNonNull(tenantId, "tenantId");
    }
}
