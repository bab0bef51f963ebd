package io.clientele.application.port.in;

import io.clientele.domain.merge.Merge;
import io.clientele.domain.tenant.TenantId;

/** Explicit merges, their journal and their revert. */
public interface MergeCustomersUseCase {

    /**
     * @throws io.clientele.domain.shared.NotFoundException when either customer doesn't exist (or is gone)
     * @throws io.clientele.domain.shared.ConflictException when either is merged already
     */
    MergeResult merge(MergeCustomersCommand command);

    /** @throws io.clientele.domain.shared.NotFoundException for an unknown merge */
    Merge get(TenantId tenantId, String mergeId);

    /**
     * Restores both customers as they were before the merge.
     *
     * @throws io.clientele.domain.shared.ConflictException when something the merge touched has changed since
     */
    RevertResult revert(TenantId tenantId, String mergeId, String actor);
}
