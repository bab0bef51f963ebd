package io.clientele.application.port.out;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;

import java.util.Optional;

/** Loads and saves the customer aggregate. Every call is scoped to one tenant. */
public interface CustomerStore {

    /** The customer in whatever state, without locking. */
    Optional<Customer> findById(TenantId tenantId, CustomerId id);

    /** The customer, locked for update until the transaction ends. */
    Optional<Customer> lockById(TenantId tenantId, CustomerId id);

    /** The customer holding this identifier, if any. */
    Optional<Customer> findByIdentifier(TenantId tenantId, IdentifierKey key);

    /**
     * Writes a new customer or the pending changes of a loaded one (checking its loaded version): claims its added
     * identifiers, re-points the ones moved in (merge, revert), updates changed ones and deletes removed ones.
     *
     * @throws RetryableConflictException when an identifier was claimed or the version moved concurrently
     */
    void save(Customer customer);

    /**
     * Takes push devices that nobody holds for these customers (by device key), before the customers are saved: a
     * device another write took meanwhile, even one not committed yet, is a conflict rather than silently taken over
     * from it. The customers' save then writes the devices in full.
     *
     * @throws RetryableConflictException when another write holds one of the devices by now
     */
    void claimDevices(TenantId tenantId, java.util.Map<String, CustomerId> devices, java.time.Instant at);

    /**
     * Customers locked for update until the transaction ends, in id order (the order every writer locks in); ids
     * that don't exist are left out.
     */
    default java.util.List<Customer> lockAll(TenantId tenantId, java.util.Collection<CustomerId> ids) {
        java.util.List<Customer> locked = new java.util.ArrayList<>();
        ids.stream().map(CustomerId::value).sorted().distinct()
                .forEach(id -> lockById(tenantId, CustomerId.of(id)).ifPresent(locked::add));
        return locked;
    }

    /**
     * {@link #save} for many customers that share no identifier, in as few round trips as the store can manage.
     *
     * @throws RetryableConflictException when an identifier was claimed or a version moved concurrently
     */
    default void saveAll(java.util.List<Customer> customers) {
        customers.forEach(this::save);
    }

    /**
     * Active customers matching the filter with ids greater than {@code afterId}, in id order, at most {@code limit}.
     */
    java.util.List<Customer> list(CustomerFilter filter, String afterId, int limit);

    /**
     * The customers merged directly into any of {@code survivorIds} (one round of a walk down merge chains: a
     * customer that absorbed thousands of records costs a few statements, not one per record).
     */
    java.util.List<CustomerId> mergedInto(TenantId tenantId, java.util.Collection<CustomerId> survivorIds);

    /** The change histories of these customers, each oldest first; a customer without changes is left out. */
    java.util.Map<CustomerId, java.util.List<io.clientele.domain.customer.ChangeRecord>> histories(
            TenantId tenantId, java.util.Collection<CustomerId> ids);

    /** The change history of a customer, oldest first. */
    default java.util.List<io.clientele.domain.customer.ChangeRecord> history(TenantId tenantId, CustomerId id) {
        return histories(tenantId, java.util.List.of(id)).getOrDefault(id, java.util.List.of());
    }
}
