package io.clientele.bootstrap;

import io.clientele.adapter.out.persistence.testing.TestDatabase;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * API.md "Operations" with the server's own application.yml: metrics, health and the API documentation are open;
 * the metrics carry HTTP timings per route template (never a raw path with a customer id in it) and the pool.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OperationsEndpointsTest implements TestPropertyProvider {

    private static final String OPERATOR_TOKEN = "ops-operator-token";

    @Inject
    @Client("/")
    HttpClient httpClient;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.put("clientele.operator-token", OPERATOR_TOKEN);
        return properties;
    }

    @Test
    void prometheusShowsRequestTimingsAndThePool() {
        // requests through routes with path variables: refused by security, and let through to a 404
        assertThat(status(HttpRequest.GET("/v1/customers/0193c1f0-secret-id"))).isEqualTo(401);
        assertThat(status(HttpRequest.GET("/v1/admin/tenants/secret-tenant").bearerAuth(OPERATOR_TOKEN)))
                .isEqualTo(404);
        assertThat(status(HttpRequest.GET("/health/readiness"))).isEqualTo(200);
        // a write and a refused write: counted by outcome and by rejection code
        assertThat(status(HttpRequest.POST("/v1/admin/tenants", java.util.Map.of("id", "metrics",
                "defaultRegion", "FI")).bearerAuth(OPERATOR_TOKEN))).isIn(201, 409);
        String key = (String) httpClient.toBlocking().retrieve(HttpRequest.POST("/v1/admin/tenants/metrics/api-keys",
                java.util.Map.of("role", "write")).bearerAuth(OPERATOR_TOKEN), java.util.Map.class).get("key");
        assertThat(status(HttpRequest.POST("/v1/customers", java.util.Map.of("identifiers", java.util.List.of(
                java.util.Map.of("type", "email", "value", "metrics@shop.fi")))).bearerAuth(key))).isIn(200, 201);
        assertThat(status(HttpRequest.POST("/v1/customers", java.util.Map.of("identifiers", java.util.List.of(
                java.util.Map.of("type", "phone", "value", "12")))).bearerAuth(key))).isEqualTo(422);

        HttpResponse<String> response = httpClient.toBlocking().exchange(HttpRequest.GET("/prometheus"),
                String.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        assertThat(response.getContentType()).hasValueSatisfying(type -> assertThat(type.toString())
                .startsWith("text/plain"));
        String metrics = response.body();
        assertThat(metrics).contains("http_server_requests_seconds_count{", "uri=\"/health/{selector}\"",
                "hikaricp_connections_active",
                // errors are labelled by status, not by path
                "status=\"404\",uri=\"NOT_FOUND\"", "hikaricp_connections_pending", "jvm_memory_used_bytes",
                "clientele_writes_total{", "clientele_rejections_total{code=\"validation-failed\",status=\"422\"}");
        assertThat(metrics).as("ids never become label values").doesNotContain("secret-id", "secret-tenant");
    }

    @Test
    void healthIsOpenAndReadinessSeesTheDatabase() {
        HttpResponse<String> readiness = httpClient.toBlocking().exchange(HttpRequest.GET("/health/readiness"),
                String.class);
        assertThat(readiness.getStatus().getCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"status\":\"UP\"");
        assertThat(status(HttpRequest.GET("/health/liveness"))).isEqualTo(200);
        // a tenant's key sees the status, not the database's URL or version (the operator's business)
        assertThat(status(HttpRequest.POST("/v1/admin/tenants", java.util.Map.of("id", "health",
                "defaultRegion", "FI")).bearerAuth(OPERATOR_TOKEN))).isIn(201, 409);
        String key = (String) httpClient.toBlocking().retrieve(HttpRequest.POST("/v1/admin/tenants/health/api-keys",
                java.util.Map.of("role", "read")).bearerAuth(OPERATOR_TOKEN), java.util.Map.class).get("key");
        String health = httpClient.toBlocking().retrieve(HttpRequest.GET("/health").bearerAuth(key), String.class);
        assertThat(health).contains("\"status\":\"UP\"").doesNotContain("jdbc:", "details");
    }

    @Test
    void theOpenApiDocumentAndSwaggerUiAreServedWithoutAKey() {
        HttpResponse<String> yaml = httpClient.toBlocking().exchange(HttpRequest.GET("/swagger/clientele.yml"),
                String.class);
        assertThat(yaml.getStatus().getCode()).isEqualTo(200);
        assertThat(yaml.body()).contains("title: Clientele", "/v1/customers:");
        assertThat(httpClient.toBlocking().exchange(HttpRequest.GET("/swagger-ui/"), String.class).body())
                .contains("/swagger/clientele.yml");
    }

    private int status(MutableHttpRequest<?> request) {
        try {
            return httpClient.toBlocking().exchange(request, String.class).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }
}
