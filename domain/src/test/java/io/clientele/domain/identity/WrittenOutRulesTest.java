package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules that run for every identifier, written out as loops, say what the regexes they replaced say. */
class WrittenOutRulesTest {

    private static final Pattern SEPARATORS = Pattern.compile("[\\s\\-.()\\[\\]/]");
    private static final Pattern DIGITS = Pattern.compile("\\+?[0-9]+");
    private static final Pattern SOURCE = Pattern.compile("[A-Z0-9_]{1,40}");

    private static String random(Random random, String alphabet, int maxLength) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(maxLength + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    @Test
    void phoneSeparatorsAndDigits() {
        Random random = new Random(7);
        String alphabet = "0123456789+ \t\n\u000B\f\r-.()[]/x٣\u00a0\u2007_";
        for (int n = 0; n < 50_000; n++) {
            String sent = random(random, alphabet, 16);
            String compact = PhoneNumber.withoutSeparators(sent);
            assertThat(compact).as("'%s'", sent).isEqualTo(SEPARATORS.matcher(sent).replaceAll(""));
            assertThat(PhoneNumber.isDigits(compact)).as("'%s'", compact).isEqualTo(DIGITS.matcher(compact).matches());
        }
    }

    @Test
    void sources() {
        Random random = new Random(11);
        String alphabet = "AZaz09_- .é\u0130\u0131";
        for (int n = 0; n < 50_000; n++) {
            String source = random(random, alphabet, n % 10 == 0 ? 45 : 8);
            String upper = source.trim().toUpperCase(Locale.ROOT);
            boolean accepted;
            try {
                accepted = Identifier.normalizeSource(source).equals(upper);
            } catch (InvalidValueException e) {
                accepted = false;
            }
            assertThat(accepted).as("'%s'", source).isEqualTo(SOURCE.matcher(upper).matches());
        }
    }
}
