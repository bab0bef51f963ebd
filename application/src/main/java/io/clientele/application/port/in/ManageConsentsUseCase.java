package io.clientele.application.port.in;

import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;

/** The consent ledger: append events, read state and history. Nothing updates or deletes an event. */
public interface ManageConsentsUseCase {

    /** Appends one event; returns the customer with it. */
    Customer record(TenantId tenantId, CustomerId customerId, ConsentInput consent, String actor);

    ConsentLedger ledger(TenantId tenantId, CustomerId customerId);
}
