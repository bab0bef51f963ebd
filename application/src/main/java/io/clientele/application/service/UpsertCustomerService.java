package io.clientele.application.service;

import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.MergeJournal;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.merge.MergeReason;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Resolves the identifiers of a write and creates, updates or merges the customers they name (DOMAIN.md "Identity
 * rules" 3 and 4).
 *
 * <p>Concurrency: nothing is locked before it exists. A new customer is inserted with its identifiers and the
 * database's unique key on (tenant, type, value) decides who was first; the loser's transaction is retried and then
 * finds the winner's customer. Existing holders are locked (FOR UPDATE) in id order, so two writes over the same
 * customers can't deadlock each other, and re-checked: a holder merged away meanwhile means the resolution was stale,
 * and the transaction is run again.
 */
@Singleton
public class UpsertCustomerService implements UpsertCustomerUseCase {

    /** Oldest first: earliest creation time, ties broken by id (UUIDv7 ids are time-ordered too). */
    static final Comparator<Customer> OLDEST_FIRST = Comparator.comparing(Customer::createdAt)
            .thenComparing(c -> c.id().value());

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final IdentifierIndex identifierIndex;
    private final MergeJournal journal;
    private final CustomerEdits edits;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public UpsertCustomerService(TenantDirectory tenants, CustomerStore customers, IdentifierIndex identifierIndex,
                                 MergeJournal journal, CustomerEdits edits, Transactions transactions,
                                 IdGenerator ids, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.identifierIndex = identifierIndex;
        this.journal = journal;
        this.edits = edits;
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
        CustomerChanges changes = edits.prepare(tenant.id(), command.changes());
        return command.dryRun()
                ? transactions.dryRun(() -> upsertOnce(tenant, identifiers, changes, command))
                : transactions.inTransaction(() -> upsertOnce(tenant, identifiers, changes, command));
    }

    private UpsertResult upsertOnce(Tenant tenant, List<Identifier> identifiers, CustomerChanges changes,
                                    UpsertCustomerCommand command) {
        Instant now = clock.now();
        List<IdentifierKey> keys = identifiers.stream().map(Identifier::key).toList();
        Map<IdentifierKey, CustomerId> holders = identifierIndex.holders(tenant.id(), keys);
        TreeSet<String> holderIds = new TreeSet<>();
        holders.values().forEach(id -> holderIds.add(id.value()));

        if (holderIds.isEmpty()) {
            Customer created = Customer.create(CustomerId.of(ids.newId()), tenant.id(), Profile.empty(),
                    identifiers, now);
            edits.apply(created, changes, command.defaultSource(), command.actor(), now);
            customers.save(created);
            return new UpsertResult(UpsertResult.Outcome.CREATED, created, List.of());
        }
        List<Customer> locked = lockHolders(tenant, holderIds);
        if (locked.size() > 1 && tenant.mergePolicy() == MergePolicy.REJECT) {
            throw new IdentifierConflictException(List.copyOf(holderIds));
        }
        locked.sort(OLDEST_FIRST);
        Customer survivor = locked.get(0);
        List<PendingMerge> merges = new ArrayList<>();
        for (Customer absorbed : locked.subList(1, locked.size())) {
            merges.add(PendingMerge.absorb(ids.newId(), survivor, absorbed, MergeReason.SHARED_IDENTIFIERS,
                    command.actor(), now));
        }
        survivor.addIdentifiers(identifiers, now);
        edits.apply(survivor, changes, command.defaultSource(), command.actor(), now);
        for (PendingMerge merge : merges) {
            merge.absorbed().changedBy(command.actor(), command.defaultSource());
            customers.save(merge.absorbed());
        }
        if (survivor.hasChanges()) {
            customers.save(survivor);
        }
        merges.forEach(merge -> journal.record(merge.journalEntry()));
        return merges.isEmpty()
                ? new UpsertResult(UpsertResult.Outcome.UPDATED, survivor, List.of())
                : new UpsertResult(UpsertResult.Outcome.MERGED, survivor,
                merges.stream().map(m -> m.absorbed().id()).toList());
    }

    /** Locks the holders in id order and checks that each can take part in this write. */
    private List<Customer> lockHolders(Tenant tenant, TreeSet<String> holderIds) {
        List<Customer> locked = new ArrayList<>();
        for (String holderId : holderIds) {
            Customer holder = customers.lockById(tenant.id(), CustomerId.of(holderId))
                    .orElseThrow(() -> new RetryableConflictException("holder of the identifiers vanished", null));
            if (holder.state() == LifecycleState.MERGED) {
                // merged away after we read the index: its identifiers live elsewhere now
                throw new RetryableConflictException("holder " + holderId + " was merged concurrently", null);
            }
            if (!holder.isActive()) {
                throw new ConflictException("identifier-reserved",
                        "an identifier of this write belongs to a customer that is " + holder.state()
                                + " and can't be written to");
            }
            locked.add(holder);
        }
        return locked;
    }
}
