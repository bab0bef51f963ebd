package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Per-key limits with tiny values: a steady rate so slow (1 per 100 s) that no token comes back during a test.
 * Requests that get through may answer anything but 429 (they name customers that don't exist); the limiter runs
 * before the controllers, so what they answer doesn't matter here.
 */
@MicronautTest(transactional = false)
class RateLimitApiTest extends ApiTest {

    private static final int BURST = 10;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("clientele.rate-limit.requests-per-second", "0.01");
        properties.put("clientele.rate-limit.burst", Integer.toString(BURST));
        properties.put("clientele.rate-limit.destructive-per-minute", "2");
        return properties;
    }

    /** A read of a customer nobody has. */
    private static MutableHttpRequest<?> read() {
        return HttpRequest.GET("/v1/customers/no-such-customer");
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfterWhileOtherKeysGoOn() {
        // the operator token is a key too: each new tenant key spends two of its tokens, six in this class
        String key = newTenantKey("read");
        String other = newTenantKey("read");
        for (int i = 0; i < BURST; i++) {
            assertThat(status(read().bearerAuth(key))).isNotEqualTo(429);
        }
        Map<String, Object> limited = problem(read().bearerAuth(key), 429);
        assertThat(limited).containsEntry("code", "rate-limited");
        assertThat(retryAfter(read().bearerAuth(key))).isBetween(1L, 100L);
        // X-API-Key is the same key, so the same bucket
        problem(read().header("X-API-Key", key), 429);
        assertThat(status(read().bearerAuth(other))).isNotEqualTo(429);
    }

    @Test
    void destructiveOperationsHaveASmallerQuota() {
        String key = newTenantKey("admin");
        assertThat(status(HttpRequest.DELETE("/v1/customers/no-such-customer-1").bearerAuth(key))).isNotEqualTo(429);
        assertThat(status(HttpRequest.POST("/v1/merges", Map.of("survivorId", "no-such-a", "absorbedId", "no-such-b"))
                .bearerAuth(key))).isNotEqualTo(429);
        Map<String, Object> limited = problem(HttpRequest.DELETE("/v1/customers/no-such-customer").bearerAuth(key),
                429);
        assertThat(limited.get("detail").toString()).contains("retry after");
        // 2 per minute: the next destructive token is ~30 s away
        assertThat(retryAfter(HttpRequest.POST("/v1/customers/no-such-customer/forget", Map.of()).bearerAuth(key)))
                .isBetween(25L, 30L);
        assertThat(retryAfter(HttpRequest.POST("/v1/merges/no-such-merge/revert", Map.of()).bearerAuth(key)))
                .isBetween(25L, 30L);
        // reads, ordinary writes and identifier removals still pass (the general burst has tokens left)
        assertThat(status(HttpRequest.DELETE("/v1/customers/no-such-customer/identifiers/email/a%40b.ru")
                .bearerAuth(key))).isNotEqualTo(429);
        assertThat(status(read().bearerAuth(key))).isNotEqualTo(429);
        assertThat(status(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "email", "value", "rate@shop.ru")))).bearerAuth(key))).isNotEqualTo(429);
    }

    @Test
    void aPersonaClickShopSecretSentInTheBodyDrawsOnItsKeysQuotaToo() {
        String key = newTenantKey("write");
        // the filter can't read a JSON body: the controller authenticates these and draws the quota itself
        MutableHttpRequest<?> write = HttpRequest.POST("/dialects/personaclick/profile/set",
                Map.of("shop_secret", key, "id", "rate-1"));
        for (int i = 0; i < BURST; i++) {
            assertThat(status(HttpRequest.POST("/dialects/personaclick/profile/set",
                    Map.of("shop_secret", key, "id", "rate-" + i)))).isEqualTo(200);
        }
        assertThat(status(write)).isEqualTo(429);
        // answered as a key in a header would be, in PersonaClick's shape
        try {
            client().exchange(write, JSON);
            throw new AssertionError("expected 429");
        } catch (HttpClientResponseException e) {
            assertThat(Long.parseLong(e.getResponse().getHeaders().get("Retry-After"))).isBetween(1L, 100L);
            assertThat(e.getResponse().getBody(JSON).orElseThrow().toString()).contains("status=error",
                    "code=rate-limited");
        }
        // the same key in a header: the same bucket, now empty
        assertThat(status(read().bearerAuth(key))).isEqualTo(429);
    }

    @Test
    void unauthenticatedRequestsAreRefusedBeforeTheyCount() {
        for (int i = 0; i < BURST + 2; i++) {
            problem(read().bearerAuth("no.such-key"), 401);
        }
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return client().exchange(request, JSON).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private long retryAfter(MutableHttpRequest<?> request) {
        try {
            client().exchange(request, JSON);
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(429);
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
            return Long.parseLong(e.getResponse().getHeaders().get("Retry-After"));
        }
        throw new AssertionError("expected 429");
    }
}
