package io.clientele.application.service;

import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PatchCustomerCommand;
import io.clientele.application.port.in.UpdateCustomerUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;

/** Partial updates of one customer (an absorbed id leads to its survivor), under its row lock and version check. */
@Singleton
public class UpdateCustomerService implements UpdateCustomerUseCase {

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final FindCustomersService finder;
    private final CustomerEdits edits;
    private final PushDeviceMoves deviceMoves;
    private final Transactions transactions;
    private final Clock clock;

    public UpdateCustomerService(TenantDirectory tenants, CustomerStore customers, FindCustomersService finder,
                                 CustomerEdits edits, PushDeviceMoves deviceMoves, Transactions transactions,
                                 Clock clock) {
        this.finder = finder;
        this.tenants = tenants;
        this.customers = customers;
        this.edits = edits;
        this.deviceMoves = deviceMoves;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Customer patch(PatchCustomerCommand command) {
        tenants.require(command.tenantId());
        CustomerChanges changes = edits.prepare(command.tenantId(), command.changes());
        return transactions.inTransaction(() -> {
            Customer customer = finder.lockCurrent(command.tenantId(), command.customerId(),
                    command.expectedVersion());
            Instant now = clock.now();
            edits.apply(customer, changes, command.source(), command.actor(), now);
            if (customer.hasChanges()) {
                List<Customer> losers = deviceMoves.takeFromOthers(command.tenantId(), customer, List.of(),
                        command.actor(), command.source(), now);
                customers.save(customer);
                losers.forEach(customers::save);
            }
            return customer;
        });
    }
}
