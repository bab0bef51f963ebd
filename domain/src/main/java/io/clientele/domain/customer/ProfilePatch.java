package io.clientele.domain.customer;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A partial change to a profile: the fields to set (canonical values) and the fields to remove. Fields in neither
 * stay as they are (JSON Merge Patch semantics).
 */
public record ProfilePatch(Map<ProfileField, Object> set, Set<ProfileField> removed) {

    private static final ProfilePatch NONE = new ProfilePatch(Map.of(), Set.of());

    public ProfilePatch {
        EnumMap<ProfileField, Object> setCopy = new EnumMap<>(ProfileField.class);
        setCopy.putAll(set);
        EnumSet<ProfileField> removedCopy = EnumSet.noneOf(ProfileField.class);
        removedCopy.addAll(removed);
        for (ProfileField field : removedCopy) {
            if (setCopy.containsKey(field)) {
                throw new IllegalArgumentException(field.jsonName() + " is both set and removed");
            }
        }
        set = Collections.unmodifiableMap(setCopy);
        removed = Collections.unmodifiableSet(removedCopy);
    }

    public static ProfilePatch none() {
        return NONE;
    }

    public boolean isEmpty() {
        return set.isEmpty() && removed.isEmpty();
    }
}
