package io.clientele.application.service;

import io.clientele.application.port.in.MergeCustomersCommand;
import io.clientele.application.port.in.MergeCustomersUseCase;
import io.clientele.application.port.in.MergeResult;
import io.clientele.application.port.in.RevertResult;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.MergeJournal;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Explicit merges and reverts. Both customers are locked in id order (never survivor-first), so crossing merges
 * A←B and B←A queue behind each other instead of deadlocking; the second then finds its customer merged and is
 * refused.
 */
@Singleton
public class MergeCustomersService implements MergeCustomersUseCase {

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final MergeJournal journal;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public MergeCustomersService(TenantDirectory tenants, CustomerStore customers, MergeJournal journal,
                                 Transactions transactions, IdGenerator ids, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.journal = journal;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public MergeResult merge(MergeCustomersCommand command) {
        tenants.require(command.tenantId());
        if (command.survivorId().equals(command.absorbedId())) {
            throw ValidationException.of("/absorbedId", "merge-with-itself", "a customer can't absorb itself");
        }
        return command.dryRun()
                ? transactions.dryRun(() -> mergeOnce(command))
                : transactions.inTransaction(() -> mergeOnce(command));
    }

    private MergeResult mergeOnce(MergeCustomersCommand command) {
        Instant now = clock.now();
        Map<CustomerId, Customer> locked = lockInOrder(command.tenantId(), command.survivorId(), command.absorbedId());
        Customer survivor = requireMergeable(locked.get(command.survivorId()), "survivor");
        Customer absorbed = requireMergeable(locked.get(command.absorbedId()), "absorbed customer");
        PendingMerge merge = PendingMerge.absorb(ids.newId(), survivor, absorbed, MergeReason.EXPLICIT,
                command.actor(), now);
        survivor.changedBy(command.actor(), "API");
        absorbed.changedBy(command.actor(), "API");
        customers.save(absorbed);
        customers.save(survivor);
        Merge entry = merge.journalEntry();
        journal.record(entry);
        return new MergeResult(entry, survivor);
    }

    @Override
    public Merge get(TenantId tenantId, String mergeId) {
        tenants.require(tenantId);
        return transactions.readOnly(() -> journal.find(tenantId, mergeId)).orElseThrow(() -> notFound(mergeId));
    }

    @Override
    public RevertResult revert(TenantId tenantId, String mergeId, String actor) {
        tenants.require(tenantId);
        return transactions.inTransaction(() -> {
            Merge merge = journal.find(tenantId, mergeId).orElseThrow(() -> notFound(mergeId));
            Map<CustomerId, Customer> locked = lockInOrder(tenantId, merge.survivorId(), merge.absorbedId());
            Customer survivor = locked.get(merge.survivorId());
            Customer absorbed = locked.get(merge.absorbedId());
            if (survivor == null || absorbed == null) {
                throw new ConflictException("merge-not-revertible", "a customer of this merge no longer exists");
            }
            if (!merge.isReverted()) {
                journal.latestUnrevertedInto(tenantId, merge.survivorId())
                        .filter(latest -> !latest.id().equals(merge.id()))
                        .ifPresent(latest -> {
                            throw new ConflictException("merge-not-revertible", "merge " + latest.id()
                                    + " into the same survivor came later; revert it first");
                        });
            }
            // later merges into this survivor that were reverted moved its version on: expect the last revert's
            long expectedVersion = journal.latestRevertedInto(tenantId, merge.survivorId())
                    .filter(later -> later.at().compareTo(merge.at()) > 0
                            || later.at().equals(merge.at()) && later.id().compareTo(merge.id()) > 0)
                    .map(Merge::survivorVersionAfterRevert)
                    .orElse(merge.survivorVersionAfter());
            merge.checkRevertible(survivor, absorbed, expectedVersion);
            Instant now = clock.now();
            survivor.revertAbsorb(merge.survivorBefore(), merge.absorbedBefore(), now);
            absorbed.reactivate(merge.absorbedBefore(), now);
            survivor.changedBy(actor, "API");
            absorbed.changedBy(actor, "API");
            customers.save(survivor);
            customers.save(absorbed);
            Merge reverted = merge.reverted(now, actor, survivor.version());
            journal.markReverted(reverted);
            return new RevertResult(reverted, survivor, absorbed);
        });
    }

    private Map<CustomerId, Customer> lockInOrder(TenantId tenantId, CustomerId first, CustomerId second) {
        Map<CustomerId, Customer> locked = new TreeMap<>((a, b) -> a.value().compareTo(b.value()));
        locked.put(first, null);
        locked.put(second, null);
        for (CustomerId id : locked.keySet()) {
            customers.lockById(tenantId, id).ifPresent(customer -> locked.put(id, customer));
        }
        return locked;
    }

    private static Customer requireMergeable(Customer customer, String role) {
        if (customer == null || customer.state() == LifecycleState.DELETED
                || customer.state() == LifecycleState.FORGOTTEN) {
            throw new NotFoundException("customer-not-found", "the " + role + " does not exist");
        }
        if (customer.state() == LifecycleState.MERGED) {
            throw new ConflictException("customer-already-merged", "the " + role + " " + customer.id()
                    + " was merged into " + customer.mergedInto() + " already");
        }
        return customer;
    }

    private static NotFoundException notFound(String mergeId) {
        return new NotFoundException("merge-not-found", "merge " + mergeId + " does not exist");
    }
}
