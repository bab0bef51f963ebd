package io.clientele.application.port.out;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;

import java.util.Collection;
import java.util.Map;

/**
 * Who holds which identifier, and which push device: the database's unique keys are the single source of truth.
 */
public interface IdentifierIndex {

    /** The holders of those keys that are held; keys nobody holds are absent from the map. */
    Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys);

    /**
     * The holders of those push devices that are held, by device key ({@code provider:token}, see
     * {@code PushSubscription.key}); devices nobody holds are absent from the map.
     */
    Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys);
}
