package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.core.type.Argument;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server with its database gone: the datasource points at a port nobody listens on (the pool is allowed to start
 * empty, as after an outage that began once the server was up). Every request that needs the database - including
 * the API-key check itself - answers 503 problem+json with Retry-After within the pool's connection timeout.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseDownApiTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final String OPERATOR_TOKEN = "down-operator-token";
    private static final long CONNECTION_TIMEOUT_MS = 500;

    @Inject
    @Client("/")
    HttpClient httpClient;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:mysql://127.0.0.1:" + closedPort() + "/clientele",
                "datasources.default.username", "root",
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver",
                "datasources.default.dialect", "MYSQL",
                "datasources.default.connection-timeout", Long.toString(CONNECTION_TIMEOUT_MS),
                // start without a single connection instead of failing the start
                "datasources.default.initialization-fail-timeout", "-1",
                "clientele.operator-token", OPERATOR_TOKEN,
                "clientele.database-unavailable.retry-after-seconds", "3",
                "micronaut.security.reject-not-found", "false");
    }

    @Test
    void tenantKeysCantBeCheckedSoTheAnswerIs503() {
        assertUnavailable(HttpRequest.GET("/v1/customers/some-id").bearerAuth("acme.some-secret"));
        assertUnavailable(HttpRequest.POST("/v1/customers", Map.of()).header("X-API-Key", "acme.some-secret"));
    }

    @Test
    void operatorRequestsThatNeedTheDatabaseAre503() {
        assertUnavailable(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "down", "name", "Down",
                "defaultRegion", "RU")).bearerAuth(OPERATOR_TOKEN));
    }

    @Test
    void requestsWithoutAKeyAreStill401() {
        // nothing to look up, so no database needed: the outage doesn't hide a missing key
        try {
            httpClient.toBlocking().exchange(HttpRequest.GET("/v1/customers/some-id"), JSON);
            throw new AssertionError("expected 401");
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(401);
        }
    }

    private void assertUnavailable(MutableHttpRequest<?> request) {
        long started = System.nanoTime();
        try {
            httpClient.toBlocking().exchange(request, JSON);
            throw new AssertionError("expected 503");
        } catch (HttpClientResponseException e) {
            long tookMs = (System.nanoTime() - started) / 1_000_000;
            assertThat(e.getStatus().getCode()).isEqualTo(503);
            assertThat(e.getResponse().getHeaders().get("Retry-After")).isEqualTo("3");
            assertThat(e.getResponse().getContentType()).hasValueSatisfying(
                    type -> assertThat(type.toString()).isEqualTo("application/problem+json"));
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body).containsEntry("status", 503).containsEntry("code", "database-unavailable");
            assertThat(body.toString()).doesNotContain("Exception", "jdbc:", "127.0.0.1");
            assertThat(tookMs).as("answered within the connection timeout plus slack").isLessThan(
                    CONNECTION_TIMEOUT_MS + 2_000);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
