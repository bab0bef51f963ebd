package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md "Phone numbers": every row of the table, with tenant region RU unless said otherwise. */
class PhoneNumberTest {

    private static final String RU = "RU";

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "71112223344",
            "81112223344",
            "+71112223344",
            "+7(111)2223344",
            "+7(111)222-33-44",
            "+7 (111) 222-33-44",
            "+7 (111) 222 33 44",
            "+7 111 222 33 44",
            "+7-111-222-33-44",
            "8-111-222-33-44"})
    void theTenRetailRocketFormatsAreOneRussianNumber(String raw) {
        PhoneNumber phone = PhoneNumber.parse(raw, RU);

        assertThat(phone.e164()).isEqualTo("+71112223344");
        assertThat(phone.country()).isEqualTo("RU");
        // possible but not valid to libphonenumber, still placed (not the "unverified" fallback)
        assertThat(phone.verified()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"4400114527199", "+440114527199", "+44114527199", "00440114527199", "+39 06 1234 5678",
            "8 (916) 555-01-23", "+7 916 555-01-23", "0401234567", "+3580401234567", "5577999617074"})
    void aStoredFormReadsBackAsItself(String raw) {
        // PersonaClick's page example was stored as +440114527199, which read back as +44114527199
        PhoneNumber phone = PhoneNumber.parse(raw, RU);

        assertThat(PhoneNumber.parse(phone.e164(), RU).e164()).isEqualTo(phone.e164());
        assertThat(PhoneNumber.parse(phone.e164(), "FI").e164()).isEqualTo(phone.e164());
    }

    @Test
    void aNationalPrefixOtherThanZeroIsSettledToo() {
        // Belarus dials 8 80…: a fast path that re-read only numbers with a 0 after the country code stored
        // +37580294911911, which reads back as +375294911911
        PhoneNumber phone = PhoneNumber.parse("8 8029 491-19-11", "BY");
        assertThat(PhoneNumber.parse(phone.e164(), "BY").e164()).isEqualTo(phone.e164());
    }

    @Test
    void thePersonaClickExampleIsOneNumberHoweverItsZeroIsWritten() {
        assertThat(PhoneNumber.parse("4400114527199", RU).e164()).isEqualTo(PhoneNumber.parse("+44114527199", RU)
                .e164());
    }

    @Test
    void eightPrefixedNumberIsNotReadAsJapanese() {
        // a naive "region, then international" reading turns this into +81 ... (JP)
        PhoneNumber phone = PhoneNumber.parse("81112223344", RU);

        assertThat(phone.e164()).isEqualTo("+71112223344");
        assertThat(phone.country()).isNotEqualTo("JP").isEqualTo("RU");
    }

    @Test
    void brazilianNumberWithoutPlusIsValidAsInternational() {
        PhoneNumber phone = PhoneNumber.parse("5577999617074", RU);

        assertThat(phone.e164()).isEqualTo("+5577999617074");
        assertThat(phone.country()).isEqualTo("BR");
        assertThat(phone.verified()).isTrue();
    }

    @Test
    void dutchNumberWithoutPlusIsValidAsInternational() {
        PhoneNumber phone = PhoneNumber.parse("31687224865", RU);

        assertThat(phone.e164()).isEqualTo("+31687224865");
        assertThat(phone.country()).isEqualTo("NL");
        assertThat(phone.verified()).isTrue();
    }

    @Test
    void chileanNumberWithoutPlusIsValidAsInternational() {
        PhoneNumber phone = PhoneNumber.parse("56948840030", RU);

        assertThat(phone.e164()).isEqualTo("+56948840030");
        assertThat(phone.country()).isEqualTo("CL");
        assertThat(phone.verified()).isTrue();
    }

    @Test
    void unplaceableFifteenDigitsAreKeptUnverifiedWithoutCountry() {
        PhoneNumber phone = PhoneNumber.parse("123456789012345", RU);

        assertThat(phone.e164()).isEqualTo("+123456789012345");
        assertThat(phone.verified()).isFalse();
        assertThat(phone.country()).isNull();
        assertThat(phone.nationalDigits()).isEqualTo("123456789012345");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"89161234567", "9161234567", "+7 916 123-45-67"})
    void validRussianMobileInThreeForms(String raw) {
        PhoneNumber phone = PhoneNumber.parse(raw, RU);

        assertThat(phone.e164()).isEqualTo("+79161234567");
        assertThat(phone.country()).isEqualTo("RU");
        assertThat(phone.verified()).isTrue();
        assertThat(phone.nationalDigits()).isEqualTo("9161234567");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"12", "abc", "+0000", "", "   ", "+7 916 12a-45-67", "1234567890123456"})
    void whatIsNoPhoneNumberIsRejected(String raw) {
        assertThatThrownBy(() -> PhoneNumber.parse(raw, RU))
                .isInstanceOf(InvalidValueException.class)
                .extracting(e -> ((InvalidValueException) e).code())
                .isEqualTo("invalid-phone");
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> PhoneNumber.parse(null, RU))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid-phone"));
    }

    @Test
    void britishNationalNumberWithTrunkZero() {
        PhoneNumber phone = PhoneNumber.parse("07400 123456", "GB");

        assertThat(phone.e164()).isEqualTo("+447400123456");
        assertThat(phone.country()).isEqualTo("GB");
        assertThat(phone.verified()).isTrue();
        assertThat(phone.reformatted()).isTrue();
    }

    @Test
    void countryIsLibphonenumbersRegionForTheNumberNotTheTenantRegion() {
        // +44 7911 belongs to Guernsey's range: the stored number is the same, the country is libphonenumber's
        PhoneNumber phone = PhoneNumber.parse("07911 123456", "GB");

        assertThat(phone.e164()).isEqualTo("+447911123456");
        assertThat(phone.country()).isEqualTo("GG");
        assertThat(phone.verified()).isTrue();
    }

    @Test
    void finnishNationalNumberWithTrunkZero() {
        PhoneNumber phone = PhoneNumber.parse("040 123 4567", "FI");

        assertThat(phone.e164()).isEqualTo("+358401234567");
        assertThat(phone.country()).isEqualTo("FI");
        assertThat(phone.verified()).isTrue();
    }

    @Test
    void tenantRegionDecidesHowANationalNumberIsRead() {
        // the same national digits mean different numbers for a Finnish and a British tenant
        assertThat(PhoneNumber.parse("0401234567", "FI").e164()).isEqualTo("+358401234567");
        assertThat(PhoneNumber.parse("07400123456", "GB").e164()).isEqualTo("+447400123456");
        assertThat(PhoneNumber.parse("07400123456", "FI").e164()).isNotEqualTo("+447400123456");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"0079161234567", "00 7 916 123-45-67", "007 (916) 123 45 67"})
    void doubleZeroIsTheInternationalPrefix(String raw) {
        PhoneNumber phone = PhoneNumber.parse(raw, RU);

        assertThat(phone.e164()).isEqualTo("+79161234567");
        assertThat(phone.country()).isEqualTo("RU");
    }

    @Test
    void doubleZeroPrefixWorksForAnotherCountryFromAnotherRegion() {
        PhoneNumber phone = PhoneNumber.parse("00447400123456", "FI");

        assertThat(phone.e164()).isEqualTo("+447400123456");
        assertThat(phone.country()).isEqualTo("GB");
    }

    @Test
    void exactE164IsNotReformatted() {
        assertThat(PhoneNumber.parse("+79161234567", RU).reformatted()).isFalse();
        assertThat(PhoneNumber.parse("  +79161234567  ", RU).reformatted())
                .as("surrounding whitespace is trimmed before comparing")
                .isFalse();
        assertThat(PhoneNumber.parse("+447400123456", RU).reformatted()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"89161234567", "9161234567", "+7 916 123-45-67", "79161234567", "0079161234567",
            "+7(916)1234567"})
    void anythingButExactE164IsReformatted(String raw) {
        PhoneNumber phone = PhoneNumber.parse(raw, RU);

        assertThat(phone.e164()).isEqualTo("+79161234567");
        assertThat(phone.reformatted()).isTrue();
    }

    @Test
    void unverifiedNumberReportsReformattedToo() {
        assertThat(PhoneNumber.parse("+123456789012345", RU).reformatted()).isFalse();
        assertThat(PhoneNumber.parse("123456789012345", RU).reformatted()).isTrue();
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+79161234567", "+390612345678", "+12025550123",
            "+358401234567", "+12423570123", "+4915112345678", "+97142345678", "+881612345678"})
    void nationalDigitsAreWhatLibphonenumberCallsTheNationalSignificantNumber(String e164) throws Exception {
        com.google.i18n.phonenumbers.PhoneNumberUtil util = com.google.i18n.phonenumbers.PhoneNumberUtil.getInstance();
        PhoneNumber phone = PhoneNumber.parse(e164, "RU");

        assertThat(phone.verified()).isTrue();
        assertThat(phone.nationalDigits()).isEqualTo(util.getNationalSignificantNumber(util.parse(e164, "ZZ")));
    }

    @Test
    void aNumberSentWithItsCountryCodeButNoPlusIsReadAsInternationalWhenThatIsTheLikelyReading() {
        // the region's own country code first: read nationally first, a German tenant doubled it
        assertThat(e164(PhoneNumber.withCountryCodeFirst("4917612345678", "DE"), "DE")).isEqualTo("+4917612345678");
        assertThat(PhoneNumber.parse("4917612345678", "DE").e164()).isEqualTo("+494917612345678");
        assertThat(e164(PhoneNumber.withCountryCodeFirst("91 98450 12345", "IN"), "IN")).isEqualTo("+919845012345");
        // another country's number that is no valid national one
        assertThat(e164(PhoneNumber.withCountryCodeFirst("358401234567", RU), RU)).isEqualTo("+358401234567");
        // a valid national number stays national, though it would also be valid abroad
        assertThat(e164(PhoneNumber.withCountryCodeFirst("84951234567", RU), RU)).isEqualTo("+74951234567");
        assertThat(e164(PhoneNumber.withCountryCodeFirst("2015082794", "US"), "US")).isEqualTo("+12015082794");
        assertThat(e164(PhoneNumber.withCountryCodeFirst("89161234567", RU), RU)).isEqualTo("+79161234567");
        // left as sent: a number with its + or 00, text that isn't a number
        assertThat(PhoneNumber.withCountryCodeFirst("+358 40 123 4567", "FI")).isEqualTo("+358 40 123 4567");
        assertThat(PhoneNumber.withCountryCodeFirst("0049 176 12345678", "DE")).isEqualTo("0049 176 12345678");
        assertThat(PhoneNumber.withCountryCodeFirst("n/a", "FI")).isEqualTo("n/a");
    }

    private static String e164(String raw, String region) {
        return PhoneNumber.parse(raw, region).e164();
    }
}
