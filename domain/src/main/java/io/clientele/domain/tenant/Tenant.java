package io.clientele.domain.tenant;

import io.clientele.domain.shared.InvalidValueException;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A tenant and the settings the customer rules read: the phone region used to read national numbers, the time zone
 * for datetimes sent without an offset, and the merge policy.
 */
public record Tenant(TenantId id, String name, String defaultRegion, ZoneId timeZone, MergePolicy mergePolicy,
                     Instant createdAt) {

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(mergePolicy, "mergePolicy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("invalid-tenant-name", "tenant name must be 1 to 200 characters");
        }
        if (defaultRegion == null || !REGIONS.contains(defaultRegion)) {
            throw new InvalidValueException("invalid-region",
                    "default region must be an ISO 3166-1 alpha-2 country code such as RU, FI or GB");
        }
    }

    /** Reads a region code case-insensitively ("ru" → "RU"). */
    public static String region(String raw) {
        String region = raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
        if (region == null || !REGIONS.contains(region)) {
            throw new InvalidValueException("invalid-region",
                    "default region must be an ISO 3166-1 alpha-2 country code such as RU, FI or GB");
        }
        return region;
    }

    /** Reads an IANA time zone name ("Europe/Moscow"). */
    public static ZoneId timeZone(String raw) {
        try {
            return ZoneId.of(raw.trim());
        } catch (DateTimeException | NullPointerException e) {
            throw new InvalidValueException("invalid-time-zone",
                    "time zone must be an IANA time zone id such as Europe/Moscow");
        }
    }
}
