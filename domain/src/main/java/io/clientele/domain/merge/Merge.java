package io.clientele.domain.merge;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One merge, as the journal records it: who absorbed whom, when, why, by whom, and both customers just before, so
 * the merge can be reverted while nothing it touched has moved since.
 *
 * @param survivorVersionAfter       the survivor's version when the merging transaction ended; a later change to
 *                                   the survivor would be lost by a revert, so it blocks one
 * @param survivorVersionAfterRevert the survivor's version once this merge was reverted (null until then): a
 *                                   revert of the merge before it expects the survivor at this version
 */
public record Merge(String id, TenantId tenantId, CustomerId survivorId, CustomerId absorbedId, Instant at,
                    MergeReason reason, String actor, CustomerSnapshot survivorBefore,
                    CustomerSnapshot absorbedBefore, long survivorVersionAfter, Instant revertedAt,
                    String revertedBy, Long survivorVersionAfterRevert) {

    public Merge(String id, TenantId tenantId, CustomerId survivorId, CustomerId absorbedId, Instant at,
                 MergeReason reason, String actor, CustomerSnapshot survivorBefore, CustomerSnapshot absorbedBefore,
                 long survivorVersionAfter, Instant revertedAt, String revertedBy) {
        this(id, tenantId, survivorId, absorbedId, at, reason, actor, survivorBefore, absorbedBefore,
                survivorVersionAfter, revertedAt, revertedBy, null);
    }

    public Merge {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(survivorId, "survivorId");
        Objects.requireNonNull(absorbedId, "absorbedId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(survivorBefore, "survivorBefore");
        Objects.requireNonNull(absorbedBefore, "absorbedBefore");
    }

    public boolean isReverted() {
        return revertedAt != null;
    }

    /**
     * Checks that reverting now gives back exactly the two customers of before: not reverted yet, the absorbed
     * customer still merged into the survivor, the survivor active and unchanged since, every identifier of the
     * absorbed customer still on the survivor.
     *
     * @throws ConflictException explaining what moved
     */
    public void checkRevertible(Customer survivor, Customer absorbed) {
        checkRevertible(survivor, absorbed, survivorVersionAfter);
    }

    /**
     * As {@link #checkRevertible(Customer, Customer)}, expecting the survivor at {@code expectedSurvivorVersion}
     * (after later merges into it were reverted, the version those reverts left).
     */
    public void checkRevertible(Customer survivor, Customer absorbed, long expectedSurvivorVersion) {
        if (isReverted()) {
            throw new ConflictException("merge-already-reverted", "merge " + id + " was reverted at " + revertedAt);
        }
        if (absorbed.state() != LifecycleState.MERGED || !survivorId.equals(absorbed.mergedInto())) {
            throw new ConflictException("merge-not-revertible", "customer " + absorbedId + " is " + absorbed.state()
                    + " now, no longer merged into " + survivorId);
        }
        if (!survivor.isActive()) {
            throw new ConflictException("merge-not-revertible", "the survivor " + survivorId + " is "
                    + survivor.state() + " now" + (survivor.mergedInto() == null ? ""
                    : " (merged into " + survivor.mergedInto() + "; revert that merge first)"));
        }
        if (survivor.loadedVersion() != expectedSurvivorVersion) {
            throw new ConflictException("merge-not-revertible", "the survivor " + survivorId
                    + " changed since the merge (version " + expectedSurvivorVersion + " then, "
                    + survivor.loadedVersion() + " now); a revert would lose those changes");
        }
        for (Identifier identifier : absorbedBefore.identifiers()) {
            if (survivor.identifier(identifier.key()) == null) {
                throw new ConflictException("merge-not-revertible", "a " + identifier.type().label()
                        + " identifier of " + absorbedId + " has moved since the merge");
            }
        }
        // the write that merged may also have taken one of the survivor's own away (a dialect's replaced email): the
        // revert hands back what it took, but could not bring that one back, which may be someone else's by now
        for (Identifier identifier : survivorBefore.identifiers()) {
            if (survivor.identifier(identifier.key()) == null) {
                throw new ConflictException("merge-not-revertible", "a " + identifier.type().label()
                        + " identifier " + survivorId + " held before the merge was removed by the write that merged;"
                        + " a revert can't bring it back");
            }
        }
    }

    /** The identifiers that go back to the absorbed customer on revert. */
    public List<IdentifierKey> absorbedIdentifierKeys() {
        return absorbedBefore.identifiers().stream().map(Identifier::key).toList();
    }

    public Merge reverted(Instant when, String by) {
        return reverted(when, by, null);
    }

    /**
     * This merge, reverted. A reverted merge can't be reverted again, so its before-images are no longer needed and
     * are dropped: the survivor's may hold what it had from other customers, which must not outlive their erasure.
     */
    public Merge reverted(Instant when, String by, Long survivorVersion) {
        return new Merge(id, tenantId, survivorId, absorbedId, at, reason, actor,
                survivorBefore == null ? null : survivorBefore.withoutPersonalData(),
                absorbedBefore == null ? null : absorbedBefore.withoutPersonalData(), survivorVersionAfter, when, by,
                survivorVersion);
    }
}
