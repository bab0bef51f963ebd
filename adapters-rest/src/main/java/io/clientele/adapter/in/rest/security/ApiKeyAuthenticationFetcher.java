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
 * Reads the caller's key and turns it into an authentication. Accepted forms: {@code Authorization: Bearer <key>},
 * {@code X-API-Key: <key>}, and, for clients migrating from the vendors whose dialects we speak,
 * {@code Authorization: Token <key>} and HTTP Basic with the key as password (Custobar), and a {@code shop_secret}
 * query parameter when no header is sent (PersonaClick; its {@code shop_id} must then name the key's tenant).
 * Then: the operator token (configuration {@code clientele.operator-token}) gets role {@code operator};
 * a tenant's API key gets its role and those below it, with the tenant and key id as attributes. Anything else stays
 * anonymous, which the security rules answer with 401.
 */
@Singleton
public class ApiKeyAuthenticationFetcher implements AuthenticationFetcher<HttpRequest<?>> {

    /** Where a {@code shop_secret} query parameter is read as the API key: PersonaClick's endpoints. */
    private static final String SHOP_SECRET_PATHS = "/dialects/personaclick/";

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
        // a key seen recently is answered here, on the event loop; one that needs the database goes to a worker
        Optional<ApiPrincipal> known = authenticate.authenticateFromMemory(key);
        if (known.isPresent()) {
            return Publishers.just(authentication(known.get()));
        }
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
        if (authorization != null) {
            for (String scheme : new String[]{"Bearer ", "Token "}) {
                if (authorization.regionMatches(true, 0, scheme, 0, scheme.length())) {
                    String token = authorization.substring(scheme.length()).trim();
                    return token.isEmpty() ? Optional.empty() : Optional.of(token);
                }
            }
            if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
                return basicPassword(authorization.substring(6).trim());
            }
        }
        String apiKey = request.getHeaders().get(API_KEY_HEADER);
        if (apiKey != null && !apiKey.isBlank()) {
            return Optional.of(apiKey.trim());
        }
        String shopSecret = request.getParameters().get("shop_secret");
        // PersonaClick's clients only (API.md): a key in a URL ends up in proxies' logs, so no other path takes one
        if (authorization == null && shopSecret != null && !shopSecret.isBlank()
                && request.getPath().startsWith(SHOP_SECRET_PATHS)) {
            String shopId = request.getParameters().get("shop_id");
            int dot = shopSecret.indexOf('.');
            // the key names its tenant before the dot; a shop_id that names another tenant is a mismatch
            if (shopId != null && dot > 0 && !shopId.equals(shopSecret.substring(0, dot))) {
                return Optional.empty();
            }
            return Optional.of(shopSecret.trim());
        }
        return Optional.empty();
    }

    /** HTTP Basic: the key is the password (any user name); a key sent as the user name with no password works too. */
    private static Optional<String> basicPassword(String encoded) {
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String password = colon < 0 ? "" : decoded.substring(colon + 1);
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            String key = !password.isBlank() ? password : user;
            return key.isBlank() ? Optional.empty() : Optional.of(key.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
