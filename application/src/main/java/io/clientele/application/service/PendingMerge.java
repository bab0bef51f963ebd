package io.clientele.application.service;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;

import java.time.Instant;

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

    Merge journalEntry() {
        return new Merge(id, survivor.tenantId(), survivor.id(), absorbed.id(), at, reason, actor, survivorBefore,
                absorbedBefore, survivor.version(), null, null);
    }
}
