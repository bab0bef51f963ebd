package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Values that never identify anyone ("never send bogus data"): test and no-email addresses, all-zero phones, "null",
 * "-1". A placeholder must not become an identifier, or every customer who typed it would be merged into one.
 * The check reads the value as sent and as normalised.
 */
public final class PlaceholderPolicy {

    /** Values that are placeholders whatever the identifier type. */
    private static final Set<String> GENERIC = Set.of(
            "-1", "0", "null", "nil", "none", "undefined", "unknown", "n/a", "na", "nan", "test", "anonymous",
            "empty", "blank", "[object object]", "xxx", "noemail", "no-email", "no_email", "nomail", "no mail",
            "not provided", "not_provided", "notprovided", "-", "--", ".", "?", "default");

    /** Mailbox names that are placeholders at any domain. */
    private static final Set<String> EMAIL_LOCAL_PARTS = Set.of(
            "anonymous", "noemail", "no-email", "no_email", "no.email", "nomail", "no-mail", "none", "null", "nil",
            "undefined", "unknown", "noreply", "no-reply", "donotreply", "do-not-reply", "nobody", "invalid",
            "dummy", "fake", "na", "n/a");

    /** Whole addresses well known as placeholders. */
    private static final Set<String> EMAIL_ADDRESSES = Set.of(
            "test@test.com", "test@example.com", "test@example.org", "example@example.com", "email@email.com",
            "email@example.com", "user@example.com", "mail@example.com", "a@a.com", "a@a.ru", "aa@aa.com",
            "asd@asd.com", "asdf@asdf.com", "qwe@qwe.com", "qwerty@qwerty.com", "123@123.com", "x@x.com",
            "test@test.ru", "test@mail.com", "no@no.com", "no@email.com", "none@none.com");

    /** Domains reserved as never deliverable (RFC 2606 / RFC 6761) or made for "no email". */
    private static final Set<String> EMAIL_DOMAINS = Set.of(
            "noemail.com", "no-email.com", "nomail.com", "none.com", "invalid", "test", "localhost", "example",
            "mailinator.invalid");

    private static final Set<String> PHONE_SEQUENCES = Set.of(
            "123456", "1234567", "12345678", "123456789", "1234567890", "0123456789", "01234567890",
            "12345678901", "9876543210", "0987654321");

    private static final PlaceholderPolicy DEFAULTS = new PlaceholderPolicy(Set.of());

    private final Set<String> extra;

    private PlaceholderPolicy(Set<String> extra) {
        this.extra = Set.copyOf(extra);
    }

    public static PlaceholderPolicy defaults() {
        return DEFAULTS;
    }

    /** The defaults plus values a tenant adds (compared case-insensitively, after trimming). */
    public static PlaceholderPolicy withExtraValues(Set<String> values) {
        Set<String> lowered = new HashSet<>();
        for (String value : values) {
            lowered.add(value.trim().toLowerCase(Locale.ROOT));
        }
        return new PlaceholderPolicy(lowered);
    }

    /** Refuses a generic placeholder (any identifier type), given the raw and the normalised value. */
    public void checkGeneric(String field, String raw, String normalized) {
        if (isGeneric(raw) || isGeneric(normalized)) {
            throw placeholder(field);
        }
    }

    public void checkEmail(EmailAddress email) {
        String address = email.normalized();
        int at = address.lastIndexOf('@');
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        String tld = domain.substring(domain.lastIndexOf('.') + 1);
        boolean bogus = EMAIL_ADDRESSES.contains(address)
                || EMAIL_LOCAL_PARTS.contains(local)
                || EMAIL_DOMAINS.contains(domain)
                || EMAIL_DOMAINS.contains(tld)
                || isGeneric(local) && (local.length() > 1)
                || extra.contains(address);
        if (bogus) {
            throw placeholder("email");
        }
    }

    public void checkPhone(String raw, PhoneNumber phone) {
        StringBuilder sentDigits = new StringBuilder(raw.length());
        raw.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> sentDigits.append((char) c));
        if (isDummyNumber(sentDigits.toString()) || isDummyNumber(phone.e164().substring(1))
                || isDummyNumber(phone.nationalDigits())
                || extra.contains(raw.trim().toLowerCase(Locale.ROOT)) || extra.contains(phone.e164())) {
            throw placeholder("phone");
        }
    }

    private static boolean isDummyNumber(String digits) {
        if (digits.isEmpty()) {
            return false;
        }
        boolean allSame = digits.chars().allMatch(c -> c == digits.charAt(0));
        return (allSame && digits.length() >= 5) || PHONE_SEQUENCES.contains(digits);
    }

    private boolean isGeneric(String value) {
        if (value == null) {
            return false;
        }
        String lowered = value.trim().toLowerCase(Locale.ROOT);
        return GENERIC.contains(lowered) || extra.contains(lowered);
    }

    private static InvalidValueException placeholder(String field) {
        return new InvalidValueException("placeholder-value",
                field + " is a placeholder value that identifies nobody; send the real value or leave it out");
    }
}
