package io.clientele.domain.customer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that looks like a way to reach a person: an email address, or a phone number (a run of 7 or more digits that
 * starts with {@code +} or is written with spaces, brackets or dashes, or a bare run of 10 to 15 digits). Used to
 * keep free custom attributes out of depersonalised views, where a client may have put contact data under any name.
 * Shorter bare numbers (amounts, counts) and ISO dates pass.
 */
final class ContactDataPattern {

    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@.]+");
    private static final Pattern DIGIT_RUN = Pattern.compile("\\+?\\d[\\d ()\\-]*\\d");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}");

    private ContactDataPattern() {
    }

    static boolean matches(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        if (text.indexOf('@') >= 0 && EMAIL.matcher(text).find()) {
            return true;
        }
        Matcher run = DIGIT_RUN.matcher(text);
        while (run.find()) {
            String found = run.group();
            int digits = 0;
            for (int i = 0; i < found.length(); i++) {
                if (Character.isDigit(found.charAt(i))) {
                    digits++;
                }
            }
            if (digits < 7 || digits > 15 || DATE.matcher(found).matches()) {
                continue;
            }
            boolean written = found.startsWith("+") || found.chars().anyMatch(c -> c == ' ' || c == '(' || c == '-');
            if (written || digits >= 10) {
                return true;
            }
        }
        return false;
    }
}
