package io.clientele.domain.tenant;

import io.clientele.domain.shared.InvalidValueException;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** What an API key may do. Each role includes the ones before it. */
public enum AccessRole {
    /** Reads only. */
    READ,
    /** Reads and customer writes. */
    WRITE,
    /** Writes plus tenant settings, merges, forget and delete. */
    ADMIN;

    /** This role and every role it includes. */
    public Set<AccessRole> granted() {
        EnumSet<AccessRole> roles = EnumSet.noneOf(AccessRole.class);
        for (AccessRole role : values()) {
            if (role.ordinal() <= ordinal()) {
                roles.add(role);
            }
        }
        return roles;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AccessRole parse(String raw) {
        if (raw != null) {
            for (AccessRole role : values()) {
                if (role.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
                    return role;
                }
            }
        }
        throw new InvalidValueException("invalid-role", "role must be one of read, write, admin");
    }
}
