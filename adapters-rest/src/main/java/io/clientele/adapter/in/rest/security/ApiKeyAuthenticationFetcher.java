package io.clientele.adapter.in.rest.security;

import io.clientele.application.port.in.ApiPrincipal;
import io.clientele.application.port.in.AuthenticateApiKeyUseCase;
import io.clientele.domain.tenant.AccessRole;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.filters.AuthenticationFetcher;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * Reads the caller's key from {@code Authorization: Bearer <key>} or {@code X-API-Key: <key>} and turns it into an
 * authentication: the operator token (configuration {@code clientele.operator-token}) gets role {@code operator};
 * a tenant's API key gets its role and those below it, with the tenant and key id as attributes. Anything else stays
 * anonymous, which the security rules answer with 401.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    public static final String API_KEY_HEADER = "X-API-Key";
    private static final Logger LOG = LoggerFactory.getLogger(ApiKeyAuthenticationFetcher.class);

    private final AuthenticateApiKeyUseCase authenticate;
    private final ExecutorService blocking;
    private final byte[] operatorToken;

    public ApiKeyAuthenticationFetcher(AuthenticateApiKeyUseCase authenticate,
                                       @Named(TaskExecutors.BLOCKING) ExecutorService blocking,
                                       @Value("${clientele.operator-token:}") String operatorToken) {
        this.authenticate = authenticate;
        this.blocking = blocking;
        this.operatorToken = operatorToken == null || operatorToken.isBlank() ? null
                : operatorToken.trim().getBytes(StandardCharsets.UTF_8);
        if (this.operatorToken == null) {
            LOG.warn("No operator token configured (clientele.operator-token / CLIENTELE_OPERATOR_TOKEN): "
                    + "the tenant administration endpoints are closed");
        }
    }

    @Override
    public Publisher<Authentication> fetchAuthentication(HttpRequest<?> request) {
        Optional<String> presented = presentedKey(request);
        if (presented.isEmpty()) {
            return Publishers.empty();
        }
        String key = presented.get();
        if (operatorToken != null
                && MessageDigest.isEqual(operatorToken, key.getBytes(StandardCharsets.UTF_8))) {
            return Publishers.just(Authentication.build("operator", List.of(Roles.OPERATOR)));
        }
        // the key lookup may hit the database: keep it off the event loop
        CompletableFuture<Optional<ApiPrincipal>> lookup =
                CompletableFuture.supplyAsync(() -> authenticate.authenticate(key), blocking);
        return Publishers.fromCompletableFuture(lookup.thenApply(principal -> principal
                .map(ApiKeyAuthenticationFetcher::authentication)
                .orElse(null)));
    }

    private static Authentication authentication(ApiPrincipal principal) {
        List<String> roles = principal.role().granted().stream().map(AccessRole::label).toList();
        return Authentication.build(principal.keyId(), roles, Map.of(
                Roles.TENANT_ATTRIBUTE, principal.tenantId().value(),
                Roles.KEY_ATTRIBUTE, principal.keyId(),
                Roles.ROLE_ATTRIBUTE, principal.role().label()));
    }

    static Optional<String> presentedKey(HttpRequest<?> request) {
        String authorization = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = authorization.substring(7).trim();
            if (!token.isEmpty()) {
                return Optional.of(token);
            }
        }
        String apiKey = request.getHeaders().get(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        return Optional.empty();
    }
}
