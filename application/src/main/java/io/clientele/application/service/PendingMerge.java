package io.clientele.application.service;

import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * A merge done on the aggregates but not journaled yet: the journal entry needs the survivor's version at the end
 * of the transaction.
 */
record PendingMerge(String id, Customer survivor, Customer absorbed, CustomerSnapshot survivorBefore,
                    CustomerSnapshot absorbedBefore, MergeReason reason, String actor, Instant at) {

    /** Takes both before-images, then lets the survivor absorb the other customer. */
    static PendingMerge absorb(String id, Customer survivor, Customer absorbed, MergeReason reason, String actor,
                               Instant now) {
        CustomerSnapshot survivorBefore = survivor.snapshot();
        CustomerSnapshot absorbedBefore = absorbed.snapshot();
        survivor.absorb(absorbed, now);
        return new PendingMerge(id, survivor, absorbed, survivorBefore, absorbedBefore, reason, actor, now);
    }

    /**
     * This merge with the survivor's before-image as the merging write would have left it without the merge: its
     * profile and details changes applied, and the devices it sent counted as the survivor's own. A revert restores
     * the survivor's profile and details from that image and drops the devices that came only from the absorbed
     * customer; from the image taken before the write, it also dropped what the write itself set (a city, a tag, a
     * device the absorbed customer held too), while the write's identifiers and consents stayed. The absorbed
     * customer's image loses the devices the write sent: it comes back without them, as a write sending them
     * without any merge would have taken them.
     */
    PendingMerge withWriteChanges(CustomerChanges changes) {
        CustomerSnapshot before = survivorBefore;
        Customer withoutMerge = Customer.reconstitute(before.id(), survivor.tenantId(), before.state(),
                before.version(), before.profile(), before.identifiers(), before.createdAt(), before.updatedAt(),
                before.mergedInto(), before.details(), new ConsentLedger(before.consents()),
                before.pushSubscriptions());
        withoutMerge.applyProfile(changes.profile(), at);
        withoutMerge.applyDetails(changes.details(), at);
        Set<String> sent = new HashSet<>();
        for (PushInput push : changes.pushSubscriptions()) {
            sent.add(PushSubscription.key(push.provider(), push.token()));
        }
        Set<String> own = new HashSet<>();
        before.pushSubscriptions().forEach(subscription -> own.add(subscription.key()));
        // the devices as the survivor holds them now, where they were its own or the write sent them
        var devices = survivor.pushSubscriptions().stream()
                .filter(subscription -> own.contains(subscription.key()) || sent.contains(subscription.key()))
                .toList();
        CustomerSnapshot edited = new CustomerSnapshot(before.id(), before.state(), before.version(),
                withoutMerge.profile(), before.identifiers(), before.createdAt(), before.updatedAt(),
                before.mergedInto(), withoutMerge.details(), before.consents(), devices);
        // a device the write sent moves to the survivor whatever happens to the merge: a revert doesn't hand it back
        CustomerSnapshot a = absorbedBefore;
        CustomerSnapshot absorbedWithoutSent = new CustomerSnapshot(a.id(), a.state(), a.version(), a.profile(),
                a.identifiers(), a.createdAt(), a.updatedAt(), a.mergedInto(), a.details(), a.consents(),
                a.pushSubscriptions().stream().filter(subscription -> !sent.contains(subscription.key())).toList());
        return new PendingMerge(id, survivor, absorbed, edited, absorbedWithoutSent, reason, actor, at);
    }

    Merge journalEntry() {
        return new Merge(id, survivor.tenantId(), survivor.id(), absorbed.id(), at, reason, actor, survivorBefore,
                absorbedBefore, survivor.version(), null, null);
    }
}
