package io.clientele.domain.identity;

import java.util.Objects;

/** Where an identifier was seen: a source (WEBSITE, INSTORE, API, ...) and optionally an account within it. */
public record SourceAccount(String source, String accountId) {

    public SourceAccount {
        Objects.requireNonNull(source, "source");
    }
}
