package io.clientele.adapter.in.rest.dialect.custobar;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The company-field rule, written out as a loop, says what {@link CustobarFields#COMPANY_FIELD} says. */
class CustobarFieldsTest {

    @Test
    void companyFieldsAsTheRegexSays() {
        Random random = new Random(3);
        String alphabet = "ABZ09az__.:-é ";
        for (int n = 0; n < 50_000; n++) {
            StringBuilder key = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = key.toString();
            assertThat(CustobarFields.isCompanyField(text)).as("'%s'", text)
                    .isEqualTo(CustobarFields.COMPANY_FIELD.matcher(text).matches());
        }
        assertThat(CustobarFields.isCompanyField("COMPANY__loyalty_level")).isTrue();
        assertThat(CustobarFields.isCompanyField("Company__x")).isFalse();
        assertThat(CustobarFields.isCompanyField("COMPANY__")).isFalse();
        assertThat(CustobarFields.isCompanyField("__x")).isFalse();
    }
}
