package io.clientele.domain.merge;

/** Why two customers were merged. */
public enum MergeReason {
    /** An upsert named identifiers held by several customers (tenant policy MERGE). */
    SHARED_IDENTIFIERS,
    /** Someone asked for it (POST /v1/merges). */
    EXPLICIT
}
