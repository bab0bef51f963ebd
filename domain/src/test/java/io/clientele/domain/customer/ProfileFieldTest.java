package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProfileFieldTest {

    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final ZoneId HELSINKI = ZoneId.of("Europe/Helsinki");

    private static void assertCode(ProfileField field, Object raw, String code) {
        assertThatThrownBy(() -> field.normalize(raw, MOSCOW))
                .isInstanceOfSatisfying(InvalidValueException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(field.jsonName());
                });
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"RU,ru", "ru,ru", "' En ',en", "FI,fi", "uk,uk"})
    void languageIsCaseInsensitiveAndStoredInLowerCase(String raw, String expected) {
        assertThat(ProfileField.LANGUAGE.normalize(raw, MOSCOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"xx", "QQ", "12", "r1"})
    void unknownLanguageIsRejected(String raw) {
        assertCode(ProfileField.LANGUAGE, raw, "invalid-language");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"fi,FI", "FI,FI", "' ru ',RU", "gb,GB", "Nl,NL"})
    void countryIsCaseInsensitiveAndStoredInUpperCase(String raw, String expected) {
        assertThat(ProfileField.COUNTRY.normalize(raw, MOSCOW)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"UK", "xx", "ZZ", "00"})
    void unknownCountryIsRejected(String raw) {
        // UK is a language code and a common mistake for GB, but no ISO 3166-1 alpha-2 country code
        assertCode(ProfileField.COUNTRY, raw, "invalid-country");
    }

    @Test
    void defaultRegionIsAtMostFiftyCharacters() {
        String fifty = "s".repeat(50);

        assertThat(ProfileField.DEFAULT_REGION.normalize(fifty, MOSCOW)).isEqualTo(fifty);
        assertThat(ProfileField.DEFAULT_REGION.normalize("  " + fifty + "  ", MOSCOW))
                .as("the limit applies after trimming").isEqualTo(fifty);
        assertCode(ProfileField.DEFAULT_REGION, "s".repeat(51), "value-too-long");
    }

    @Test
    void datetimesOutsideWhatADatetimeColumnHoldsAreRefusedAsInputButReadBackWhenStored() {
        assertCode(ProfileField.DATE_JOINED, "+10000-01-01T00:00:00Z", "datetime-out-of-range");
        assertCode(ProfileField.DATE_JOINED, "9999-12-31T23:59:59-05:00", "datetime-out-of-range");
        assertCode(ProfileField.DATE_JOINED, "-0001-01-01T00:00:00Z", "datetime-out-of-range");
        assertCode(ProfileField.DATE_JOINED, "0999-12-31T23:59:59Z", "datetime-out-of-range");
        assertThat(ProfileField.DATE_JOINED.normalize("9999-12-31T23:59:59Z", MOSCOW))
                .isEqualTo(java.time.Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(ProfileField.DATE_JOINED.normalize("1000-01-01T00:00:00Z", MOSCOW))
                .isEqualTo(java.time.Instant.parse("1000-01-01T00:00:00Z"));
        // stored before the rule: still read
        assertThat(ProfileField.DATE_JOINED.restore("+10000-01-01T00:00:00Z", java.time.ZoneOffset.UTC))
                .isEqualTo(java.time.Instant.parse("+10000-01-01T00:00:00Z"));
        assertThat(ProfileField.BIRTH_DATE.restore("1700-01-01", java.time.ZoneOffset.UTC))
                .isEqualTo(java.time.LocalDate.parse("1700-01-01"));
    }

    @Test
    void textIsTrimmed() {
        assertThat(ProfileField.FIRST_NAME.normalize("  Anna  ", MOSCOW)).isEqualTo("Anna");
    }

    @Test
    void emptyTextIsRejectedAndNullIsNoValue() {
        assertCode(ProfileField.FIRST_NAME, "   ", "invalid-value");
        assertCode(ProfileField.FIRST_NAME, null, "invalid-value");
    }

    @Test
    void nonTextIsRejectedForTextFields() {
        assertCode(ProfileField.CITY, java.util.List.of("Moscow"), "invalid-type");
    }

    @Test
    void datetimeWithoutOffsetIsReadInTheGivenZone() {
        assertThat(ProfileField.LAST_LOGIN.normalize("2024-01-01T10:00:00", MOSCOW))
                .isEqualTo(Instant.parse("2024-01-01T07:00:00Z"));
        assertThat(ProfileField.LAST_LOGIN.normalize("2024-01-01T10:00:00", HELSINKI))
                .isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    }

    @Test
    void datetimeWithOffsetIgnoresTheZone() {
        assertThat(ProfileField.DATE_JOINED.normalize("2024-01-01T10:00:00Z", MOSCOW))
                .isEqualTo(Instant.parse("2024-01-01T10:00:00Z"));
        assertThat(ProfileField.DATE_JOINED.normalize("2024-01-01T10:00:00+02:00", MOSCOW))
                .isEqualTo(Instant.parse("2024-01-01T08:00:00Z"));
    }

    @Test
    void bareDateAsDatetimeIsStartOfDayInTheGivenZone() {
        assertThat(ProfileField.REGISTERED_AT.normalize("2024-01-01", MOSCOW))
                .isEqualTo(Instant.parse("2023-12-31T21:00:00Z"));
    }

    @Test
    void anOffsetWrittenWithoutItsColonIsThatOffset() {
        // Capillary's page: "YYYY-MM-DDTHH:MM:SS+/-(time-zone)", clients write +0530
        assertThat(ProfileField.LAST_LOGIN.normalize("2024-12-31T23:59:59+0530", MOSCOW))
                .isEqualTo(Instant.parse("2024-12-31T18:29:59Z"));
        assertThat(ProfileField.LAST_LOGIN.normalize("2024-12-31T23:59:59.250-0100", MOSCOW))
                .isEqualTo(Instant.parse("2025-01-01T00:59:59.250Z"));
    }

    @Test
    void datetimeAlreadyAnInstantIsKept() {
        Instant instant = Instant.parse("2024-01-01T10:00:00Z");

        assertThat(ProfileField.LAST_LOGIN.normalize(instant, ZoneOffset.UTC)).isSameAs(instant);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"yesterday", "2024-13-01T10:00:00", "01.01.2024 10:00"})
    void malformedDatetimeIsRejected(String raw) {
        assertCode(ProfileField.LAST_LOGIN, raw, "invalid-datetime");
    }

    @Test
    void birthDateIsParsedAsIsoDate() {
        assertThat(ProfileField.BIRTH_DATE.normalize("1990-05-17", MOSCOW)).isEqualTo(LocalDate.of(1990, 5, 17));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"17.05.1990", "1990-02-30", "1800-01-01", "3000-01-01"})
    void implausibleOrMalformedBirthDateIsRejected(String raw) {
        assertCode(ProfileField.BIRTH_DATE, raw, "invalid-date");
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource({"m,m", "Male,m", "MAN,m", "f,f", "Female,f", "woman,f", "other,other", "OTHER,other",
            "non-binary,non-binary", "Divers,Divers"})
    void genderIsCanonicalOrKeptAsSent(String raw, String expected) {
        assertThat(ProfileField.GENDER.normalize(raw, MOSCOW)).isEqualTo(expected);
    }

    @Test
    void ageIsAWholeNumberFromZeroTo150() {
        assertThat(ProfileField.AGE.normalize("42", MOSCOW)).isEqualTo(42);
        assertThat(ProfileField.AGE.normalize(42.0, MOSCOW)).isEqualTo(42);
        assertThat(ProfileField.AGE.normalize(0, MOSCOW)).isEqualTo(0);
        assertThat(ProfileField.AGE.normalize(150, MOSCOW)).isEqualTo(150);
        assertCode(ProfileField.AGE, 151, "out-of-range");
        assertCode(ProfileField.AGE, -1, "out-of-range");
        assertCode(ProfileField.AGE, "4.5", "invalid-integer");
        assertCode(ProfileField.AGE, "forty", "invalid-integer");
    }

    @Test
    void booleanAcceptsTrueFalseAndOneZero() {
        assertThat(ProfileField.BOUGHT_SOMETHING.normalize("TRUE", MOSCOW)).isEqualTo(true);
        assertThat(ProfileField.BOUGHT_SOMETHING.normalize("0", MOSCOW)).isEqualTo(false);
        assertThat(ProfileField.BOUGHT_SOMETHING.normalize(1, MOSCOW)).isEqualTo(true);
        assertThat(ProfileField.BOUGHT_SOMETHING.normalize(false, MOSCOW)).isEqualTo(false);
        assertCode(ProfileField.BOUGHT_SOMETHING, "yes", "invalid-boolean");
        assertCode(ProfileField.BOUGHT_SOMETHING, 2, "invalid-boolean");
        assertCode(ProfileField.BOUGHT_SOMETHING, 0.5, "invalid-boolean");
    }

    @Test
    void loyaltyTypeIsOneOfTwo() {
        assertThat(ProfileField.LOYALTY_TYPE.normalize(" LOYALTY ", MOSCOW)).isEqualTo("loyalty");
        assertThat(ProfileField.LOYALTY_TYPE.normalize("non_loyalty", MOSCOW)).isEqualTo("non_loyalty");
        assertCode(ProfileField.LOYALTY_TYPE, "gold", "invalid-loyalty-type");
    }

    @Test
    void fieldsAreFoundByTheirDocumentName() {
        assertThat(ProfileField.byJsonName("defaultRegion")).isEqualTo(ProfileField.DEFAULT_REGION);
        assertThat(ProfileField.byJsonName("firstName")).isEqualTo(ProfileField.FIRST_NAME);
        assertThat(ProfileField.byJsonName("FirstName")).isNull();
        assertThat(ProfileField.byJsonName("nope")).isNull();
    }

    @Test
    void namesAndAddressesArePersonal() {
        assertThat(ProfileField.FIRST_NAME.personal()).isTrue();
        assertThat(ProfileField.STREET_ADDRESS.personal()).isTrue();
        assertThat(ProfileField.BIRTH_DATE.personal()).isTrue();
        assertThat(ProfileField.LANGUAGE.personal()).isFalse();
    }
}
