package io.clientele.application.port.in;

import io.clientele.domain.identity.IdentifierType;

import java.util.Set;

/**
 * Identifiers an upsert takes away from the customer it writes, inside the same transaction, for dialects that hold
 * one value per key (Custobar: "only keys that are supplied in the later imports are updated").
 *
 * @param replaced types whose value the write sets: the identifiers of such a type that the written customer holds
 *                 (after any merge into it), that the write does not name, and that were only ever seen from the
 *                 write's own source are removed, when the write names one of that type. What other sources told
 *                 stays (an email a shop added through the native API is not the dialect's to replace), and a re-sent
 *                 value removes nothing.
 * @param cleared  types the write removes (Custobar's {@code ""}): the identifiers of such a type that the written
 *                 customer holds and that were only ever seen from the write's own source; what other sources told
 *                 stays, as for {@code replaced}
 */
public record IdentifierReplacement(Set<IdentifierType> replaced, Set<IdentifierType> cleared) {

    private static final IdentifierReplacement NONE = new IdentifierReplacement(Set.of(), Set.of());

    public IdentifierReplacement {
        replaced = Set.copyOf(replaced);
        cleared = Set.copyOf(cleared);
        for (IdentifierType type : replaced) {
            if (cleared.contains(type)) {
                throw new IllegalArgumentException("a type is either replaced or cleared: " + type);
            }
        }
    }

    public static IdentifierReplacement none() {
        return NONE;
    }

    public boolean isNone() {
        return replaced.isEmpty() && cleared.isEmpty();
    }
}
