package io.clientele.domain.shared;

/** The thing asked for does not exist for this tenant (or is not visible to it; the two are indistinguishable). */
public class NotFoundException extends DomainException {

    public NotFoundException(String code, String message) {
        super(Kind.NOT_FOUND, code, message);
    }
}
