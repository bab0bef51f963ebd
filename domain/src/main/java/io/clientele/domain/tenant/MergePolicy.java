package io.clientele.domain.tenant;

/** What an upsert does when its identifiers are spread over several customers. */
public enum MergePolicy {
    /** Merge them into the oldest customer. */
    MERGE,
    /** Refuse with a conflict naming the customers. */
    REJECT
}
