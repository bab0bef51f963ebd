package io.clientele.domain.customer;

import java.time.LocalDate;
import java.time.Period;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Who the customer is: names, gender, birth date, language, address, ... Values are canonical (see
 * {@link ProfileField#normalize}); a field that is not set is absent.
 */
public record Profile(Map<ProfileField, Object> values) {

    private static final Profile EMPTY = new Profile(Map.of());

    public Profile {
        Objects.requireNonNull(values, "values");
        EnumMap<ProfileField, Object> copy = new EnumMap<>(ProfileField.class);
        values.forEach((field, value) -> copy.put(Objects.requireNonNull(field), Objects.requireNonNull(value)));
        values = Collections.unmodifiableMap(copy);
    }

    public static Profile empty() {
        return EMPTY;
    }

    public Object get(ProfileField field) {
        return values.get(field);
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    /** The profile with a patch applied, and which fields it really changed. */
    public Profile apply(ProfilePatch patch, Set<ProfileField> changed) {
        EnumMap<ProfileField, Object> next = new EnumMap<>(ProfileField.class);
        next.putAll(values);
        patch.set().forEach((field, value) -> {
            if (!value.equals(next.put(field, value))) {
                changed.add(field);
            }
        });
        for (ProfileField field : patch.removed()) {
            if (next.remove(field) != null) {
                changed.add(field);
            }
        }
        return new Profile(next);
    }

    /** The age as given, or derived from the birth date. */
    public Integer effectiveAge(LocalDate today) {
        Object age = values.get(ProfileField.AGE);
        if (age != null) {
            return (Integer) age;
        }
        Object birthDate = values.get(ProfileField.BIRTH_DATE);
        if (birthDate instanceof LocalDate born && !born.isAfter(today)) {
            return Period.between(born, today).getYears();
        }
        return null;
    }
}
