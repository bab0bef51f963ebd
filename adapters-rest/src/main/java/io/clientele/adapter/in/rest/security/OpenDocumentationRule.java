package io.clientele.adapter.in.rest.security;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;

/**
 * The OpenAPI document ({@code /swagger/...}) and Swagger UI ({@code /swagger-ui/...}) are open (API.md
 * "Operations"): someone evaluating the API reads them before having a key. They are static resources, which no
 * {@code @Secured} annotation covers, so without this rule the security filter would answer 401. Only reads are
 * allowed; every other path and method is left to the other rules.
 */
@Singleton
public class OpenDocumentationRule implements SecurityRule<HttpRequest<?>> {

    /** Before the annotation and URL-map rules; it only ever allows, so the order can't open anything else. */
    public static final int ORDER = -100;

    @Override
    public Publisher<SecurityRuleResult> check(HttpRequest<?> request, @Nullable Authentication authentication) {
        return Publishers.just(isDocumentation(request) ? SecurityRuleResult.ALLOWED : SecurityRuleResult.UNKNOWN);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    static boolean isDocumentation(HttpRequest<?> request) {
        HttpMethod method = request.getMethod();
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            return false;
        }
        String path = request.getPath();
        // a path that climbs out (/swagger/../v1/...) is not documentation, whatever the router makes of it
        if (path.contains("..") || path.contains("%")) {
            return false;
        }
        return path.equals("/swagger") || path.startsWith("/swagger/")
                || path.equals("/swagger-ui") || path.startsWith("/swagger-ui/");
    }
}
