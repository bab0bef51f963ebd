package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A typed value that identifies a person, normalised, with where it was seen and its channel flags.
 *
 * @param type         the kind of identifier
 * @param name         the soft link's name ("loyalty card"); null for every other type
 * @param value        the normalised value: what is compared and stored in the unique key
 * @param displayValue the value as first sent (trimmed), e.g. an email in its original case
 * @param country      the phone's country (ISO 3166-1 alpha-2), when known
 * @param reformatted  the phone's stored value differs from what was sent
 * @param unplaced     a phone libphonenumber could not place, kept as {@code +digits} ("unverified" in documents)
 * @param verified     channel flag as sent (null when not said)
 * @param primary      channel flag, null when not said
 * @param subscribed   channel flag, null when not said
 * @param sources      where it was seen (INSTORE, WEBSITE, MOBILE_APP, API, ... with an account id), first sighting
 *                     first; seeing it from another source adds one (Capillary's "new source account")
 */
public record Identifier(IdentifierType type, String name, String value, String displayValue, String country,
                         boolean reformatted, boolean unplaced, Boolean verified, Boolean primary, Boolean subscribed,
                         List<SourceAccount> sources) {

    public static final int MAX_VALUE_LENGTH = 255;
    public static final int MAX_NAME_LENGTH = 100;

    public Identifier {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(displayValue, "displayValue");
        if ((type == IdentifierType.SOFT_LINK) != (name != null)) {
            throw new IllegalArgumentException("a soft link, and only a soft link, has a name");
        }
        sources = sources == null ? List.of() : List.copyOf(sources);
    }

    /**
     * Normalises a value sent for an identifier of {@code type}.
     *
     * @param phoneRegion the tenant's default phone region, used to read national numbers
     * @throws InvalidValueException when the value is malformed or a placeholder
     */
    public static Identifier parse(IdentifierType type, String name, String raw, String phoneRegion,
                                   PlaceholderPolicy placeholders) {
        Objects.requireNonNull(type, "type");
        if (type == IdentifierType.SOFT_LINK && name != null
                && IdentifierType.formerSoftLink(name.trim()) != null) {
            // a soft link named like a platform id (as those ids were stored once) is that id
            return parse(IdentifierType.formerSoftLink(name.trim()), null, raw, phoneRegion, placeholders);
        }
        if (raw == null || raw.isBlank()) {
            throw new InvalidValueException("missing-value", "identifier value must not be empty");
        }
        String trimmed = raw.trim();
        return switch (type) {
            case EMAIL -> {
                EmailAddress email = EmailAddress.parse(trimmed);
                placeholders.checkEmail(email);
                yield new Identifier(type, null, email.normalized(), email.display(), null, false, false, null, null,
                        null, List.of());
            }
            case PHONE -> {
                PhoneNumber phone = PhoneNumber.parse(trimmed, phoneRegion);
                placeholders.checkPhone(trimmed, phone);
                yield new Identifier(type, null, phone.e164(), trimmed, phone.country(), phone.reformatted(),
                        !phone.verified(), null, null, null, List.of());
            }
            case SOFT_LINK -> {
                String linkName = name == null ? "" : name.trim();
                if (linkName.isEmpty() || linkName.length() > MAX_NAME_LENGTH) {
                    throw new InvalidValueException("invalid-soft-link-name",
                            "a soft link needs a name of 1 to " + MAX_NAME_LENGTH + " characters");
                }
                if (EmailAddress.looksLikeEmail(trimmed)) {
                    throw new InvalidValueException("email-as-soft-link",
                            "a soft link value must not be an email address; send the email as an email identifier");
                }
                checkLength(trimmed);
                placeholders.checkGeneric("soft link", raw, trimmed);
                yield new Identifier(type, linkName, trimmed, trimmed, null, false, false, null, null, null, List.of());
            }
            default -> {
                checkLength(trimmed);
                placeholders.checkGeneric(type.label(), raw, trimmed);
                yield new Identifier(type, null, trimmed, trimmed, null, false, false, null, null, null, List.of());
            }
        };
    }

    /** The same identifier with where it was seen and its channel flags (null: not said). */
    public Identifier seenAt(String source, String accountId, Boolean primary, Boolean verified,
                             Boolean subscribed) {
        String normalizedSource = normalizeSource(source);
        if (accountId != null && (accountId.isBlank() || accountId.length() > 100)) {
            throw new InvalidValueException("invalid-account-id", "account id must be 1 to 100 characters");
        }
        List<SourceAccount> seen = normalizedSource == null ? List.of()
                : List.of(new SourceAccount(normalizedSource, accountId == null ? null : accountId.trim()));
        return new Identifier(type, name, value, displayValue, country, reformatted, unplaced, verified, primary,
                subscribed, seen);
    }

    /** Where it was first seen, or null. */
    public String source() {
        return sources.isEmpty() ? null : sources.get(0).source();
    }

    /** The account of the first sighting, or null. */
    public String accountId() {
        return sources.isEmpty() ? null : sources.get(0).accountId();
    }

    /**
     * This identifier with the sightings of {@code other} (the same key seen again) added; channel flags sent with
     * the new sighting replace the ones held.
     */
    public Identifier seenAgain(Identifier other) {
        if (!key().equals(other.key())) {
            throw new IllegalArgumentException("not the same identifier");
        }
        List<SourceAccount> merged = new ArrayList<>(sources);
        for (SourceAccount sighting : other.sources) {
            if (!merged.contains(sighting)) {
                merged.add(sighting);
            }
        }
        return new Identifier(type, name, value, displayValue, country, reformatted, unplaced,
                other.verified != null ? other.verified : verified, other.primary != null ? other.primary : primary,
                other.subscribed != null ? other.subscribed : subscribed, merged);
    }

    public static String normalizeSource(String source) {
        if (source == null) {
            return null;
        }
        String upper = source.trim().toUpperCase(Locale.ROOT);
        if (!isSource(upper)) {
            throw new InvalidValueException("invalid-source",
                    "source must be 1 to 40 letters, digits or '_' such as WEBSITE, INSTORE, MOBILE_APP");
        }
        return upper;
    }

    /** {@code [A-Z0-9_]{1,40}}, written out (checked for every identifier of every write). */
    private static boolean isSource(String source) {
        if (source.isEmpty() || source.length() > 40) {
            return false;
        }
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    public IdentifierKey key() {
        return new IdentifierKey(IdentifierKey.storedType(type, name), value);
    }

    private static void checkLength(String value) {
        if (value.length() > MAX_VALUE_LENGTH) {
            throw new InvalidValueException("value-too-long",
                    "identifier value must be at most " + MAX_VALUE_LENGTH + " characters");
        }
    }

    @Override
    public String toString() {
        return "Identifier[" + key() + "]";
    }
}
