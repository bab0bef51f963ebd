package io.clientele.application.service;

import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.IdentifierReplacement;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.application.port.out.Clock;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdGenerator;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.MergeJournal;
import io.clientele.application.port.out.RetriesExhaustedException;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierConflictException;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.merge.MergeReason;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.IntStream;

/**
 * Resolves the identifiers of a write and creates, updates or merges the customers they name (DOMAIN.md "Identity
 * rules" 3 and 4).
 *
 * <p>Concurrency: nothing is locked before it exists. A new customer is inserted with its identifiers and the
 * database's unique key on (tenant, type, value) decides who was first; the loser's transaction is retried and then
 * finds the winner's customer. Existing holders are locked (FOR UPDATE) in id order, so two writes over the same
 * customers can't deadlock each other, and re-checked: a holder merged away meanwhile means the resolution was stale,
 * and the transaction is run again.
 *
 * <p>{@link #upsertEach} writes many records together: one transaction per chunk resolves all their identifiers in
 * one query, locks all their holders in one query and writes all their rows in one statement per table. Only records
 * that create or update one customer on their own go that way; a record that would merge, that names a customer who
 * can't be written to, or that shares an identifier, a holder or a push token with another record of its chunk runs
 * alone afterwards, through {@link #upsert}, in the order the records came. The outcome of every record is the one it
 * would have had alone.
 */
@Singleton
public class UpsertCustomerService implements UpsertCustomerUseCase {

    /** Records written together in one transaction by {@link #upsertEach}. */
    static final int CHUNK = 500;

    /** Oldest first: earliest creation time, ties broken by id (UUIDv7 ids are time-ordered too). */
    static final Comparator<Customer> OLDEST_FIRST = Comparator.comparing(Customer::createdAt)
            .thenComparing(c -> c.id().value());

