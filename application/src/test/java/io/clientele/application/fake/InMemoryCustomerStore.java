package io.clientele.application.fake;

import io.clientele.application.port.out.CustomerFilter;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.domain.customer.ChangeRecord;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;

import java.util.ArrayList;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The customer tables in memory. Behaves like the database where the services depend on it:
 * <ul>
 *   <li>it keeps snapshots, never the caller's aggregate: a loaded customer is a fresh copy, so changes the caller
 *       makes and doesn't save are not seen by anyone (as after a rollback);</li>
 *   <li>{@link #save} checks the loaded version ({@code UPDATE ... WHERE version = ?}) and the unique key on
 *       (tenant, type, value) for every added identifier, and throws {@link RetryableConflictException} when
 *       either fails, before changing anything;</li>
 *   <li>a saved push token is taken from the customer who held it (the table's key is the token);</li>
 *   <li>every call is scoped to one tenant.</li>
 * </ul>
 * Tests can make the next saves fail ({@link #failNextSaves}) or let a "concurrent writer" act just before the next
 * save ({@link #beforeNextSave}).
 */
public class InMemoryCustomerStore implements CustomerStore, IdentifierIndex, ImmediateTransactions.Participant {

    private final Map<TenantId, Map<CustomerId, Customer>> customers = new HashMap<>();
    private final Map<TenantId, Map<IdentifierKey, CustomerId>> index = new HashMap<>();
    private final List<Customer> saved = new ArrayList<>();
    private final Map<Customer, ChangeRecord> historyOf = new java.util.IdentityHashMap<>();
    private int failingSaves;
    private final List<Integer> saveAllSizes = new ArrayList<>();
    private Runnable beforeNextSave;

    // ---- CustomerStore

    @Override
    public synchronized Optional<Customer> findById(TenantId tenantId, CustomerId id) {
        return Optional.ofNullable(customers(tenantId).get(id)).map(InMemoryCustomerStore::copy);
    }

    @Override
    public synchronized Optional<Customer> lockById(TenantId tenantId, CustomerId id) {
        return findById(tenantId, id);
    }

    @Override
    public synchronized Optional<Customer> findByIdentifier(TenantId tenantId, IdentifierKey key) {
        CustomerId holder = index(tenantId).get(key);
        return holder == null ? Optional.empty() : findById(tenantId, holder);
    }

    @Override
    public synchronized void save(Customer customer) {
        Runnable concurrentWriter = beforeNextSave;
        if (concurrentWriter != null) {
            beforeNextSave = null;
            concurrentWriter.run();
        }
        if (failingSaves > 0) {
            failingSaves--;
            throw new RetryableConflictException("simulated: a concurrent transaction won", null);
        }
        Map<CustomerId, Customer> rows = customers(customer.tenantId());
        Map<IdentifierKey, CustomerId> keys = index(customer.tenantId());
        Customer stored = rows.get(customer.id());
        if (customer.isNew()) {
            if (stored != null) {
                throw new RetryableConflictException("duplicate customer id " + customer.id(), null);
            }
        } else if (stored == null || stored.loadedVersion() != customer.loadedVersion()) {
            throw new RetryableConflictException("customer " + customer.id() + " changed concurrently", null);
        }
        for (Identifier identifier : customer.addedIdentifiers()) {
            if (keys.containsKey(identifier.key())) {
                throw new RetryableConflictException("an identifier was claimed by a concurrent write", null);
            }
        }
        for (Identifier identifier : customer.movedInIdentifiers()) {
            if (!keys.containsKey(identifier.key())) {
                throw new RetryableConflictException("an identifier to take over vanished concurrently", null);
            }
        }
        Customer snapshot = copy(customer);
        rows.put(snapshot.id(), snapshot);
        historyOf.put(snapshot, customer.pendingChange());
        for (Identifier identifier : customer.addedIdentifiers()) {
            keys.put(identifier.key(), customer.id());
        }
        for (Identifier identifier : customer.movedInIdentifiers()) {
            CustomerId previous = keys.put(identifier.key(), customer.id());
            Customer previousHolder = rows.get(previous);
            if (previousHolder != null && !previous.equals(customer.id())
                    && previousHolder.identifier(identifier.key()) != null) {
                // the customer giving it up is saved in the same unit (merge/revert); keep its stored copy in step
                rows.put(previous, withoutIdentifier(previousHolder, identifier.key()));
            }
        }
        for (IdentifierKey key : customer.removedIdentifiers()) {
            keys.remove(key, customer.id());
        }
        // a device token belongs to one customer: saving it here takes it from whoever held it (the table's key)
        for (PushSubscription push : customer.savedPushSubscriptions()) {
            rows.replaceAll((id, other) -> id.equals(customer.id()) ? other : withoutPush(other, push.key()));
        }
        saved.add(snapshot);
    }

    private static Customer withoutIdentifier(Customer stored, IdentifierKey key) {
        return Customer.reconstitute(stored.id(), stored.tenantId(), stored.state(), stored.loadedVersion(),
                stored.profile(), stored.identifiers().stream().filter(i -> !i.key().equals(key)).toList(),
                stored.createdAt(), stored.updatedAt(), stored.mergedInto(), stored.details(), stored.consents(),
                stored.pushSubscriptions());
    }

    private static Customer withoutPush(Customer stored, String device) {
        if (stored.pushSubscriptions().stream().noneMatch(p -> p.key().equals(device))) {
            return stored;
        }
        return Customer.reconstitute(stored.id(), stored.tenantId(), stored.state(), stored.loadedVersion(),
                stored.profile(), stored.identifiers(), stored.createdAt(), stored.updatedAt(), stored.mergedInto(),
                stored.details(), stored.consents(),
                stored.pushSubscriptions().stream().filter(p -> !p.key().equals(device)).toList());
    }

    /** Saves them one by one (the port's default) and notes how many came together. */
    @Override
    public synchronized void saveAll(List<Customer> many) {
        saveAllSizes.add(many.size());
        CustomerStore.super.saveAll(many);
    }

    /** The sizes of the {@link #saveAll} calls so far, in order. */
    public synchronized List<Integer> saveAllSizes() {
        return List.copyOf(saveAllSizes);
    }

    // ---- rollback

    private record Checkpoint(Map<TenantId, Map<CustomerId, Customer>> customers,
                              Map<TenantId, Map<IdentifierKey, CustomerId>> index, int savedCount) {
    }

    @Override
    public synchronized Object checkpoint() {
        Map<TenantId, Map<CustomerId, Customer>> customersCopy = new HashMap<>();
        customers.forEach((t, m) -> customersCopy.put(t, new LinkedHashMap<>(m)));
        Map<TenantId, Map<IdentifierKey, CustomerId>> indexCopy = new HashMap<>();
        index.forEach((t, m) -> indexCopy.put(t, new HashMap<>(m)));
        return new Checkpoint(customersCopy, indexCopy, saved.size());
    }

    @Override
    public synchronized void restore(Object checkpoint) {
        Checkpoint restored = (Checkpoint) checkpoint;
        customers.clear();
        restored.customers().forEach((t, m) -> customers.put(t, new LinkedHashMap<>(m)));
        index.clear();
        restored.index().forEach((t, m) -> index.put(t, new HashMap<>(m)));
        while (saved.size() > restored.savedCount()) {
            saved.remove(saved.size() - 1);
        }
    }

    @Override
    public synchronized List<Customer> list(CustomerFilter filter, String afterId, int limit) {
        return customers(filter.tenantId()).values().stream()
                .filter(Customer::isActive)
                .filter(c -> afterId == null || c.id().value().compareTo(afterId) > 0)
                .filter(c -> filter.tag() == null || c.details().tags().contains(filter.tag()))
                .filter(c -> filter.mailingList() == null || c.details().mailingLists().contains(filter.mailingList()))
                .filter(c -> filter.grantedConsent() == null || c.consents().isGranted(filter.grantedConsent()))
                .filter(c -> filter.canonicalId() == null || filter.canonicalId().equals(c.details().canonicalId()))
                .sorted(java.util.Comparator.comparing(c -> c.id().value()))
                .limit(limit)
                .map(InMemoryCustomerStore::copy)
                .toList();
    }

    @Override
    public synchronized List<CustomerId> mergedInto(TenantId tenantId, Collection<CustomerId> survivorIds) {
        return customers(tenantId).values().stream().filter(c -> survivorIds.contains(c.mergedInto()))
                .map(Customer::id).toList();
    }

    @Override
    public synchronized Map<CustomerId, List<ChangeRecord>> histories(TenantId tenantId, Collection<CustomerId> ids) {
        Map<CustomerId, List<ChangeRecord>> histories = new java.util.LinkedHashMap<>();
        for (CustomerId id : ids) {
            List<ChangeRecord> history = saved.stream().filter(c -> c.tenantId().equals(tenantId) && c.id().equals(id))
                    .map(c -> historyOf.get(c)).filter(java.util.Objects::nonNull).toList();
            if (!history.isEmpty()) {
                histories.put(id, history);
            }
        }
        return histories;
    }

    @Override
    public synchronized void claimDevices(TenantId tenantId, Map<String, CustomerId> devices, Instant at) {
        // like the table's key: a device held by anyone, the claimant included, is a duplicate
        if (!deviceHolders(tenantId, devices.keySet()).isEmpty()) {
            throw new RetryableConflictException("a push device was claimed by a concurrent write", null);
        }
    }

    // ---- IdentifierIndex

    @Override
    public synchronized Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
        Map<IdentifierKey, CustomerId> held = new LinkedHashMap<>();
        Map<IdentifierKey, CustomerId> tenantIndex = index(tenantId);
        for (IdentifierKey key : keys) {
            CustomerId holder = tenantIndex.get(key);
            if (holder != null) {
                held.put(key, holder);
            }
        }
        return held;
    }

    @Override
    public synchronized Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys) {
        Map<String, CustomerId> held = new LinkedHashMap<>();
        for (Customer customer : all(tenantId)) {
            customer.pushSubscriptions().stream().filter(push -> deviceKeys.contains(push.key()))
                    .forEach(push -> held.put(push.key(), customer.id()));
        }
        return held;
    }

    // ---- for tests

    /**
     * Puts a customer in as it would be stored (any state, any version; its identifiers claimed), bypassing the
     * checks of {@link #save}. For customers the services can't produce yet (merged, deleted, ...).
     */
    public synchronized void seed(Customer customer) {
        Customer snapshot = copy(customer);
        customers(snapshot.tenantId()).put(snapshot.id(), snapshot);
        for (Identifier identifier : snapshot.identifiers()) {
            CustomerId previous = index(snapshot.tenantId()).putIfAbsent(identifier.key(), snapshot.id());
            if (previous != null && !previous.equals(snapshot.id())) {
                throw new IllegalStateException("seeded identifier already held by " + previous);
            }
        }
    }

    /** The next {@code count} saves throw {@link RetryableConflictException} without writing anything. */
    public synchronized void failNextSaves(int count) {
        this.failingSaves = count;
    }

    /** Runs {@code concurrentWriter} once, at the start of the next save (it may itself save). */
    public synchronized void beforeNextSave(Runnable concurrentWriter) {
        this.beforeNextSave = concurrentWriter;
    }

    /** Successful saves, in order (snapshots as stored). */
    public synchronized List<Customer> saved() {
        return List.copyOf(saved);
    }

    public synchronized int saveCount() {
        return saved.size();
    }

    /** Every stored customer of a tenant (copies). */
    public synchronized List<Customer> all(TenantId tenantId) {
        return customers(tenantId).values().stream().map(InMemoryCustomerStore::copy).toList();
    }

    public synchronized int count(TenantId tenantId) {
        return customers(tenantId).size();
    }

    /** The stored version of a customer (what the version column holds). */
    public synchronized long versionOf(TenantId tenantId, CustomerId id) {
        Customer stored = customers(tenantId).get(id);
        if (stored == null) {
            throw new IllegalArgumentException("no customer " + id);
        }
        return stored.loadedVersion();
    }

    private Map<CustomerId, Customer> customers(TenantId tenantId) {
        return customers.computeIfAbsent(tenantId, t -> new LinkedHashMap<>());
    }

    private Map<IdentifierKey, CustomerId> index(TenantId tenantId) {
        return index.computeIfAbsent(tenantId, t -> new HashMap<>());
    }

    /** A stored copy: the customer with its pending changes applied, at the version they give it. */
    private static Customer copy(Customer customer) {
        return Customer.reconstitute(customer.id(), customer.tenantId(), customer.state(), customer.version(),
                customer.profile(), customer.identifiers(), customer.createdAt(), customer.updatedAt(),
                customer.mergedInto(), customer.details(), customer.consents(), customer.pushSubscriptions());
    }
}
