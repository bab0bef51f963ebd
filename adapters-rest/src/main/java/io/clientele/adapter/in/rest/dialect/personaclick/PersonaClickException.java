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
    /** Seconds to wait before a retry (a 429), or 0. */
    private final long retryAfter;

    PersonaClickException(int status, String message) {
        this(status, message, List.of());
    }

    /** 429: the key's rate limit, with the seconds until a retry may pass. */
    static PersonaClickException rateLimited(String message, long retryAfter) {
        return new PersonaClickException(429, message, List.of(), retryAfter);
    }

    PersonaClickException(int status, String message, List<FieldError> errors) {
        this(status, message, errors, 0);
    }

    private PersonaClickException(int status, String message, List<FieldError> errors, long retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    long retryAfter() {
        return retryAfter;
    }

    int status() {
        return status;
    }

    List<FieldError> errors() {
        return errors;
    }
}
