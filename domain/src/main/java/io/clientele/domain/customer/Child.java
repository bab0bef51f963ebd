package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.time.LocalDate;

/** A child of the household (PersonaClick "kids"). */
public record Child(String gender, LocalDate birthDate) {

    public Child {
        if (gender != null && (gender.isBlank() || gender.length() > 40)) {
            throw new InvalidValueException("invalid-value", "a child's gender must be 1 to 40 characters");
        }
        if (gender == null && birthDate == null) {
            throw new InvalidValueException("invalid-value", "a child needs a gender or a birth date");
        }
    }
}
