package io.clientele.adapter.in.rest.security;

import io.clientele.adapter.in.rest.error.ProblemResponses;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.security.authentication.Authentication;

/**
 * Per-key rate limits (API.md "Errors": 429 with {@code Retry-After}). Runs after the security filter, because the
 * limit belongs to the authenticated key: unauthenticated requests are refused (401) before they get here, and
 * anonymous ones that are allowed (health, OpenAPI) are not limited. Destructive operations - DELETE of customers, merges and
 * their reverts, GDPR forget - also draw on a much smaller per-minute quota, so a runaway script can't wipe a tenant
 * at full request speed. The defaults are far above what benchmarks and normal integrations send.
 * <p>
 * Configuration: {@code clientele.rate-limit.enabled} (true), {@code .requests-per-second} (20000),
 * {@code .burst} (40000), {@code .destructive-per-minute} (600).
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "clientele.rate-limit.enabled", notEquals = "false")
public class RateLimitFilter implements Ordered {

    private final RateLimiter limiter;

    public RateLimitFilter(@Value("${clientele.rate-limit.requests-per-second:20000}") double requestsPerSecond,
                           @Value("${clientele.rate-limit.burst:40000}") int burst,
                           @Value("${clientele.rate-limit.destructive-per-minute:600}") double destructivePerMinute) {
        this.limiter = new RateLimiter(requestsPerSecond, burst, destructivePerMinute, System::nanoTime);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }

    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        Authentication caller = request.getUserPrincipal(Authentication.class).orElse(null);
        if (caller == null) {
            return null;
        }
        Object key = caller.getAttributes().get(Roles.KEY_ATTRIBUTE);
        long retryAfter = limiter.acquire(key == null ? caller.getName() : key.toString(), isDestructive(request));
        if (retryAfter == 0) {
            return null;
        }
        return ProblemResponses.respond(ProblemResponses.forStatus(HttpStatus.TOO_MANY_REQUESTS,
                        "too many requests for this API key; retry after " + retryAfter + " s"))
                .header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
    }

    /**
     * Draws one request from a key's quota, for callers authenticated after this filter has run (PersonaClick's
     * {@code shop_secret} in a JSON body); returns 0 when allowed, else the seconds to wait.
     */
    public long acquire(String keyId, boolean destructive) {
        return limiter.acquire(keyId, destructive);
    }

    static boolean isDestructive(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method == HttpMethod.DELETE) {
            // removing one identifier is routine housekeeping (moving it = remove + add), not a destructive act
            return !request.getPath().contains("/identifiers/");
        }
        if (method != HttpMethod.POST) {
            return false;
        }
        String path = request.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.equals("/v1/merges") || path.startsWith("/v1/merges/") || path.endsWith("/forget");
    }
}
