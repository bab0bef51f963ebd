package io.clientele.domain.shared;

/** The request is valid but clashes with the current state. */
public class ConflictException extends DomainException {

    public ConflictException(String code, String message) {
        super(Kind.CONFLICT, code, message);
    }
}
