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
                     Instant createdAt, Set<String> placeholderValues) {

    public static final int MAX_PLACEHOLDER_VALUES = 1000;

    public Tenant(TenantId id, String name, String defaultRegion, ZoneId timeZone, MergePolicy mergePolicy,
                  Instant createdAt) {
        this(id, name, defaultRegion, timeZone, mergePolicy, createdAt, Set.of());
    }

    /** The default placeholder blocklist plus the values this tenant added. */
    public io.clientele.domain.identity.PlaceholderPolicy placeholderPolicy() {
        return placeholderValues.isEmpty() ? io.clientele.domain.identity.PlaceholderPolicy.defaults()
                : io.clientele.domain.identity.PlaceholderPolicy.withExtraValues(placeholderValues);
    }

    /** This tenant with another list of extra placeholder values. */
    public Tenant withPlaceholderValues(Set<String> values) {
        return new Tenant(id, name, defaultRegion, timeZone, mergePolicy, createdAt, values);
    }

    private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

    public Tenant {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(timeZone, "timeZone");
        Objects.requireNonNull(mergePolicy, "mergePolicy");
        Objects.requireNonNull(createdAt, "createdAt");
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidValueException("invalid-tenant-name", "tenant name must be 1 to 200 characters");
        }
        placeholderValues = placeholderValues == null ? Set.of() : Set.copyOf(placeholderValues);
        if (placeholderValues.size() > MAX_PLACEHOLDER_VALUES) {
            throw new InvalidValueException("too-many-placeholders",
                    "at most " + MAX_PLACEHOLDER_VALUES + " extra placeholder values");
        }
        for (String value : placeholderValues) {
            if (value == null || value.isBlank() || value.length() > 255) {
                throw new InvalidValueException("invalid-placeholder", "placeholder values are 1 to 255 characters");
            }
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

    /**
     * Reads an IANA time zone name ("Europe/Moscow", "UTC"). A fixed offset ("+03:00") is refused: it would not follow
     * the place's daylight-saving changes, which is what a tenant's time zone is for.
     */
    public static ZoneId timeZone(String raw) {
        ZoneId zone;
        try {
            zone = ZoneId.of(raw.trim());
        } catch (DateTimeException | NullPointerException e) {
            zone = null;
        }
        if (zone == null || zone instanceof java.time.ZoneOffset) {
            throw new InvalidValueException("invalid-time-zone",
                    "time zone must be an IANA time zone id such as Europe/Moscow");
        }
        return zone;
    }
}
