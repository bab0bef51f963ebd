package io.clientele.application.port.in;

import io.clientele.domain.identity.IdentifierType;

import java.util.Set;

/**
 * Identifiers an upsert takes away from the customer it writes, inside the same transaction, for dialects that hold
 * one value per key (Custobar: "only keys that are supplied in the later imports are updated").
 *
 * @param replaced types whose value the write sets: when the write names a value of such a type that the customer it
 *                 resolves to did not hold, the values of that type the customer held before the write and the write
 *                 does not name are removed. A re-sent value removes nothing (a repeated upload changes nothing), and
 *                 what a merge in the same write brings in stays (merges unite identifiers).
 * @param cleared  types the write removes: every identifier of such a type the written customer holds (Custobar's
 *                 {@code ""})
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
