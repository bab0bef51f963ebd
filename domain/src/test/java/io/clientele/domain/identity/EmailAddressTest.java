package io.clientele.domain.identity;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DOMAIN.md "Identity rules" 1: emails are trimmed and compared case-insensitively as a whole. */
class EmailAddressTest {

    @Test
    void trimsAndLowercasesTheWholeAddressButKeepsDisplayAsSent() {
        EmailAddress email = EmailAddress.parse("  Anna.Smith@Example.COM \t");

        assertThat(email.normalized()).isEqualTo("anna.smith@example.com");
        assertThat(email.display()).isEqualTo("Anna.Smith@Example.COM");
    }

    @Test
    void localPartIsLowercasedToo() {
        // the whole address, not only the domain: Anna@ and anna@ are one mailbox
        assertThat(EmailAddress.parse("Anna@example.com").normalized())
                .isEqualTo(EmailAddress.parse("anna@example.com").normalized())
                .isEqualTo("anna@example.com");
    }

    @Test
    void addressAlreadyCanonicalIsUnchanged() {
        EmailAddress email = EmailAddress.parse("anna@example.com");

        assertThat(email.normalized()).isEqualTo("anna@example.com");
        assertThat(email.display()).isEqualTo("anna@example.com");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {
            "anna@example.com",
            "anna.maria+news@mail.example.co.uk",
            "o'brien@example.ie",
            "user_1-2@sub-domain.example.org",
            "jürgen@müller.de",
            "a@b.io"})
    void acceptsRealAddresses(String raw) {
        assertThat(EmailAddress.parse(raw).display()).isEqualTo(raw);
        assertThat(EmailAddress.looksLikeEmail(raw)).isTrue();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
            "annaexample.com",          // missing @
            "anna@",                    // nothing after @
            "@example.com",             // nothing before @
            "anna@localhost",           // no dot in domain
            "an na@example.com",        // space in local part
            "anna@exa mple.com",        // space in domain
            "anna..smith@example.com",  // double dot in local part
            ".anna@example.com",        // leading dot
            "anna.@example.com",        // trailing dot in local part
            "anna@example..com",        // double dot in domain
            "anna@.example.com",        // empty first label
            "anna@example.com.",        // trailing dot in domain
            "anna@example.c",           // one-letter TLD
            "anna@10.0.0.1",            // numeric TLD
            "anna@-example.com",        // label starts with a dash
            "anna@exa_mple.com",        // underscore in host name
            "anna@@example.com",
            "",
            "   "})
    void rejectsMalformedAddresses(String raw) {
        assertThatThrownBy(() -> EmailAddress.parse(raw))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid-email"));
        assertThat(EmailAddress.looksLikeEmail(raw)).isFalse();
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> EmailAddress.parse(null))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid-email"));
        assertThat(EmailAddress.looksLikeEmail(null)).isFalse();
    }

    @Test
    void acceptsExactly254CharactersAndRejects255() {
        String domain = "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(57) + ".com"; // 190 chars
        String at254 = "a".repeat(64) + domain;
        // one more character, every label still valid: only the total length is wrong
        String at255 = "a".repeat(64) + "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(58) + ".com";
        assertThat(at254).hasSize(254);
        assertThat(at255).hasSize(255);

        assertThat(EmailAddress.parse(at254).normalized()).isEqualTo(at254);
        assertThatThrownBy(() -> EmailAddress.parse(at255))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid-email"));
    }

    @Test
    void lengthLimitAppliesAfterTrimming() {
        String domain = "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(57) + ".com";
        String at254 = "a".repeat(64) + domain;

        assertThat(EmailAddress.parse("   " + at254 + "   ").display()).isEqualTo(at254);
    }

    @Test
    void rejectsLocalPartLongerThan64() {
        assertThatThrownBy(() -> EmailAddress.parse("a".repeat(65) + "@example.com"))
                .isInstanceOfSatisfying(InvalidValueException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid-email"));
        assertThat(EmailAddress.parse("a".repeat(64) + "@example.com")).isNotNull();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"loyalty-card-123", "4000 1234 5678 9010", "anna at example dot com", "anna@", "+79161234567"})
    void looksLikeEmailIsFalseForOtherValues(String raw) {
        assertThat(EmailAddress.looksLikeEmail(raw)).isFalse();
    }

    @Test
    void looksLikeEmailIsTrueWhateverTheCaseOrSurroundingSpace() {
        assertThat(EmailAddress.looksLikeEmail("  ANNA@EXAMPLE.COM  ")).isTrue();
    }
}
