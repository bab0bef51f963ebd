package io.clientele.application.service;

import io.clientele.application.port.in.CustomerPage;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.ListCustomersQuery;
import io.clientele.application.port.out.CustomerFilter;
import io.clientele.application.port.in.HistoryEntry;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Reads of single customers: by id (following merges to the survivor) and by identifier. */
@Singleton
public class FindCustomersService implements FindCustomersUseCase {

    /** Merge chains are short; the bound only guards against a corrupt cycle. */
    private static final int MAX_MERGE_HOPS = 32;
    /** Cursors are customer ids (UUIDs): stable under concurrent inserts, which land before or after, never twice. */
    private static final java.util.regex.Pattern CURSOR = java.util.regex.Pattern.compile("[0-9a-f-]{1,64}");

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final Transactions transactions;

    public FindCustomersService(TenantDirectory tenants, CustomerStore customers, Transactions transactions) {
        this.tenants = tenants;
        this.customers = customers;
        this.transactions = transactions;
    }

    @Override
    public Customer get(TenantId tenantId, CustomerId id) {
        return transactions.readOnly(() -> readable(tenantId, customers.findById(tenantId, id)))
                .orElseThrow(() -> CustomerNotFound.byId(id));
    }

    /**
     * Inside a write's transaction: the customer an id names now, locked. An absorbed id leads to its survivor, as a
     * read does (DOMAIN.md rule 4), so a client holding an id from before a merge writes to the person it meant;
     * a deleted or forgotten one is not found. Locks first (one statement for the usual, active customer), then
     * follows the chain under the locks, so a merge committed meanwhile is followed too.
     */
    Customer lockCurrent(TenantId tenantId, CustomerId id) {
        return follow(customers.lockById(tenantId, id), next -> customers.lockById(tenantId, next))
                .filter(Customer::isActive)
                .orElseThrow(() -> CustomerNotFound.byId(id));
    }

    /**
     * {@link #lockCurrent(TenantId, CustomerId)} for a write with a precondition ({@code If-Match}): the version is
     * checked on the customer locked; through an absorbed id a precondition fails, as its versions and the survivor's
     * can't be told apart.
     */
    Customer lockCurrent(TenantId tenantId, CustomerId id, Long expectedVersion) {
        Customer current = lockCurrent(tenantId, id);
        if (expectedVersion != null && !current.id().equals(id)) {
            throw VersionMismatchException.mergedAway(id.value(), current.id().value(), current.loadedVersion());
        }
        current.expectVersion(expectedVersion);
        return current;
    }

    @Override
    public Customer lookup(LookupCustomerQuery query) {
        Tenant tenant = tenants.require(query.tenantId());
        // the query parameters are named like the fields of an identifier in a document
        List<Identifier> identifier = IdentifierInputs.normalize(
                List.of(new IdentifierInput(query.type(), query.name(), query.value(), null, null, null, null, null)),
                tenant, null, "", false);
        return transactions.readOnly(() -> readable(tenant.id(),
                        customers.findByIdentifier(tenant.id(), identifier.get(0).key())))
                .orElseThrow(() -> CustomerNotFound.byIdentifier(identifier.get(0).type().label()));
    }

    @Override
    public CustomerPage list(ListCustomersQuery query) {
        tenants.require(query.tenantId());
        if (query.limit() < 1 || query.limit() > ListCustomersQuery.MAX_LIMIT) {
            throw ValidationException.of("/limit", "out-of-range",
                    "limit must be between 1 and " + ListCustomersQuery.MAX_LIMIT);
        }
        if (query.cursor() != null && !CURSOR.matcher(query.cursor()).matches()) {
            throw ValidationException.of("/cursor", "invalid-cursor", "cursor is not one this API handed out");
        }
        CustomerFilter filter = new CustomerFilter(query.tenantId(), query.tag(), query.mailingList(),
                query.consent(), query.canonicalId());
        // one more than asked tells whether another page exists
        List<Customer> found = transactions.readOnly(() -> customers.list(filter, query.cursor(), query.limit() + 1));
        boolean more = found.size() > query.limit();
        List<Customer> page = more ? found.subList(0, query.limit()) : found;
        return new CustomerPage(page, more ? page.get(page.size() - 1).id().value() : null);
    }

    @Override
    public List<HistoryEntry> history(TenantId tenantId, CustomerId id) {
        Customer customer = get(tenantId, id);
        return transactions.readOnly(() -> historyOf(tenantId, mergedClosure(tenantId, customer.id())));
    }

    /**
     * The histories of these records (a customer and those merged into it, {@link #mergedClosure}), oldest first
     * (call in a transaction).
     */
    List<HistoryEntry> historyOf(TenantId tenantId, Set<String> members) {
        List<HistoryEntry> entries = new ArrayList<>();
        customers.histories(tenantId, members.stream().map(CustomerId::of).toList()).forEach((memberId, changes) ->
                changes.forEach(change -> entries.add(new HistoryEntry(memberId, change))));
        // by time; a tie keeps each record's own order, and the records' order by id (as the walk gave them before)
        entries.sort(Comparator.comparing((HistoryEntry entry) -> entry.change().at())
                .thenComparing(entry -> entry.customerId().value()));
        return entries;
    }

    /** The customer's id and the ids of every record merged into it, directly or through a chain. */
    TreeSet<String> mergedClosure(TenantId tenantId, CustomerId target) {
        TreeSet<String> ids = new TreeSet<>();
        // level by level: one statement (or a few, for thousands) per step down the chains
        List<CustomerId> level = List.of(target);
        while (!level.isEmpty()) {
            List<CustomerId> fresh = level.stream().filter(id -> ids.add(id.value())).toList();
            level = fresh.isEmpty() ? List.of() : customers.mergedInto(tenantId, fresh);
        }
        return ids;
    }

    private Optional<Customer> readable(TenantId tenantId, Optional<Customer> found) {
        return followMerges(tenantId, found).filter(Customer::isActive);
    }

    /**
     * Where an id leads: the customer itself, or for an absorbed (MERGED) one the customer it was merged into, through
     * chains; the result is in any state but MERGED. Empty for a missing customer or a broken chain.
     */
    Optional<Customer> followMerges(TenantId tenantId, Optional<Customer> found) {
        return follow(found, next -> customers.findById(tenantId, next));
    }

    /** {@link #followMerges}, each step loaded by {@code load} (read, or locked inside a write). */
    private static Optional<Customer> follow(Optional<Customer> found,
                                             java.util.function.Function<CustomerId, Optional<Customer>> load) {
        Optional<Customer> current = found;
        for (int hop = 0; hop < MAX_MERGE_HOPS && current.isPresent(); hop++) {
            Customer customer = current.get();
            if (customer.state() != LifecycleState.MERGED) {
                return current;
            }
            if (customer.mergedInto() == null) {
                return Optional.empty();
            }
            current = load.apply(customer.mergedInto());
        }
        return Optional.empty();
    }
}
