package io.clientele.application.port.out;

import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.tenant.TenantId;

import java.util.Optional;

/** The record of every merge, with the before-images that make a revert possible. */
public interface MergeJournal {

    void record(Merge merge);

    Optional<Merge> find(TenantId tenantId, String mergeId);

    /** The most recent merge into {@code survivorId} that has not been reverted. */
    Optional<Merge> latestUnrevertedInto(TenantId tenantId, CustomerId survivorId);

    /** The merge into {@code survivorId} reverted most recently, if any. */
    Optional<Merge> latestRevertedInto(TenantId tenantId, CustomerId survivorId);

    void markReverted(Merge merge);

    /** Every merge the customer took part in, as survivor or absorbed, oldest first. */
    default java.util.List<Merge> involving(TenantId tenantId, CustomerId customerId) {
        return involving(tenantId, java.util.List.of(customerId));
    }

    /** Every merge any of these customers took part in, as survivor or absorbed, once each, oldest first. */
    java.util.List<Merge> involving(TenantId tenantId, java.util.Collection<CustomerId> customerIds);

    /**
     * Replaces the before-images of every merge involving these customers with ones that hold no personal data
     * (forget). Such merges can't be reverted: their customers are forgotten.
     */
    void scrub(TenantId tenantId, java.util.Collection<CustomerId> customerIds);
}
