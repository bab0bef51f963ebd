package io.clientele.domain.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that looks like a way to reach a person: an email address, or a phone number (7 to 15 digits written with
 * {@code +}, spaces, brackets, dashes or dots between groups, or a bare run of 10 to 15 digits). Used to keep free
 * custom values out of depersonalised views, where a client may have put contact data under any name. Dates, times,
 * decimals and shorter bare numbers (amounts, counts) pass. A heuristic: it errs towards hiding.
 */
final class ContactDataPattern {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@.]+");
    /** Dates, times and UUIDs, taken out before digits are counted. */
    private static final Pattern NOT_A_PHONE = Pattern.compile("(?<!\\d)(\\d{4}[-./]\\d{1,2}[-./]\\d{1,2}"
            + "|\\d{1,2}[-./]\\d{1,2}[-./]\\d{4}|\\d{1,2}:\\d{2}(:\\d{2})?"
            + "|\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12})(?!\\d)");
    private static final Pattern THOUSANDS = Pattern.compile("\\d{1,3}( \\d{3})+");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\d[\\d ().\\-]*\\d");
    private static final int FEWEST = 7;
    private static final int MOST = 15;

    private ContactDataPattern() {
    }

    static boolean matches(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            return true;
        }
        Matcher run = DIGIT_RUN.matcher(NOT_A_PHONE.matcher(text).replaceAll(" # "));
        while (run.find()) {
            if (isPhone(run.group())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPhone(String run) {
        int digits = (int) run.chars().filter(Character::isDigit).count();
        if (digits > MOST) {
            // two numbers side by side: each on its own
            for (String part : run.split("\\s+")) {
                if (!part.equals(run) && isPhone(part)) {
                    return true;
                }
            }
            return false;
        }
        if (digits < FEWEST) {
            return false;
        }
        if (THOUSANDS.matcher(run).matches()) {
            return false; // an amount: 1 250 000
        }
        long dots = run.chars().filter(c -> c == '.').count();
        boolean separated = run.startsWith("+") || run.chars().anyMatch(c -> c == ' ' || c == '(' || c == '-');
        if (dots == 1 && !separated) {
            return false; // a decimal: 3.14159265
        }
        return separated || dots >= 2 || digits >= 10;
    }
}
