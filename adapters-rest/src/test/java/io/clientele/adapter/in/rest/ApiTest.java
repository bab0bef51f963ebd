package io.clientele.adapter.in.rest;

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

/** Base of the HTTP tests: a real server on a real MariaDB, reached through a real HTTP client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApiTest implements TestPropertyProvider {

    protected static final String OPERATOR_TOKEN = "test-operator-token";
    protected static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);

    @Inject
    @Client("/")
    protected HttpClient httpClient;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("clientele.operator-token", OPERATOR_TOKEN);
        properties.put("micronaut.security.reject-not-found", "false");
        return properties;
    }

    protected BlockingHttpClient client() {
        return httpClient.toBlocking();
    }

    /** A new tenant (region RU unless said) and a key of the given role for it. */
    protected String newTenantKey(String role) {
        return newTenantKey(role, "RU", "MERGE")[1];
    }

    /** @return {tenantId, key} */
    protected String[] newTenantKey(String role, String region, String policy) {
        String tenant = createTenant(region, "Europe/Moscow", policy);
        return new String[]{tenant, issueKey(tenant, role)};
    }

    /** A new tenant with a random id, through the operator API; returns its id. */
    protected String createTenant(String region, String timeZone, String policy) {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 13);
        client().exchange(HttpRequest.POST("/v1/admin/tenants", Map.of("id", tenant, "name", "Test",
                "defaultRegion", region, "timeZone", timeZone, "mergePolicy", policy)).bearerAuth(OPERATOR_TOKEN));
        return tenant;
    }

    protected String issueKey(String tenant, String role) {
        Map<String, Object> key = client().retrieve(HttpRequest.POST("/v1/admin/tenants/" + tenant + "/api-keys",
                Map.of("role", role)).bearerAuth(OPERATOR_TOKEN), JSON);
        return (String) key.get("key");
    }

    protected HttpResponse<Map<String, Object>> send(MutableHttpRequest<?> request, String key) {
        return client().exchange(request.bearerAuth(key), JSON);
    }

    protected Map<String, Object> upsert(String key, Object body) {
        return send(HttpRequest.POST("/v1/customers", body), key).body();
    }

    /** Sends a request that must fail; returns the problem document after checking status and media type. */
    protected Map<String, Object> problem(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<?> response = client().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus().getCode());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body).containsEntry("status", status).containsKeys("type", "title", "detail");
            assertThat(body.toString()).doesNotContain("Exception", "at io.", "at java.");
            return body;
        }
    }
}
