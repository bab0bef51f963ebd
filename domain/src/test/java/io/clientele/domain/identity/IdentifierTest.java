package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdentifierTest {

    private static final PlaceholderPolicy DEFAULTS = PlaceholderPolicy.defaults();

    private static Identifier parse(IdentifierType type, String name, String raw) {
        return Identifier.parse(type, name, raw, "RU", DEFAULTS);
    }

    private static void assertCode(Runnable call, String code) {
        assertThatThrownBy(call::run)
                .isInstanceOfSatisfying(InvalidValueException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void emailsDifferingInCaseAndWhitespaceHaveOneKey() {
        Identifier first = parse(IdentifierType.EMAIL, null, "Anna@Example.com");
        Identifier second = parse(IdentifierType.EMAIL, null, "  anna@EXAMPLE.COM ");

        assertThat(first.key()).isEqualTo(second.key());
        assertThat(first.key()).isEqualTo(new IdentifierKey("email", "anna@example.com"));
        assertThat(first.key().hashCode()).isEqualTo(second.key().hashCode());
        // the address as first sent is kept for display
        assertThat(first.displayValue()).isEqualTo("Anna@Example.com");
        assertThat(second.displayValue()).isEqualTo("anna@EXAMPLE.COM");
    }

    @Test
    void differentEmailsHaveDifferentKeys() {
        assertThat(parse(IdentifierType.EMAIL, null, "anna@example.com").key())
                .isNotEqualTo(parse(IdentifierType.EMAIL, null, "anna2@example.com").key());
    }

    @Test
    void phonesInDifferentFormatsHaveOneKey() {
        Identifier a = parse(IdentifierType.PHONE, null, "8 (916) 123-45-67");
        Identifier b = parse(IdentifierType.PHONE, null, "+79161234567");

        assertThat(a.key()).isEqualTo(b.key()).isEqualTo(new IdentifierKey("phone", "+79161234567"));
        assertThat(a.displayValue()).isEqualTo("8 (916) 123-45-67");
        assertThat(a.reformatted()).isTrue();
        assertThat(b.reformatted()).isFalse();
        assertThat(a.unplaced()).isFalse();
        assertThat(a.country()).isEqualTo("RU");
    }

    @Test
    void unplaceablePhoneIsMarkedUnplaced() {
        Identifier phone = parse(IdentifierType.PHONE, null, "123456789012345");

        assertThat(phone.value()).isEqualTo("+123456789012345");
        assertThat(phone.unplaced()).isTrue();
        assertThat(phone.country()).isNull();
    }

    @Test
    void sameValueUnderDifferentTypesIsDifferentKeys() {
        assertThat(parse(IdentifierType.EXTERNAL_ID, null, "12345").key())
                .isNotEqualTo(parse(IdentifierType.CARD, null, "12345").key());
    }

    @Test
    void externalIdIsKeptAsGivenApartFromTrimming() {
        Identifier id = parse(IdentifierType.EXTERNAL_ID, null, "  Ab-12 ");

        assertThat(id.value()).isEqualTo("Ab-12");
        assertThat(id.key()).isEqualTo(new IdentifierKey("externalId", "Ab-12"));
        assertThat(id.key()).isNotEqualTo(parse(IdentifierType.EXTERNAL_ID, null, "ab-12").key());
    }

    @Test
    void softLinkKeyIncludesItsName() {
        Identifier link = parse(IdentifierType.SOFT_LINK, "loyalty card", "CARD-0042");

        assertThat(link.name()).isEqualTo("loyalty card");
        assertThat(link.key().type()).isEqualTo("softLink:loyalty card");
        assertThat(link.key().value()).isEqualTo("CARD-0042");
    }

    @Test
    void softLinkNameIsTrimmed() {
        Identifier link = parse(IdentifierType.SOFT_LINK, "  loyalty card ", "CARD-0042");

        assertThat(link.key().type()).isEqualTo("softLink:loyalty card");
    }

    @Test
    void softLinksWithDifferentNamesAreDifferentKeys() {
        assertThat(parse(IdentifierType.SOFT_LINK, "loyalty card", "42").key())
                .isNotEqualTo(parse(IdentifierType.SOFT_LINK, "gift card", "42").key());
    }

    @Test
    void aPlatformUserNameMayBeAnEmailAndASoftLinkNamedAfterThePlatformIsThatId() {
        Identifier jd = parse(IdentifierType.JD_UNAME, null, "li.wei@jd.example.com");
        assertThat(jd.value()).isEqualTo("li.wei@jd.example.com");
        // how these ids were stored and asked for until they had types of their own
        Identifier asSoftLink = parse(IdentifierType.SOFT_LINK, "jd_uname", "li.wei@jd.example.com");
        assertThat(asSoftLink.type()).isEqualTo(IdentifierType.JD_UNAME);
        assertThat(asSoftLink.name()).isNull();
        assertThat(asSoftLink.key()).isEqualTo(jd.key());
        assertThat(IdentifierType.parse("mobilePush")).isEqualTo(IdentifierType.MOBILE_PUSH);
        // only the exact names: another soft link stays one
        assertThat(parse(IdentifierType.SOFT_LINK, "JD_UNAME", "x-1").type()).isEqualTo(IdentifierType.SOFT_LINK);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"anna@example.com", "  Anna@Example.COM "})
    void softLinkValueThatIsAnEmailIsRefused(String raw) {
        assertCode(() -> parse(IdentifierType.SOFT_LINK, "loyalty card", raw), "email-as-soft-link");
    }

    @Test
    void softLinkWithoutNameIsRefused() {
        assertCode(() -> parse(IdentifierType.SOFT_LINK, null, "CARD-0042"), "invalid-soft-link-name");
        assertCode(() -> parse(IdentifierType.SOFT_LINK, "   ", "CARD-0042"), "invalid-soft-link-name");
        assertCode(() -> parse(IdentifierType.SOFT_LINK, "x".repeat(101), "CARD-0042"), "invalid-soft-link-name");
    }

    @Test
    void softLinkNameOfMaximumLengthIsAccepted() {
        String name = "x".repeat(Identifier.MAX_NAME_LENGTH);

        assertThat(parse(IdentifierType.SOFT_LINK, name, "CARD-0042").key().type()).isEqualTo("softLink:" + name);
    }

    @Test
    void onlySoftLinksHaveANameWhenBuiltDirectly() {
        assertThatThrownBy(() -> new Identifier(IdentifierType.EMAIL, "x", "a@b.io", "a@b.io", null, false, false,
                null, null, null, java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Identifier(IdentifierType.SOFT_LINK, null, "v", "v", null, false, false,
                null, null, null, java.util.List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "   "})
    void blankValueIsMissing(String raw) {
        assertCode(() -> parse(IdentifierType.EXTERNAL_ID, null, raw), "missing-value");
    }

    @Test
    void nullValueIsMissing() {
        assertCode(() -> parse(IdentifierType.EMAIL, null, null), "missing-value");
    }

    @Test
    void malformedValuesKeepTheirOwnCodes() {
        assertCode(() -> parse(IdentifierType.EMAIL, null, "not-an-email"), "invalid-email");
        assertCode(() -> parse(IdentifierType.PHONE, null, "abc"), "invalid-phone");
    }

    @Test
    void overlongValueIsRefused() {
        assertCode(() -> parse(IdentifierType.EXTERNAL_ID, null, "x".repeat(256)), "value-too-long");
        assertThat(parse(IdentifierType.EXTERNAL_ID, null, "x".repeat(255)).value()).hasSize(255);
    }

    @Test
    void toStringDoesNotRevealTheValue() {
        Identifier email = parse(IdentifierType.EMAIL, null, "Anna.Secret@Example.com");
        Identifier phone = parse(IdentifierType.PHONE, null, "+7 916 123-45-67");
        Identifier link = parse(IdentifierType.SOFT_LINK, "loyalty card", "CARD-SECRET-0042");

        assertThat(email.toString()).doesNotContainIgnoringCase("anna").doesNotContainIgnoringCase("secret")
                .contains("email");
        assertThat(phone.toString()).doesNotContain("916").doesNotContain("1234567");
        assertThat(link.toString()).doesNotContain("SECRET").doesNotContain("0042");
        assertThat(email.key().toString()).doesNotContainIgnoringCase("anna");
    }

    @Test
    void toStringStaysPrivateAfterSeenAt() {
        Identifier email = parse(IdentifierType.EMAIL, null, "anna@example.com")
                .seenAt("website", "acc-1", true, true, false);

        assertThat(email.toString()).doesNotContain("anna");
    }

    @Test
    void seenAtNormalisesSourceAndKeepsTheKey() {
        Identifier plain = parse(IdentifierType.EMAIL, null, "anna@example.com");
        Identifier seen = plain.seenAt(" mobile_app ", " acc-1 ", true, false, null);

        assertThat(seen.source()).isEqualTo("MOBILE_APP");
        assertThat(seen.accountId()).isEqualTo("acc-1");
        assertThat(seen.primary()).isTrue();
        assertThat(seen.verified()).isFalse();
        assertThat(seen.subscribed()).isNull();
        assertThat(seen.key()).isEqualTo(plain.key());
    }

    @Test
    void seenAtRefusesBadSourceAndAccount() {
        Identifier plain = parse(IdentifierType.EMAIL, null, "anna@example.com");

        assertCode(() -> plain.seenAt("web site", null, null, null, null), "invalid-source");
        assertCode(() -> plain.seenAt("WEBSITE", " ", null, null, null), "invalid-account-id");
    }

    @Test
    void identifierTypeParsesLabelsCaseInsensitively() {
        assertThat(IdentifierType.parse(" ExternalID ")).isEqualTo(IdentifierType.EXTERNAL_ID);
        assertThat(IdentifierType.parse("softLink")).isEqualTo(IdentifierType.SOFT_LINK);
        assertCode(() -> IdentifierType.parse("fax"), "unknown-identifier-type");
    }
}
