package io.clientele.domain.shared;

/**
 * A rule of the registry was broken. Carries a stable {@code code} (part of the public error contract) and a
 * {@link Kind} that tells adapters how to answer, so the mapping to a protocol lives in one place.
 */
public abstract class DomainException extends RuntimeException {

    /** What sort of failure this is, independent of any protocol. */
    public enum Kind { INVALID, NOT_FOUND, CONFLICT, PRECONDITION_FAILED }

    private final String code;
    private final Kind kind;

    protected DomainException(Kind kind, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.code = code;
    }

    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }
}
