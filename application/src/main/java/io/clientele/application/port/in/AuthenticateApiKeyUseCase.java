package io.clientele.application.port.in;

import java.util.Optional;

/** Turns a presented API key into the principal it belongs to. */
public interface AuthenticateApiKeyUseCase {

    /** @return empty for a malformed or unknown key (the caller answers 401 without saying which) */
    Optional<ApiPrincipal> authenticate(String presentedKey);

    /**
     * The same answer when it is known without asking the store (a key seen recently), so a caller on a
     * non-blocking thread can use it there; empty when only {@link #authenticate} can tell.
     */
    default Optional<ApiPrincipal> authenticateFromMemory(String presentedKey) {
        return Optional.empty();
    }
}
