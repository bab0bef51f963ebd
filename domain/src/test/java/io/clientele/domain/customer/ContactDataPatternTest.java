package io.clientele.domain.customer;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class ContactDataPatternTest {

    @ParameterizedTest
    @ValueSource(strings = {"anna.w@corp.ru", "write to Anna <anna@shop.fi> please", "+79161112233",
            "+7 (916) 111-22-33", "8-916-111-22-33", "916 111 22 33", "89161112233", "call 4400114527199 today",
            "work_email.anna@corp.ru", "+7.916.123.45.67", "06.12.34.56.78", "916.123.4567",
            "89161234567 89161234568", "called 2024-05-01 89161234567", "123-456-789"})
    void contactDataIsRecognised(String text) {
        assertThat(ContactDataPattern.matches(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"gold", "1234567", "12345", "2024-03-01", "2024-03-01T10:15:30Z", "v1.2.3",
            "3.14159265", "size 42", "@handle", "a@b", "", "loyalty_level", "12-34", "2024-01-15 10:30",
            "15-01-2024", "15.01.2024 10:30:15", "1 250 000", "12 500 000 RUB",
            "550e8400-e29b-41d4-a716-446655440000"})
    void otherTextIsNot(String text) {
        assertThat(ContactDataPattern.matches(text)).isFalse();
    }
}
