package io.clientele.domain.tenant;

import io.clientele.domain.shared.InvalidValueException;

import java.util.regex.Pattern;

/** A business using the registry. Everything the registry holds belongs to exactly one tenant. */
public record TenantId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9-]{1,40}");

    public TenantId {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new InvalidValueException("invalid-tenant-id",
                    "tenant id must be 1 to 40 characters of a-z, 0-9 and '-'");
        }
    }

    public static TenantId of(String value) {
        return new TenantId(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
