package io.clientele.application.port.in;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;

/** Delete, forget (GDPR erasure) and export (GDPR access). Delete and forget are irreversible. */
public interface ManageLifecycleUseCase {

    /**
     * Removes the customer from every read; its identifiers stay reserved (a later write naming one is refused).
     *
     * @param expectedVersion If-Match, or null
     * @throws io.clientele.domain.shared.NotFoundException when there is no such active customer
     */
    void delete(TenantId tenantId, CustomerId customerId, Long expectedVersion, String actor, String source);

    /**
     * Erases every personal datum of the customer and of every record merged into it, releasing its identifiers.
     *
     * @throws io.clientele.domain.shared.NotFoundException when there is no such customer (or it is gone already)
     */
    ErasureReceipt forget(TenantId tenantId, CustomerId customerId, String actor, String source);

    /**
     * Forgets every customer holding one of these identifiers, active or deleted (a deleted customer's identifiers
     * stay reserved until it is forgotten). An invalid identifier, or one nobody holds, names nobody.
     *
     * @return one receipt per customer forgotten, in the order of the identifiers; none when nobody held them
     */
    java.util.List<ErasureReceipt> forgetHoldersOf(TenantId tenantId, java.util.List<IdentifierInput> identifiers,
                                                   String actor, String source);

    CustomerExport export(TenantId tenantId, CustomerId customerId);
}
