package io.clientele.application.service;

import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PatchCustomerCommand;
import io.clientele.application.port.in.UpdateCustomerUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import jakarta.inject.Singleton;

/** Partial updates of one customer, under its row lock and version check. */
@Singleton
public class UpdateCustomerService implements UpdateCustomerUseCase {

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final CustomerEdits edits;
    private final Transactions transactions;
    private final Clock clock;

    public UpdateCustomerService(TenantDirectory tenants, CustomerStore customers, CustomerEdits edits,
                                 Transactions transactions, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.edits = edits;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Customer patch(PatchCustomerCommand command) {
        tenants.require(command.tenantId());
        CustomerChanges changes = edits.prepare(command.tenantId(), command.changes());
        return transactions.inTransaction(() -> {
            Customer customer = customers.lockById(command.tenantId(), command.customerId())
                    .filter(Customer::isActive)
                    .orElseThrow(() -> CustomerNotFound.byId(command.customerId()));
            customer.expectVersion(command.expectedVersion());
            edits.apply(customer, changes, command.source(), command.actor(), clock.now());
            if (customer.hasChanges()) {
                customers.save(customer);
            }
            return customer;
        });
    }
}
