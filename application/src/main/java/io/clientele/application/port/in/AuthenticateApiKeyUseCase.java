package io.clientele.application.port.in;

import java.util.Optional;

/** Turns a presented API key into the principal it belongs to. */
public interface AuthenticateApiKeyUseCase {

    /** @return empty for a malformed or unknown key (the caller answers 401 without saying which) */
    Optional<ApiPrincipal> authenticate(String presentedKey);
}
