package io.clientele.adapter.in.rest.dialect.personaclick;

import java.util.List;

/**
 * A failure answered in PersonaClick's shape, {@code {"status": "error", "payload": {"message": "…"}}}, with
 * {@code errors} (one per vendor field) beside the message where a request broke field rules.
 */
final class PersonaClickException extends RuntimeException {

    /** One bad field, named as PersonaClick names it ({@code email}, {@code kids/0/birthday}). */
    record FieldError(String field, String code, String message) {
    }

    private final int status;
    private final List<FieldError> errors;

    PersonaClickException(int status, String message) {
        this(status, message, List.of());
    }

    PersonaClickException(int status, String message, List<FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    int status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }
}
