package io.clientele.application.service;

import io.clientele.application.port.in.CustomerExport;
import io.clientele.application.port.in.ErasureReceipt;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.ManageLifecycleUseCase;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdempotencyStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.MergeJournal;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** Delete, forget and export (DOMAIN.md "Lifecycle"). */
@Singleton
public class LifecycleService implements ManageLifecycleUseCase {

    /** The shortest identifier value looked for in stored answers when its customer is forgotten. */
    private static final int MIN_MENTION = 5;

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final MergeJournal journal;
    private final IdempotencyStore idempotency;
    private final IdentifierIndex identifierIndex;
    private final FindCustomersService finder;
    private final Transactions transactions;
    private final Clock clock;

    public LifecycleService(TenantDirectory tenants, CustomerStore customers, MergeJournal journal,
                            IdempotencyStore idempotency, IdentifierIndex identifierIndex,
                            FindCustomersService finder, Transactions transactions, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.journal = journal;
        this.idempotency = idempotency;
        this.identifierIndex = identifierIndex;
        this.finder = finder;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    public void delete(TenantId tenantId, CustomerId customerId, Long expectedVersion, String actor, String source) {
        tenants.require(tenantId);
        transactions.inTransaction(() -> {
            Customer customer = finder.lockCurrent(tenantId, customerId, expectedVersion);
            customer.changedBy(actor, source);
            customer.delete(clock.now());
            customers.save(customer);
            return null;
        });
    }

    @Override
    public ErasureReceipt forget(TenantId tenantId, CustomerId customerId, String actor, String source) {
        tenants.require(tenantId);
        return transactions.inTransaction(() -> {
            CustomerId target = survivorOf(tenantId, customerId);
            // the customer and every record merged into it (directly or through a chain), locked in id order like
            // merges and reverts lock theirs, so an erasure never waits for one of them while it holds what that one
            // waits for; then listed again under the locks: a merge into any of them, or the revert of one, needs a
            // lock held here, so a list that still agrees can't change under the erasure
            TreeSet<String> ids = finder.mergedClosure(tenantId, target);
            Map<String, Customer> locked = new LinkedHashMap<>();
            for (String id : ids) {
                locked.put(id, customers.lockById(tenantId, CustomerId.of(id)).orElse(null));
            }
            Customer survivor = locked.get(target.value());
            if (survivor == null) {
                throw CustomerNotFound.byId(customerId);
            }
            if (survivor.state() == LifecycleState.MERGED) {
                throw new RetryableConflictException("the customer to forget was merged concurrently", null);
            }
            if (!finder.mergedClosure(tenantId, target).equals(ids)) {
                throw new RetryableConflictException("a record was merged into the customer to forget, or out of it, "
                        + "while it was being locked", null);
            }
            Instant now = clock.now();
            Map<String, Integer> erased = new LinkedHashMap<>();
            List<CustomerId> forgotten = new ArrayList<>();
            Set<String> mentions = new LinkedHashSet<>();
            for (String id : ids) {
                boolean isTarget = id.equals(target.value());
                Customer customer = locked.get(id);
                if (isTarget && customer.state() == LifecycleState.FORGOTTEN) {
                    throw CustomerNotFound.byId(customerId);
                }
                if (!isTarget && (customer == null || customer.state() != LifecycleState.MERGED)) {
                    // forgotten already: nothing of it is left to erase
                    continue;
                }
                mentions.addAll(mentionsOf(customer));
                erased.merge("identifiers", customer.identifiers().size(), Integer::sum);
                erased.merge("consentEvents", customer.consents().events().size(), Integer::sum);
                erased.merge("pushSubscriptions", customer.pushSubscriptions().size(), Integer::sum);
                customer.changedBy(actor, source);
                customer.forget(now);
                customers.save(customer);
                forgotten.add(customer.id());
            }
            journal.scrub(tenantId, forgotten);
            // answers kept for idempotent repeats that hold the erased ids or identifier values go too (a repeat runs
            // again); they may be answers about another customer (a survivor's, before a merge was reverted)
            idempotency.forgetAnswersMentioning(tenantId, mentions);
            erased.put("customers", forgotten.size());
            return new ErasureReceipt(target.value(), forgotten.stream().map(CustomerId::value).toList(), now, actor,
                    erased);
        });
    }

    /**
     * What names the customer in a stored answer: its id and identifier values, but not values so short that
     * unrelated answers would contain them ("42": those answers would lose their replay for nothing; such a value
     * alone names nobody, and answers go after 24 h).
     */
    private static Set<String> mentionsOf(Customer customer) {
        Set<String> mentions = new LinkedHashSet<>();
        mentions.add(customer.id().value());
        for (Identifier identifier : customer.identifiers()) {
            for (String text : new String[]{identifier.value(), identifier.displayValue()}) {
                if (text != null && text.length() >= MIN_MENTION) {
                    mentions.add(text);
                }
            }
        }
        return mentions;
    }

    @Override
    public List<ErasureReceipt> forgetHoldersOf(TenantId tenantId, List<IdentifierInput> identifiers, String actor,
                                                String source) {
        Tenant tenant = tenants.require(tenantId);
        List<IdentifierKey> keys = new ArrayList<>();
        for (IdentifierInput input : identifiers) {
            try {
                IdentifierInputs.normalize(List.of(input), tenant, source, "/identifiers")
                        .forEach(identifier -> keys.add(identifier.key()));
            } catch (DomainException invalid) {
                // nobody can hold an invalid identifier
            }
        }
        Map<IdentifierKey, CustomerId> held = transactions.readOnly(() -> identifierIndex.holders(tenantId, keys));
        Set<CustomerId> holders = new LinkedHashSet<>();
        keys.stream().map(held::get).filter(Objects::nonNull).forEach(holders::add);
        if (holders.size() > 1 && tenant.mergePolicy() == MergePolicy.REJECT) {
            // a write naming them would be refused as a conflict, not take them as one person: neither is forgotten
            // (irreversibly) on a record that may have mixed two people's identifiers up
            throw new IdentifierConflictException(holders.stream().map(CustomerId::value).toList());
        }
        // all or none: one failing part-way left some forgotten and some not
        return transactions.inTransaction(() -> {
            List<ErasureReceipt> receipts = new ArrayList<>();
            for (CustomerId holder : holders) {
                try {
                    receipts.add(forget(tenantId, holder, actor, source));
                } catch (NotFoundException gone) {
                    // forgotten meanwhile, or merged into a holder forgotten just before: nothing of it is left
                }
            }
            return receipts;
        });
    }

    @Override
    public CustomerExport export(TenantId tenantId, CustomerId customerId) {
        Customer customer = finder.get(tenantId, customerId);
        return transactions.readOnly(() -> {
            TreeSet<String> members = finder.mergedClosure(tenantId, customer.id());
            List<Merge> inOrder = journal.involving(tenantId, members.stream().map(CustomerId::of).toList());
            return new CustomerExport(customer, finder.historyOf(tenantId, members), inOrder);
        });
    }

    /** An absorbed id stands for its survivor, as in reads (in whatever state the survivor is). */
    private CustomerId survivorOf(TenantId tenantId, CustomerId id) {
        return finder.followMerges(tenantId, customers.findById(tenantId, id)).map(Customer::id)
                .orElseThrow(() -> CustomerNotFound.byId(id));
    }
}
