package io.clientele.domain.customer;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a customer's change history: what kind of change (created, updated, merged, absorbed, unmerged,
 * deleted, ...), who (API key id), through which path (source), when, and which parts (field names, never values).
 */
public record ChangeRecord(String kind, String actor, String source, Instant at, List<String> parts) {

    public ChangeRecord {
        parts = List.copyOf(parts);
    }
}
