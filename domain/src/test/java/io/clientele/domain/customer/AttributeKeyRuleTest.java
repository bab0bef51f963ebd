package io.clientele.domain.customer;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The attribute-name rule, written out as a loop, says what its regex says. */
class AttributeKeyRuleTest {

    private static final Pattern RULE = Pattern.compile("[\\p{L}\\p{N}_.:\\- ]{1,100}");
    private static final String ALPHABET = "aZ09_.:- \t/\\'\"é中٣½Ⅻ\u0000\u00a0\uD835\uDC00\uD83D\uDE00\uD800,;+";

    @Test
    void agreesWithTheRegexOnRandomNames() {
        Random random = new Random(42);
        for (int n = 0; n < 50_000; n++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(n % 10 == 0 ? 110 : 6);
            for (int i = 0; i < length; i++) {
                key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String text = key.toString();
            assertThat(CustomerDetails.isAttributeKey(text)).as("'%s'", text).isEqualTo(RULE.matcher(text).matches());
        }
    }

    @Test
    void edges() {
        assertThat(CustomerDetails.isAttributeKey("")).isFalse();
        assertThat(CustomerDetails.isAttributeKey("a".repeat(100))).isTrue();
        assertThat(CustomerDetails.isAttributeKey("a".repeat(101))).isFalse();
        // a letter outside the basic plane counts once, as in the regex
        assertThat(CustomerDetails.isAttributeKey("\uD835\uDC00".repeat(100))).isTrue();
        assertThat(CustomerDetails.isAttributeKey("\uD835\uDC00".repeat(100))).isEqualTo(
                RULE.matcher("\uD835\uDC00".repeat(100)).matches());
    }
}
