package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.security.ApiKeyAuthenticationFetcher;
import io.clientele.adapter.in.rest.security.RateLimitFilter;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ApiPrincipal;
import io.clientele.application.port.in.AuthenticateApiKeyUseCase;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * Who is calling a PersonaClick endpoint. PersonaClick clients send {@code shop_id} and {@code shop_secret}; the
 * shared security filter already reads a key from the headers or from a {@code shop_secret} query parameter, but
 * a POST may carry them in its JSON body, which a filter can't read before the route. So these endpoints are open to
 * the filter and decide here, answering failures in PersonaClick's shape: 401 for missing, unknown or mismatched
 * credentials, 403 for a key whose role is too low.
 */
@Singleton
class ShopAuthentication {

    /** The caller's tenant, key and role. */
    record Shop(TenantId tenant, String keyId, AccessRole role) {
    }

    private final AuthenticateApiKeyUseCase keys;
    /** The per-key rate limit, absent when it is switched off. */
    private final RateLimitFilter limits;

    ShopAuthentication(AuthenticateApiKeyUseCase keys, @Nullable RateLimitFilter limits) {
        this.keys = keys;
        this.limits = limits;
    }

    /**
     * @param body the parsed JSON body, or null (a GET, or a body that isn't JSON)
     * @throws PersonaClickException 401 or 403
     */
    Shop require(HttpRequest<?> request, @Nullable Authentication authentication, @Nullable JsonNode body,
                 AccessRole needed) {
        Shop shop = authentication != null ? fromFilter(authentication) : fromBody(request, body);
        String bodyShopId = body == null ? null : text(body.get("shop_id"));
        if (bodyShopId != null && !bodyShopId.equals(shop.tenant().value())) {
            throw unauthorized();
        }
        if (!shop.role().granted().contains(needed)) {
            throw new PersonaClickException(403, "the shop_secret's role does not allow this operation");
        }
        return shop;
    }

    private static Shop fromFilter(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        Object role = authentication.getAttributes().get(Roles.ROLE_ATTRIBUTE);
        if (tenant == null || role == null) {
            // the operator token: it manages tenants and sees no shop's profiles
            throw new PersonaClickException(403, "this credential belongs to no shop");
        }
        Object key = authentication.getAttributes().get(Roles.KEY_ATTRIBUTE);
        try {
            return new Shop(TenantId.of(tenant.toString()), key == null ? authentication.getName() : key.toString(),
                    AccessRole.parse(role.toString()));
        } catch (InvalidValueException e) {
            throw new PersonaClickException(403, "this credential has no role for a shop");
        }
    }

    private Shop fromBody(HttpRequest<?> request, @Nullable JsonNode body) {
        boolean sentElsewhere = request.getHeaders().contains(HttpHeaders.AUTHORIZATION)
                || request.getHeaders().contains(ApiKeyAuthenticationFetcher.API_KEY_HEADER)
                || request.getParameters().contains("shop_secret");
        String secret = body == null ? null : text(body.get("shop_secret"));
        if (sentElsewhere || secret == null) {
            // credentials the filter already refused, or none at all
            throw unauthorized();
        }
        Optional<ApiPrincipal> principal = keys.authenticate(secret);
        if (principal.isEmpty()) {
            throw unauthorized();
        }
        String queryShopId = request.getParameters().get("shop_id");
        if (queryShopId != null && !queryShopId.equals(principal.get().tenantId().value())) {
            throw unauthorized();
        }
        // the rate limit filter ran before this key was known: its quota is drawn here
        long retryAfter = limits == null ? 0 : limits.acquire(principal.get().keyId(), false);
        if (retryAfter > 0) {
            throw PersonaClickException.rateLimited("too many requests for this shop_secret; retry after " + retryAfter
                    + " s", retryAfter);
        }
        return new Shop(principal.get().tenantId(), principal.get().keyId(), principal.get().role());
    }

    private static PersonaClickException unauthorized() {
        return new PersonaClickException(401,
                "a valid shop_secret (with its shop_id) or API key is required");
    }

    private static String text(@Nullable JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue().isBlank() ? null : node.getStringValue().trim();
        }
        return node.isNumber() ? node.getNumberValue().toString() : null;
    }
}
