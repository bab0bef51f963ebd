package io.clientele.domain.identity;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import io.clientele.domain.shared.InvalidValueException;

/**
 * A phone number in E.164 ({@code +71112223344}) with the country it belongs to.
 *
 * <p>{@code verified} says libphonenumber could place the number; an unplaceable number of 7 to 15 digits is kept as
 * {@code +digits} with {@code verified = false} and no country. {@code reformatted} says the stored value differs
 * from what was sent. The reading rules (and why each exists) are in DOMAIN.md "Phone numbers".
 */
public record PhoneNumber(String e164, String country, boolean verified, boolean reformatted) {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final java.util.Set<Integer> CALLING_CODES = java.util.Set.copyOf(UTIL.getSupportedCallingCodes());

    /** {@code sent} without whitespace, dashes, dots, brackets and slashes (a loop: it runs for every phone). */
    static String withoutSeparators(String sent) {
        StringBuilder compact = new StringBuilder(sent.length());
        for (int i = 0; i < sent.length(); i++) {
            char c = sent.charAt(i);
            switch (c) {
                case ' ', '\t', '\n', '\u000B', '\f', '\r', '-', '.', '(', ')', '[', ']', '/' -> {
                }
                default -> compact.append(c);
            }
        }
        return compact.toString();
    }

