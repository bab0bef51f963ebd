package io.clientele.domain.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContactDataPatternTest {

    @ParameterizedTest
    @ValueSource(strings = {"anna.w@corp.ru", "write to Anna <anna@shop.fi> please", "+79161112233",
            "+7 (916) 111-22-33", "8-916-111-22-33", "916 111 22 33", "89161112233", "call 4400114527199 today",
            "work_email.anna@corp.ru"})
    void contactDataIsRecognised(String text) {
        assertThat(ContactDataPattern.matches(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gold", "1234567", "12345", "2024-03-01", "2024-03-01T10:15:30Z", "v1.2.3",
            "3.14159265", "size 42", "@handle", "a@b", "", "loyalty_level", "12-34"})
    void otherTextIsNot(String text) {
        assertThat(ContactDataPattern.matches(text)).isFalse();
    }
}
