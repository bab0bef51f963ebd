package io.clientele.application.service;

import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A device token belongs to one customer of a tenant at a time (DOMAIN.md), so a write that sends a token another
 * customer holds takes it from that customer. The row moves by itself (its key is the token); this makes the move a
 * change of the customer who loses it too: a new version (an ETag taken before no longer matches, a merge into it can
 * no longer be reverted as if nothing happened) and a history entry.
 */
@Singleton
public class PushDeviceMoves {

    private final CustomerStore customers;
    private final IdentifierIndex identifierIndex;

    public PushDeviceMoves(CustomerStore customers, IdentifierIndex identifierIndex) {
        this.customers = customers;
        this.identifierIndex = identifierIndex;
    }

    /**
     * Inside the writer's transaction, before it is saved: locks the other customers holding a device the writer saves
     * and takes it from them, and claims the devices nobody holds. {@code inThisWrite}: customers locked by this write
     * already (a merge's absorbed ones, whose devices the writer took over in memory), which lose nothing here.
     * Returns the customers that lost a device, to be saved with the writer.
     *
     * @throws RetryableConflictException when a device moved or was claimed by a concurrent write meanwhile
     */
    public List<Customer> takeFromOthers(TenantId tenantId, Customer writer, Collection<CustomerId> inThisWrite,
                                         String actor, String source, Instant now) {
        List<String> devices = writer.savedPushSubscriptions().stream().map(PushSubscription::key).toList();
        if (devices.isEmpty()) {
            return List.of();
        }
        Set<CustomerId> ours = new HashSet<>(inThisWrite);
        ours.add(writer.id());
        Map<String, CustomerId> held = identifierIndex.deviceHolders(tenantId, devices);
        Set<CustomerId> others = new HashSet<>(held.values());
        others.removeAll(ours);
        List<Customer> locked = List.of();
        if (!others.isEmpty()) {
            // locked after the writer, so two writes taking devices from each other can deadlock: the database picks
            // one and the unit of work runs it again
            locked = customers.lockAll(tenantId, others);
            // read again under the locks: a device that moved meanwhile to a customer not locked here (one merged
            // away passed its devices to its survivor) would be taken from that one without a trace
            held = identifierIndex.deviceHolders(tenantId, devices);
            Set<CustomerId> lockedIds = new HashSet<>(ours);
            locked.forEach(customer -> lockedIds.add(customer.id()));
            if (!lockedIds.containsAll(held.values())) {
                throw new RetryableConflictException("a push device moved to another customer meanwhile", null);
            }
        }
        // a device nobody holds may be sent by a concurrent write too: claimed now, one of the two writes conflicts
        // and runs again (then takes it from the other), instead of the later one taking it over unseen
        Map<String, CustomerId> unheld = new LinkedHashMap<>();
        for (String device : devices) {
            if (!held.containsKey(device)) {
                unheld.put(device, writer.id());
            }
        }
        customers.claimDevices(tenantId, unheld, now);
        List<Customer> losers = new ArrayList<>();
        for (Customer other : locked) {
            if (other.losePushTo(devices, now)) {
                other.changedBy(actor, source);
                losers.add(other);
            }
        }
        return losers;
    }
}
