package io.clientele.domain.shared;

/** One value breaks a rule (bad phone, placeholder email, unknown country...). */
public class InvalidValueException extends DomainException {

    public InvalidValueException(String code, String message) {
        super(Kind.INVALID, code, message);
    }
}
