package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An email address. Compared case-insensitively as a whole (providers deliver {@code Anna@} and {@code anna@} to one
 * mailbox), so the normalised form is the trimmed address in lower case; the address as first sent is kept for display.
 */
public record EmailAddress(String normalized, String display) {

    private static final Pattern LOCAL = Pattern.compile("[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?");

    public static EmailAddress parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw invalid("email must not be empty");
        }
        String display = raw.trim();
        if (display.length() > 254) {
            throw invalid("email must be at most 254 characters");
        }
        int at = display.lastIndexOf('@');
        if (at <= 0 || at == display.length() - 1) {
            throw invalid("email must look like name@domain.tld");
        }
        String local = display.substring(0, at);
        String domain = display.substring(at + 1);
        if (local.length() > 64 || !LOCAL.matcher(local).matches()) {
            throw invalid("the part before @ is not a valid mailbox name");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid("the domain after @ needs a dot, e.g. example.com");
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid("the domain after @ is not a valid host name");
            }
        }
        if (labels[labels.length - 1].length() < 2 || labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid("the domain after @ must end in a top-level domain such as .com");
        }
        return new EmailAddress(display.toLowerCase(Locale.ROOT), display);
    }

    /** True when the text looks like an email address at all (used to refuse emails where they don't belong). */
    public static boolean looksLikeEmail(String raw) {
        try {
            parse(raw);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException("invalid-email", message);
    }

    /** Personal data stays out of logs and messages. */
    @Override
    public String toString() {
        return "EmailAddress[***]";
    }
}
