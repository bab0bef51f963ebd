package io.clientele.application.service;

import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.ManageConsentsUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Appends to and reads the consent ledger of one customer. */
@Singleton
public class ConsentService implements ManageConsentsUseCase {

    private static final String NATIVE_SOURCE = "API";

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final CustomerEdits edits;
    private final FindCustomersService finder;
    private final Transactions transactions;
    private final Clock clock;

    public ConsentService(TenantDirectory tenants, CustomerStore customers, CustomerEdits edits,
                          FindCustomersService finder, Transactions transactions, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.edits = edits;
        this.finder = finder;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Customer record(TenantId tenantId, CustomerId customerId, ConsentInput consent, String actor) {
        tenants.require(tenantId);
        return transactions.inTransaction(() -> {
            Customer customer = finder.lockCurrent(tenantId, customerId);
            Instant now = clock.now();
            customer.changedBy(actor, NATIVE_SOURCE);
            customer.recordConsents(List.of(edits.consentEvent(consent, NATIVE_SOURCE, actor, now)), now);
            customers.save(customer);
            return customer;
        });
    }

    @Override
    public ConsentLedger ledger(TenantId tenantId, CustomerId customerId) {
        return finder.get(tenantId, customerId).consents();
    }
}
