package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DOMAIN.md "Identity rules" 5: placeholder values never identify anyone. Driven through {@link Identifier#parse}, which
 * is how every write reaches the policy, so the check of the value "as sent and as normalised" is covered.
 */
class PlaceholderPolicyTest {

    private static final PlaceholderPolicy DEFAULTS = PlaceholderPolicy.defaults();

    private static Identifier parse(IdentifierType type, String raw) {
        return parse(type, raw, DEFAULTS);
    }

    private static Identifier parse(IdentifierType type, String raw, PlaceholderPolicy policy) {
        return Identifier.parse(type, null, raw, "RU", policy);
    }

    private static void assertPlaceholder(IdentifierType type, String raw, PlaceholderPolicy policy) {
        assertThatThrownBy(() -> parse(type, raw, policy))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("placeholder-value"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "anonymous@example.com",
            "test@test.com",
            "noemail@gmail.com",
            "NoEmail@Gmail.com",          // checked after normalisation: case does not help
            "  TEST@TEST.COM ",
            "no-reply@shop.ru",
            "null@mail.ru",
            "anna@noemail.com",           // a "no email" domain
            "anna@shop.invalid",          // reserved top-level domain
            "anna@shop.test"})
    void placeholderEmailsAreRejected(String raw) {
        assertPlaceholder(IdentifierType.EMAIL, raw, DEFAULTS);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "0000000000",          // would otherwise pass the phone rule as an unverified +0000000000
            "+7 000 000 00 00",    // the digits as sent are not all one; the national number is
            "8 000 000 00 00",
            "+7 999 999-99-99",
            "1234567890",
            "1111111"})
    void placeholderPhonesAreRejected(String raw) {
        assertPlaceholder(IdentifierType.PHONE, raw, DEFAULTS);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"-1", "null", "undefined", "NULL", " Undefined ", "N/A", "unknown", "[object Object]", "0"})
    void placeholderExternalIdsAreRejected(String raw) {
        assertPlaceholder(IdentifierType.EXTERNAL_ID, raw, DEFAULTS);
    }

    @Test
    void placeholdersAreRejectedForOtherIdentifierTypesToo() {
        assertPlaceholder(IdentifierType.CARD, "none", DEFAULTS);
        assertPlaceholder(IdentifierType.FB_ID, "undefined", DEFAULTS);
        assertThatThrownBy(() -> Identifier.parse(IdentifierType.SOFT_LINK, "loyalty card", "null", "RU", DEFAULTS))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("placeholder-value"));
    }

    @Test
    void realEmailPasses() {
        Identifier email = parse(IdentifierType.EMAIL, "anna@example.com");

        assertThat(email.value()).isEqualTo("anna@example.com");
    }

    @Test
    void realPhonePasses() {
        Identifier phone = parse(IdentifierType.PHONE, "+79161234567");

        assertThat(phone.value()).isEqualTo("+79161234567");
        assertThat(phone.country()).isEqualTo("RU");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"A-1001", "10", "-2", "nullable-42", "guest"})
    void realExternalIdsPass(String raw) {
        assertThat(parse(IdentifierType.EXTERNAL_ID, raw).value()).isEqualTo(raw);
    }

    @Test
    void tenantExtraValuesAreComparedCaseInsensitivelyAfterTrimming() {
        PlaceholderPolicy policy = PlaceholderPolicy.withExtraValues(Set.of("guest"));

        assertPlaceholder(IdentifierType.EXTERNAL_ID, "Guest", policy);
        assertPlaceholder(IdentifierType.EXTERNAL_ID, "  GUEST ", policy);
        // only for that tenant: the defaults don't know it
        assertThat(parse(IdentifierType.EXTERNAL_ID, "Guest").value()).isEqualTo("Guest");
    }

    @Test
    void tenantExtraValuesKeepTheDefaults() {
        PlaceholderPolicy policy = PlaceholderPolicy.withExtraValues(Set.of("guest"));

        assertPlaceholder(IdentifierType.EXTERNAL_ID, "null", policy);
        assertPlaceholder(IdentifierType.EMAIL, "test@test.com", policy);
        assertThat(parse(IdentifierType.EXTERNAL_ID, "A-1001", policy).value()).isEqualTo("A-1001");
    }

    @Test
    void tenantExtraValueWrittenInUpperCaseStillMatches() {
        PlaceholderPolicy policy = PlaceholderPolicy.withExtraValues(Set.of(" Walk-In "));

        assertPlaceholder(IdentifierType.EXTERNAL_ID, "walk-in", policy);
    }

    @Test
    void tenantExtraEmailAddressIsRejected() {
        PlaceholderPolicy policy = PlaceholderPolicy.withExtraValues(Set.of("Shop@MyShop.com"));

        assertPlaceholder(IdentifierType.EMAIL, "shop@myshop.com", policy);
        assertThat(parse(IdentifierType.EMAIL, "shop@myshop.com").value()).isEqualTo("shop@myshop.com");
    }

    @Test
    void tenantExtraPhoneIsRejectedWhateverItsFormat() {
        PlaceholderPolicy policy = PlaceholderPolicy.withExtraValues(Set.of("+79161234567"));

        assertPlaceholder(IdentifierType.PHONE, "8 (916) 123-45-67", policy);
        assertThat(parse(IdentifierType.PHONE, "8 (916) 123-45-67").value()).isEqualTo("+79161234567");
    }
}
