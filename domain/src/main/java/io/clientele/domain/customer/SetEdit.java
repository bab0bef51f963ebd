package io.clientele.domain.customer;

import java.util.LinkedHashSet;
import java.util.Set;

/** A change to a set (tags, mailing lists): replace it, or add and remove members. */
public record SetEdit(Set<String> replaceWith, Set<String> add, Set<String> remove) {

    private static final SetEdit NONE = new SetEdit(null, Set.of(), Set.of());

    public SetEdit {
        replaceWith = replaceWith == null ? null : Set.copyOf(replaceWith);
        add = Set.copyOf(add);
        remove = Set.copyOf(remove);
    }

    public static SetEdit none() {
        return NONE;
    }

    public static SetEdit replace(Set<String> members) {
        return new SetEdit(members, Set.of(), Set.of());
    }

    public static SetEdit edit(Set<String> add, Set<String> remove) {
        return new SetEdit(null, add, remove);
    }

    public boolean isNone() {
        return replaceWith == null && add.isEmpty() && remove.isEmpty();
    }

    public Set<String> applyTo(Set<String> current) {
        Set<String> next = new LinkedHashSet<>(replaceWith != null ? replaceWith : current);
        next.addAll(add);
        next.removeAll(remove);
        return next;
    }
}
