package io.clientele.application.port.in;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;

/** Reads of single customers. Deleted and forgotten customers don't exist for reads. */
public interface FindCustomersUseCase {

    /**
     * The customer with this id; for an absorbed (merged) id, the customer it was merged into.
     *
     * @throws io.clientele.domain.shared.NotFoundException when there is no such readable customer
     */
    Customer get(TenantId tenantId, CustomerId id);

    /**
     * @throws io.clientele.domain.shared.NotFoundException when nobody holds the identifier
     * @throws io.clientele.domain.shared.ValidationException when the value cannot be an identifier of that type
     */
    Customer lookup(LookupCustomerQuery query);

    /** @throws io.clientele.domain.shared.ValidationException for a bad limit or cursor */
    CustomerPage list(ListCustomersQuery query);

    /** The change history of a readable customer and of every record merged into it, oldest first. */
    java.util.List<HistoryEntry> history(TenantId tenantId, CustomerId id);
}
