package io.clientele.domain.customer;

/** Where a customer is in its life. Only ACTIVE customers can be written. */
public enum LifecycleState {
    ACTIVE,
    /** Absorbed by another customer; reads lead to the survivor. */
    MERGED,
    /** Erased (GDPR); a tombstone with no way back to the person. */
    FORGOTTEN,
    /** Removed from every read; its identifiers stay reserved. */
    DELETED
}
