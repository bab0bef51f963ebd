package io.clientele.domain.customer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A merge-patch of a map (custom attributes, extended fields): keys to set, keys to remove, the rest kept. */
public record MapEdit<V>(boolean clear, Map<String, V> set, Set<String> remove) {

    public MapEdit {
        set = Map.copyOf(set);
        remove = Set.copyOf(remove);
    }

    public MapEdit(Map<String, V> set, Set<String> remove) {
        this(false, set, remove);
    }

    public static <V> MapEdit<V> none() {
        return new MapEdit<>(false, Map.of(), Set.of());
    }

    /** Everything removed, then {@code set} put in. */
    public static <V> MapEdit<V> replace(Map<String, V> set) {
        return new MapEdit<>(true, set, Set.of());
    }

    public boolean isNone() {
        return !clear && set.isEmpty() && remove.isEmpty();
    }

    /** The same edit with other values (e.g. canonicalised ones). */
    public <W> MapEdit<W> withValues(Map<String, W> values) {
        return new MapEdit<>(clear, values, remove);
    }

    public Map<String, V> applyTo(Map<String, V> current) {
        Map<String, V> next = new LinkedHashMap<>(clear ? Map.of() : current);
        next.putAll(set);
        remove.forEach(next::remove);
        return next;
    }
}
