package io.clientele.domain.shared;

import java.util.Objects;

/**
 * One broken rule in a request, located by a JSON Pointer ({@code /identifiers/0/value}) into the caller's document.
 */
public record Violation(String pointer, String code, String message) {

    public Violation {
        Objects.requireNonNull(pointer, "pointer");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    public static Violation of(String pointer, InvalidValueException e) {
        return new Violation(pointer, e.code(), e.getMessage());
    }
}
