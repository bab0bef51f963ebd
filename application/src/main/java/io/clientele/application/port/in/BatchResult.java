package io.clientele.application.port.in;

import io.clientele.domain.shared.DomainException;

/** The outcome of one record of a batch: the upsert result, or the rule it broke. */
public record BatchResult(int index, UpsertResult result, DomainException rejection) {

    public boolean rejected() {
        return rejection != null;
    }
}
