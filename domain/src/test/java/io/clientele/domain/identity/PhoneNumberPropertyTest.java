package io.clientele.domain.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of {@link PhoneNumber#parse} (jqwik; kept apart from the JUnit examples in {@link PhoneNumberTest} so that
 * each engine has its own class in the Surefire reports).
 */
class PhoneNumberPropertyTest {

    private static final String RU = "RU";

    @Property
    void russianMobileInAnyOfThreeFormsIsOneNumber(@ForAll("ruMobileNationalDigits") String national) {
        String eight = "8" + national;
        String plusSeven = "+7" + national;
        String pretty = "+7 (" + national.substring(0, 3) + ") " + national.substring(3, 6) + "-"
                + national.substring(6, 8) + "-" + national.substring(8, 10);

        PhoneNumber fromEight = PhoneNumber.parse(eight, RU);
        PhoneNumber fromPlusSeven = PhoneNumber.parse(plusSeven, RU);
        PhoneNumber fromPretty = PhoneNumber.parse(pretty, RU);

        assertThat(fromEight.e164()).isEqualTo("+7" + national);
        assertThat(fromPlusSeven.e164()).isEqualTo("+7" + national);
        assertThat(fromPretty.e164()).isEqualTo("+7" + national);
        assertThat(fromEight.country()).isEqualTo("RU");
        assertThat(fromPlusSeven.country()).isEqualTo("RU");
        assertThat(fromPretty.country()).isEqualTo("RU");
    }

    @Property
    void normalisingAStoredNumberAgainChangesNothing(@ForAll("ruMobileNationalDigits") String national) {
        PhoneNumber first = PhoneNumber.parse("8 " + national, RU);
        PhoneNumber again = PhoneNumber.parse(first.e164(), RU);

        assertThat(again.e164()).isEqualTo(first.e164());
        assertThat(again.country()).isEqualTo(first.country());
        assertThat(again.reformatted()).isFalse();
        assertThat(first.reformatted()).isTrue();
    }

    @Provide
    Arbitrary<String> ruMobileNationalDigits() {
        return Arbitraries.strings().numeric().ofLength(9).map(digits -> "9" + digits);
    }
}