    /** {@code \+?[0-9]+}. */
    static boolean isDigits(String compact) {
        int from = compact.startsWith("+") ? 1 : 0;
        if (compact.length() == from) {
            return false;
        }
        for (int i = from; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads a phone number as a tenant of {@code region} would mean it.
     *
     * @throws InvalidValueException (code {@code invalid-phone}) when it is no phone number at all
     */
    public static PhoneNumber parse(String raw, String region) {
        if (raw == null || raw.isBlank()) {
            throw invalid("phone must not be empty");
        }
        String sent = raw.trim();
        String compact = withoutSeparators(sent);
        if (compact.startsWith("00")) {
            compact = "+" + compact.substring(2);
        }
        if (!isDigits(compact)) {
            throw invalid("phone may contain only digits, a leading +, spaces, dashes, dots and brackets");
        }
        String digits = compact.startsWith("+") ? compact.substring(1) : compact;

        Phonenumber.PhoneNumber accepted = null;
        if (compact.startsWith("+")) {
            Phonenumber.PhoneNumber international = parseOrNull(compact, "ZZ");
            if (international != null && UTIL.isPossibleNumber(international)) {
                accepted = international;
            }
        } else {
            Phonenumber.PhoneNumber national = parseOrNull(compact, region);
            Phonenumber.PhoneNumber international = parseOrNull("+" + compact, "ZZ");
            String trunkPrefix = UTIL.getNddPrefixForRegion(region, true);
            boolean startsWithTrunk = trunkPrefix != null && !trunkPrefix.isEmpty() && compact.startsWith(trunkPrefix);
            if (national != null && (UTIL.isValidNumber(national)
                    || (startsWithTrunk && UTIL.isPossibleNumber(national)))) {
                accepted = national;
            } else if (international != null && UTIL.isValidNumber(international)) {
                accepted = international;
            } else if (national != null && UTIL.isPossibleNumber(national)) {
                accepted = national;
            } else if (international != null && UTIL.isPossibleNumber(international)) {
                accepted = international;
            }
        }

        if (accepted != null) {
            accepted = settled(accepted);
            String e164 = UTIL.format(accepted, PhoneNumberUtil.PhoneNumberFormat.E164);
            return new PhoneNumber(e164, countryOf(accepted), true, !e164.equals(sent));
        }
        if (digits.length() >= 7 && digits.length() <= 15) {
            String e164 = "+" + digits;
            return new PhoneNumber(e164, null, false, !e164.equals(sent));
        }
        throw invalid("phone is not a phone number: it needs 7 to 15 digits, e.g. +7 916 123-45-67");
    }

    /**
     * The number as its own E.164 form reads back. libphonenumber strips one trunk prefix after a country code, so
     * {@code 4400114527199} (PersonaClick's page) became {@code +440114527199}, which reads back as
     * {@code +44114527199}: the stored form found nothing when sent again, and created a second customer. A stored
     * form must read back as itself; this reads the E.164 again until it does (twice at most in practice).
     */
    private static Phonenumber.PhoneNumber settled(Phonenumber.PhoneNumber number) {
        Phonenumber.PhoneNumber current = number;
        for (int round = 0; round < 3; round++) {
            String e164 = UTIL.format(current, PhoneNumberUtil.PhoneNumberFormat.E164);
            Phonenumber.PhoneNumber again = parseOrNull(e164, "ZZ");
            if (again == null || !UTIL.isPossibleNumber(again)
                    || UTIL.format(again, PhoneNumberUtil.PhoneNumberFormat.E164).equals(e164)) {
                return current;
            }
            current = again;
        }
        return current;
    }

    /**
     * A number from an API whose clients send it "with the country code" (Capillary; Custobar's "country prefixed
     * format"), as {@link #parse} should read it against {@code region}: digits without a {@code +} are given their
     * {@code +} when, read that way, they are a valid number and either its country code is the region's own (a German
     * tenant's {@code 4917612345678}: read nationally first it was {@code +49} twice) or they are no valid national
     * number. A valid national number keeps its national reading ({@code 84951234567} in Russia is Moscow, not
     * Vietnam). Anything else is left as sent.
     */
    public static String withCountryCodeFirst(String raw, String region) {
        if (raw == null) {
            return null;
        }
        String compact = withoutSeparators(raw.trim());
        if (compact.isEmpty() || compact.startsWith("+") || compact.startsWith("00") || !isDigits(compact)) {
            return raw;
        }
        Phonenumber.PhoneNumber international = parseOrNull("+" + compact, "ZZ");
        if (international == null || !UTIL.isValidNumber(international)) {
            return raw;
        }
        if (international.getCountryCode() == UTIL.getCountryCodeForRegion(region)) {
            return "+" + compact;
        }
        // a national reading as parse accepts one: valid, or possible after the region's trunk prefix
        Phonenumber.PhoneNumber national = parseOrNull(compact, region);
        String trunkPrefix = UTIL.getNddPrefixForRegion(region, true);
        boolean startsWithTrunk = trunkPrefix != null && !trunkPrefix.isEmpty() && compact.startsWith(trunkPrefix);
        return national != null && (UTIL.isValidNumber(national)
                || startsWithTrunk && UTIL.isPossibleNumber(national)) ? raw : "+" + compact;
    }

    /** The national significant number (no country code), or the digits when the number could not be placed. */
    public String nationalDigits() {
        if (verified) {
            // E.164 is +<calling code><national significant number>, and calling codes are prefix-free: the first
            // prefix that is one is the one (cheaper than parsing the number again)
            for (int length = 1; length <= 3 && length < e164.length() - 1; length++) {
                if (CALLING_CODES.contains(Integer.parseInt(e164.substring(1, 1 + length)))) {
                    return e164.substring(1 + length);
                }
            }
        }
        return e164.substring(1);
    }

    private static String countryOf(Phonenumber.PhoneNumber number) {
        String region = UTIL.getRegionCodeForNumber(number);
        if (region == null || "ZZ".equals(region) || "001".equals(region)) {
            region = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
        }
        return region == null || "ZZ".equals(region) || "001".equals(region) ? null : region;
    }

    private static Phonenumber.PhoneNumber parseOrNull(String text, String region) {
        try {
            return UTIL.parse(text, region);
        } catch (NumberParseException e) {
            return null;
        }
    }

    private static InvalidValueException invalid(String message) {
        return new InvalidValueException("invalid-phone", message);
    }

    /** Personal data stays out of logs and messages. */
    @Override
    public String toString() {
        return "PhoneNumber[country=" + country + ", verified=" + verified + "]";
    }
}
