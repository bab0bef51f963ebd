package io.clientele.application.service;

import io.clientele.application.port.in.IdentifierCommand;
import io.clientele.application.port.in.ManageIdentifiersUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.tenant.Tenant;
import jakarta.inject.Singleton;

import java.util.List;

/** Adds and removes single identifiers of a known customer. */
@Singleton
public class IdentifierService implements ManageIdentifiersUseCase {

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final IdentifierIndex identifierIndex;
    private final FindCustomersService finder;
    private final Transactions transactions;
    private final Clock clock;

    public IdentifierService(TenantDirectory tenants, CustomerStore customers, IdentifierIndex identifierIndex,
                             FindCustomersService finder, Transactions transactions, Clock clock) {
        this.finder = finder;
        this.tenants = tenants;
        this.customers = customers;
        this.identifierIndex = identifierIndex;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public Customer add(IdentifierCommand command) {
        Identifier identifier = normalize(command);
        return transactions.inTransaction(() -> {
            Customer customer = lockActive(command);
            CustomerId holder = identifierIndex.holders(command.tenantId(), List.of(identifier.key()))
                    .get(identifier.key());
            if (holder != null && !holder.equals(customer.id())) {
                if (customers.findById(command.tenantId(), holder).filter(Customer::isActive).isEmpty()) {
                    // a deleted customer's identifiers stay reserved: "remove it there first" can't be done, and
                    // its id is gone from every read
                    throw new ConflictException("identifier-reserved",
                            "the identifier belonged to a customer that was deleted and stays reserved");
                }
                throw IdentifierConflictException.heldBy(holder.value());
            }
            customer.changedBy(command.actor(), command.defaultSource());
            customer.addIdentifiers(List.of(identifier), clock.now());
            if (customer.hasChanges()) {
                customers.save(customer);
            }
            return customer;
        });
    }

    @Override
    public Customer remove(IdentifierCommand command) {
        Identifier identifier = normalize(command);
        return transactions.inTransaction(() -> {
            Customer customer = lockActive(command);
            customer.changedBy(command.actor(), command.defaultSource());
            if (!customer.removeIdentifier(identifier.key(), clock.now())) {
                throw new NotFoundException("identifier-not-found", "customer " + customer.id()
                        + " has no such " + identifier.type().label());
            }
            customers.save(customer);
            return customer;
        });
    }

    private Identifier normalize(IdentifierCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        return IdentifierInputs.normalize(List.of(command.identifier()), tenant, command.defaultSource(), "",
                false).get(0);
    }

    private Customer lockActive(IdentifierCommand command) {
        return finder.lockCurrent(command.tenantId(), command.customerId());
    }
}
