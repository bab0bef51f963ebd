package io.clientele.application.port.out;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;

import java.util.Collection;
import java.util.Map;

/** Who holds which identifier: the database's unique key is the single source of truth. */
public interface IdentifierIndex {

    /** The holders of those keys that are held; keys nobody holds are absent from the map. */
    Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys);
}
