package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.out.persistence.testing.TestDatabase;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server on a real MariaDB reached through a real HTTP client (the few lines of the native tests' base class,
 * which is package-private to the native package).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CapillaryApiTestBase implements TestPropertyProvider {

    static final String OPERATOR_TOKEN = "test-operator-token";
    static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    HttpClient httpClient;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("clientele.operator-token", OPERATOR_TOKEN);
        properties.put("micronaut.security.reject-not-found", "false");
        return properties;
    }

    BlockingHttpClient client() {
        return httpClient.toBlocking();
    }

    /** @return {tenantId, key} */
    String[] newTenantKey(String role, String region) {
        return newTenantKey(role, region, "MERGE");
    }

    /** @return {tenantId, key} */
    String[] newTenantKey(String role, String region, String policy) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        client().exchange(HttpRequest.POST("/v1/admin/tenants", Map.of("id", tenant, "name", "Test",
                "defaultRegion", region, "timeZone", "Asia/Kolkata", "mergePolicy", policy))
                .bearerAuth(OPERATOR_TOKEN));
        return new String[]{tenant, issueKey(tenant, role)};
    }

    String issueKey(String tenant, String role) {
        Map<String, Object> key = client().retrieve(HttpRequest.POST("/v1/admin/tenants/" + tenant + "/api-keys",
                Map.of("role", role)).bearerAuth(OPERATOR_TOKEN), JSON);
        return (String) key.get("key");
    }

    HttpResponse<Map<String, Object>> send(MutableHttpRequest<?> request, String key) {
        return client().exchange(request.bearerAuth(key), JSON);
    }

    /** Sends a request that must fail with {@code status}; returns its (non problem+json) body. */
    Map<String, Object> failure(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<?> response = client().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus().getCode());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body.toString()).doesNotContain("Exception", "at io.", "at java.");
            return body;
        }
    }
}
