package io.clientele.domain.identity;

import java.util.Objects;

/**
 * What makes two identifiers the same: the stored type (soft links include their name, {@code softLink:loyalty card})
 * and the normalised value. Within a tenant one key belongs to at most one customer.
 */
public record IdentifierKey(String type, String value) {

    public IdentifierKey {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    static String storedType(IdentifierType type, String softLinkName) {
        return type == IdentifierType.SOFT_LINK ? type.label() + ":" + softLinkName : type.label();
    }

    @Override
    public String toString() {
        // values are personal data: keep them out of logs and messages that print keys
        return type + ":***";
    }
}
