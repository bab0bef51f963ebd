package io.clientele.application.service;

import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.Tenant;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves the identifiers of a write and creates or updates the one customer they name.
 *
 * <p>Concurrency: nothing is locked before it exists. A new customer is inserted with its identifiers and the
 * database's unique key on (tenant, type, value) decides who was first; the loser's transaction is retried and then
 * finds the winner's customer and updates it. An existing customer is locked (FOR UPDATE) before it is changed.
 */
@Singleton
public class UpsertCustomerService implements UpsertCustomerUseCase {

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final IdentifierIndex identifierIndex;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public UpsertCustomerService(TenantDirectory tenants, CustomerStore customers, IdentifierIndex identifierIndex,
                                 Transactions transactions, IdGenerator ids, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.identifierIndex = identifierIndex;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public UpsertResult upsert(UpsertCustomerCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        List<Identifier> identifiers = IdentifierInputs.normalize(command.identifiers(), tenant,
                command.defaultSource(), command.identifierPointer());
        if (identifiers.isEmpty()) {
            throw ValidationException.of(command.identifierPointer(), "identifier-required",
                    "at least one identifier (email, phone, externalId, ...) is needed to find or create the customer");
        }
        return transactions.inTransaction(() -> upsertOnce(tenant, identifiers, command));
    }

    private UpsertResult upsertOnce(Tenant tenant, List<Identifier> identifiers, UpsertCustomerCommand command) {
        Instant now = clock.now();
        List<IdentifierKey> keys = identifiers.stream().map(Identifier::key).toList();
        Map<IdentifierKey, CustomerId> holders = identifierIndex.holders(tenant.id(), keys);
        TreeSet<String> holderIds = new TreeSet<>();
        holders.values().forEach(id -> holderIds.add(id.value()));

        if (holderIds.isEmpty()) {
            Customer created = Customer.create(CustomerId.of(ids.newId()), tenant.id(),
                    new Profile(command.profile().set()), identifiers, now);
            customers.save(created);
            return new UpsertResult(UpsertResult.Outcome.CREATED, created, List.of());
        }
        if (holderIds.size() > 1) {
            throw new IdentifierConflictException(List.copyOf(holderIds));
        }
        CustomerId holderId = CustomerId.of(holderIds.first());
        Customer customer = customers.lockById(tenant.id(), holderId)
                .orElseThrow(() -> new RetryableConflictException("holder of the identifiers vanished", null));
        if (!customer.isActive()) {
            throw new ConflictException("identifier-reserved",
                    "an identifier of this write belongs to a customer that is " + customer.state()
                            + " and can't be written to");
        }
        customer.addIdentifiers(identifiers, now);
        customer.applyProfile(command.profile(), now);
        if (customer.hasChanges()) {
            customers.save(customer);
        }
        return new UpsertResult(UpsertResult.Outcome.UPDATED, customer, List.of());
    }
}