    private final TenantDirectory tenants;
    private final CustomerStore customers;
    private final IdentifierIndex identifierIndex;
    private final MergeJournal journal;
    private final CustomerEdits edits;
    private final PushDeviceMoves deviceMoves;
    private final Transactions transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public UpsertCustomerService(TenantDirectory tenants, CustomerStore customers, IdentifierIndex identifierIndex,
                                 MergeJournal journal, CustomerEdits edits, PushDeviceMoves deviceMoves,
                                 Transactions transactions, IdGenerator ids, Clock clock) {
        this.tenants = tenants;
        this.customers = customers;
        this.identifierIndex = identifierIndex;
        this.journal = journal;
        this.edits = edits;
        this.deviceMoves = deviceMoves;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public UpsertResult upsert(UpsertCustomerCommand command) {
        return upsert(prepare(-1, command));
    }

    private UpsertResult upsert(Prepared write) {
        Supplier<UpsertResult> once = () -> upsertOnce(write.tenant(), write.identifiers(), write.changes(),
                write.command());
        return write.command().dryRun() ? transactions.dryRun(once) : transactions.inTransaction(once);
    }

    /**
     * A record checked and normalised before any transaction: a bad one costs no locks. {@code devices}: the push
     * devices it sends (each may move a token from another customer).
     */
    record Prepared(int index, UpsertCustomerCommand command, Tenant tenant, List<Identifier> identifiers,
                    CustomerChanges changes, Set<String> devices) {
    }

    private Prepared prepare(int index, UpsertCustomerCommand command) {
        Tenant tenant = tenants.require(command.tenantId());
        List<Identifier> identifiers = IdentifierInputs.normalize(command.identifiers(), tenant,
                command.defaultSource(), command.identifierPointer());
        if (identifiers.isEmpty()) {
            throw ValidationException.of(command.identifierPointer(), "identifier-required",
                    "at least one identifier (email, phone, externalId, ...) is needed to find or create the customer");
        }
        Set<String> devices = new HashSet<>();
        command.changes().pushSubscriptions().forEach(push -> devices.add(push.deviceKey()));
        return new Prepared(index, command, tenant, identifiers, edits.prepare(tenant.id(), command.changes()),
                Set.copyOf(devices));
    }

    @Override
    public List<BatchResult> upsertEach(List<UpsertCustomerCommand> commands) {
        BatchResult[] results = new BatchResult[commands.size()];
        // checking and normalising touches no customer: done for all records first, on both cores
        Prepared[] prepared = new Prepared[commands.size()];
        IntStream.range(0, commands.size()).parallel().forEach(i -> {
            if (!commands.get(i).dryRun()) {
                try {
                    prepared[i] = prepare(i, commands.get(i));
                } catch (DomainException e) {
                    results[i] = new BatchResult(i, null, e);
                }
            }
        });
        // consecutive records of one tenant form the chunks; dry runs (which must not commit) go alone
        List<ChunkPipeline.Step> steps = new ArrayList<>();
        List<Prepared> pending = new ArrayList<>();
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).dryRun()) {
                addChunk(steps, pending, results);
                int index = i;
                UpsertCustomerCommand dryRun = commands.get(i);
                steps.add(ChunkPipeline.alone(() -> results[index] = alone(index, () -> upsert(dryRun))));
                continue;
            }
            Prepared write = prepared[i];
            if (write == null) {
                continue;
            }
            if (!pending.isEmpty() && (pending.size() == CHUNK
                    || !pending.get(0).tenant().id().equals(write.tenant().id()))) {
                addChunk(steps, pending, results);
            }
            pending.add(write);
        }
        addChunk(steps, pending, results);
        // each result is set by one step; all steps have ended (on both threads) when this returns
        ChunkPipeline.run(steps, transactions.concurrentUnits());
        return List.of(results);
    }

    private void addChunk(List<ChunkPipeline.Step> steps, List<Prepared> pending, BatchResult[] results) {
        if (pending.isEmpty()) {
            return;
        }
        List<Prepared> chunk = List.copyOf(pending);
        pending.clear();
        steps.add(ChunkPipeline.sideBySide(turn -> writeTogether(chunk, results, turn)));
    }

    /** Writes one chunk in one transaction, then the records of it that had to go alone, in their order. */
    private void writeTogether(List<Prepared> chunk, BatchResult[] results, ChunkPipeline.Turn turn) {
        List<Prepared> alone = new ArrayList<>();
        Map<Integer, BatchResult> written;
        try {
            written = transactions.inTransaction(() -> writeChunk(chunk, alone, turn));
        } catch (RetriesExhaustedException e) {
            // the chunk lost every retry (inside an outer unit of work this is the outer one's to retry, and it
            // doesn't arrive here): its records go one by one, each failing alone if it must
            written = Map.of();
            alone.clear();
            alone.addAll(chunk);
        }
        written.forEach((index, result) -> results[index] = result);
        alone.sort(Comparator.comparingInt(Prepared::index));
        for (Prepared write : alone) {
            // checked and normalised already
            results[write.index()] = alone(write.index(), () -> upsert(write));
        }
    }

    private static BatchResult alone(int index, Supplier<UpsertResult> upsert) {
        try {
            return new BatchResult(index, upsert.get(), null);
        } catch (DomainException e) {
            // a RetriesExhaustedException too: a record that lost every retry to concurrent writes fails alone (the
            // records before it are written, those after it go on)
            return new BatchResult(index, null, e);
        }
    }

    /**
     * The body of a chunk's transaction (run again from the start when it loses a race, so it fills {@code alone}
     * afresh): the records that create or update one customer on their own are applied and saved together.
     */
    private Map<Integer, BatchResult> writeChunk(List<Prepared> chunk, List<Prepared> alone,
                                                 ChunkPipeline.Turn turn) {
        alone.clear();
        Tenant tenant = chunk.get(0).tenant();
        Instant now = clock.now();
        Map<IdentifierKey, Integer> keyUses = new HashMap<>();
        for (Prepared write : chunk) {
            for (Identifier identifier : write.identifiers()) {
                keyUses.merge(identifier.key(), 1, Integer::sum);
            }
        }
        Map<String, Integer> deviceUses = new HashMap<>();
        for (Prepared write : chunk) {
            write.devices().forEach(device -> deviceUses.merge(device, 1, Integer::sum));
        }
        Map<IdentifierKey, CustomerId> holders = identifierIndex.holders(tenant.id(), keyUses.keySet());
        Map<Integer, Set<CustomerId>> holdersOf = new HashMap<>();
        Map<CustomerId, Integer> holderUses = new HashMap<>();
        for (Prepared write : chunk) {
            Set<CustomerId> found = new HashSet<>();
            for (Identifier identifier : write.identifiers()) {
                CustomerId holder = holders.get(identifier.key());
                if (holder != null) {
                    found.add(holder);
                }
            }
            holdersOf.put(write.index(), found);
            found.forEach(holder -> holderUses.merge(holder, 1, Integer::sum));
        }
        // nothing locked or written yet: if the chunk before touches any of this, it goes first. A merge also moves
        // what the absorbed customer holds (push tokens, consents) that no record names: such a chunk runs alone
        // (a tenant that rejects merges refuses such records: they write nothing)
        boolean merges = tenant.mergePolicy() == MergePolicy.MERGE && mayMerge(chunk, holdersOf);
        Map<String, CustomerId> deviceHolders = deviceUses.isEmpty() ? Map.of()
                : identifierIndex.deviceHolders(tenant.id(), deviceUses.keySet());
        ChunkPipeline.Footprint footprint = ChunkPipeline.Footprint.EVERYTHING;
        if (!merges) {
            // the customers whose devices this chunk takes are touched too: a step beside it that read one of them
            // before this one commits would answer with a device it no longer has
            Set<CustomerId> touched = new HashSet<>(holders.values());
            touched.addAll(deviceHolders.values());
            footprint = new ChunkPipeline.Footprint(keyUses.keySet(), touched, deviceUses.keySet());
        }
        turn.resolved(footprint);
        List<Prepared> together = new ArrayList<>();
        Set<CustomerId> toLock = new HashSet<>();
        for (Prepared write : chunk) {
            Set<CustomerId> found = holdersOf.get(write.index());
            // a push token sent twice moves to whichever record is written last: that must be the later one
            boolean shared = write.identifiers().stream().anyMatch(i -> keyUses.get(i.key()) > 1)
                    || found.stream().anyMatch(holder -> holderUses.get(holder) > 1)
                    || write.devices().stream().anyMatch(device -> deviceUses.get(device) > 1);
            // a device another customer holds is taken from that one, which the single path locks and saves too
            boolean takesADevice = write.devices().stream().map(deviceHolders::get)
                    .anyMatch(holder -> holder != null && !found.contains(holder));
            if (shared || takesADevice || found.size() > 1) {
                // order among records that touch the same customer, and merges, are the single path's business
                alone.add(write);
            } else {
                together.add(write);
                toLock.addAll(found);
            }
        }
        Map<CustomerId, Customer> locked = new HashMap<>();
        for (Customer customer : customers.lockAll(tenant.id(), toLock)) {
            locked.put(customer.id(), customer);
        }
        // the devices of the records written together, read again under the locks: one taken meanwhile by a write
        // outside this chunk must not be taken back unseen (the chunk runs again, and that record goes alone)
        Set<String> devicesTogether = new HashSet<>();
        together.forEach(write -> devicesTogether.addAll(write.devices()));
        Map<String, CustomerId> devicesHeld = devicesTogether.isEmpty() ? Map.of()
                : identifierIndex.deviceHolders(tenant.id(), devicesTogether);
        Map<String, CustomerId> unheldDevices = new HashMap<>();
        Map<Integer, BatchResult> done = new LinkedHashMap<>();
        List<Customer> toSave = new ArrayList<>();
        for (Prepared write : together) {
            Set<CustomerId> found = holdersOf.get(write.index());
            for (String device : write.devices()) {
                CustomerId deviceHolder = devicesHeld.get(device);
                if (deviceHolder != null && !found.contains(deviceHolder)) {
                    throw new RetryableConflictException("a push device of the chunk moved meanwhile", null);
                }
            }
            Customer holder = null;
            if (!found.isEmpty()) {
                CustomerId holderId = found.iterator().next();
                holder = stillHolding(holderId, locked.get(holderId));
                if (!holder.isActive() || losesADeviceToAnother(holder, write, deviceUses)) {
                    alone.add(write);
                    continue;
                }
            }
            UpsertCustomerCommand command = write.command();
            try {
                Customer customer;
                UpsertResult.Outcome outcome;
                if (holder == null) {
                    customer = Customer.create(CustomerId.of(ids.newId()), tenant.id(), Profile.empty(),
                            write.identifiers(), now);
                    outcome = UpsertResult.Outcome.CREATED;
                } else {
                    customer = holder;
                    customer.addIdentifiers(write.identifiers(), now);
                    replaceIdentifiers(customer, write.identifiers(), command, now);
                    outcome = UpsertResult.Outcome.UPDATED;
                }
                edits.apply(customer, write.changes(), command.defaultSource(), command.actor(), now);
                if (customer.isNew() || customer.hasChanges()) {
                    toSave.add(customer);
                }
                for (String device : write.devices()) {
                    if (!devicesHeld.containsKey(device)) {
                        unheldDevices.put(device, customer.id());
                    }
                }
                done.put(write.index(), new BatchResult(write.index(), new UpsertResult(outcome, customer,
                        List.of()), null));
            } catch (DomainException e) {
                // this record alone broke a rule: its customer (its own, no other record touches it) is not saved
                done.put(write.index(), new BatchResult(write.index(), null, e));
            }
        }
        // nobody held these when read under the locks: claimed, so that a write outside the chunk sending one too
        // conflicts with this one instead of one of them taking it over unseen (see PushDeviceMoves)
        customers.claimDevices(tenant.id(), unheldDevices, now);
        customers.saveAll(toSave);
        return done;
    }

    /**
     * Whether a merge may happen in the chunk: records linked by shared identifiers (written one by one, in order)
     * that together reach two or more existing customers. One record may reach them all, or a record may add a new
     * identifier to one customer that a later record names beside another customer's.
     */
    static boolean mayMerge(List<Prepared> chunk, Map<Integer, Set<CustomerId>> holdersOf) {
        int[] linked = new int[chunk.size()];
        Map<IdentifierKey, Integer> firstNaming = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            linked[i] = i;
            for (Identifier identifier : chunk.get(i).identifiers()) {
                Integer other = firstNaming.putIfAbsent(identifier.key(), i);
                if (other != null) {
                    linked[root(linked, i)] = root(linked, other);
                }
            }
        }
        Map<Integer, Set<CustomerId>> reached = new HashMap<>();
        for (int i = 0; i < chunk.size(); i++) {
            Set<CustomerId> customers = reached.computeIfAbsent(root(linked, i), root -> new HashSet<>());
            customers.addAll(holdersOf.get(chunk.get(i).index()));
            if (customers.size() > 1) {
                return true;
            }
        }
        return false;
    }

    private static int root(int[] linked, int i) {
        while (linked[i] != i) {
            linked[i] = linked[linked[i]];
            i = linked[i];
        }
        return i;
    }

    /**
     * Whether another record of the chunk sends a push token this holder has: that record moves it away, and if it
     * comes first, this record's answer must not show the token any more, so this one goes one by one too.
     */
    private static boolean losesADeviceToAnother(Customer holder, Prepared write, Map<String, Integer> deviceUses) {
        for (PushSubscription held : holder.pushSubscriptions()) {
            int senders = deviceUses.getOrDefault(held.key(), 0);
            if (senders > (write.devices().contains(held.key()) ? 1 : 0)) {
                return true;
            }
        }
        return false;
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
            List<Customer> losers = deviceMoves.takeFromOthers(tenant.id(), created, List.of(), command.actor(),
                    command.defaultSource(), now);
            customers.save(created);
            losers.forEach(customers::save);
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
        replaceIdentifiers(survivor, identifiers, command, now);
        edits.apply(survivor, changes, command.defaultSource(), command.actor(), now);
        // a revert of these merges undoes the merge, not this write's own changes
        merges.replaceAll(merge -> merge.withWriteChanges(changes));
        List<Customer> losers = deviceMoves.takeFromOthers(tenant.id(), survivor,
                merges.stream().map(merge -> merge.absorbed().id()).toList(), command.actor(),
                command.defaultSource(), now);
        for (PendingMerge merge : merges) {
            merge.absorbed().changedBy(command.actor(), command.defaultSource());
            customers.save(merge.absorbed());
        }
        if (survivor.hasChanges()) {
            customers.save(survivor);
        }
        losers.forEach(customers::save);
        merges.forEach(merge -> journal.record(merge.journalEntry()));
        return merges.isEmpty()
                ? new UpsertResult(UpsertResult.Outcome.UPDATED, survivor, List.of())
                : new UpsertResult(UpsertResult.Outcome.MERGED, survivor,
                merges.stream().map(m -> m.absorbed().id()).toList());
    }

    /**
     * Takes away from the written customer (after any merge into it) what the write replaces or clears
     * ({@link IdentifierReplacement}). No step of a bulk write needs to know more: a removed identifier was held by
     * the customer the record resolved to, so another record naming it resolved to that customer too and shares its
     * footprint.
     */
    static void replaceIdentifiers(Customer customer, List<Identifier> written, UpsertCustomerCommand command,
                                   Instant now) {
        IdentifierReplacement replacement = command.replacement();
        if (replacement.isNone()) {
            return;
        }
        Set<IdentifierKey> named = new HashSet<>();
        Set<IdentifierType> typesNamed = new HashSet<>();
        for (Identifier identifier : written) {
            named.add(identifier.key());
            typesNamed.add(identifier.type());
        }
        String source = Identifier.normalizeSource(command.defaultSource());
        for (Identifier held : List.copyOf(customer.identifiers())) {
            // what other sources told stays: it is not this dialect's to replace or clear
            boolean onlyOurs = !held.sources().isEmpty()
                    && held.sources().stream().allMatch(sighting -> sighting.source().equals(source));
            boolean replaced = replacement.replaced().contains(held.type()) && typesNamed.contains(held.type())
                    && !named.contains(held.key());
            if (onlyOurs && (replaced || replacement.cleared().contains(held.type()))) {
                customer.removeIdentifier(held.key(), now);
            }
        }
    }

    /**
     * The holder as locked, if the index read before the lock is still true of it; otherwise the resolution was stale
     * and the transaction is run again.
     */
    private static Customer stillHolding(CustomerId holderId, Customer locked) {
        if (locked == null) {
            throw new RetryableConflictException("holder of the identifiers vanished", null);
        }
        if (locked.state() == LifecycleState.MERGED) {
            // merged away after we read the index: its identifiers live elsewhere now
            throw new RetryableConflictException("holder " + holderId + " was merged concurrently", null);
        }
        if (locked.state() == LifecycleState.FORGOTTEN) {
            // forgotten after we read the index: its identifiers are free now, and its state must not show in answers
            throw new RetryableConflictException("holder " + holderId + " was forgotten concurrently", null);
        }
        return locked;
    }

    /** Locks the holders in id order and checks that each can take part in this write. */
    private List<Customer> lockHolders(Tenant tenant, TreeSet<String> holderIds) {
        List<Customer> locked = new ArrayList<>();
        for (String holderId : holderIds) {
            Customer holder = stillHolding(CustomerId.of(holderId),
                    customers.lockById(tenant.id(), CustomerId.of(holderId)).orElse(null));
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
