package io.clientele.bootstrap;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
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
 * The server's own configuration with the database unreachable (a port nobody listens on; the pool may start empty,
 * as when the database goes away after the start): readiness is DOWN with 503, so a load balancer takes the
 * instance out; liveness stays UP, so nothing restarts a process that is fine and waiting for its database.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseDownReadinessTest implements TestPropertyProvider {

    @Inject
    @Client("/")
    HttpClient httpClient;

    @Override
    public Map<String, String> getProperties() {
        return Map.of(
                "datasources.default.url", "jdbc:mysql://127.0.0.1:" + closedPort() + "/clientele",
                "datasources.default.username", "root",
                "datasources.default.password", "",
                "datasources.default.initialization-fail-timeout", "-1",
                // nothing to migrate on a database that isn't there
                "liquibase.enabled", "false");
    }

    @Test
    void readinessIsDownQuicklyAndQuietlyAndLivenessUp() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logged =
                new ch.qos.logback.core.read.ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            // the pool waits 5 s for a connection; a probe answers well before
            for (int probe = 0; probe < 3; probe++) {
                long started = System.nanoTime();
                try {
                    httpClient.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
                    throw new AssertionError("expected 503");
                } catch (HttpClientResponseException e) {
                    assertThat(e.getStatus().getCode()).isEqualTo(503);
                    assertThat(e.getResponse().getBody(String.class)).hasValueSatisfying(body ->
                            assertThat(body).contains("\"status\":\"DOWN\""));
                }
                assertThat((System.nanoTime() - started) / 1_000_000).as("ms").isLessThan(3_000);
            }
        } finally {
            root.detachAppender(logged);
        }
        // one line saying so, not a stack trace per probe
        assertThat(logged.list).filteredOn(event -> event.getLoggerName().endsWith("DatabaseReadiness"))
                .singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                        .contains("the database is unreachable"));
        assertThat(logged.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
        assertThat(httpClient.toBlocking().exchange(HttpRequest.GET("/health/liveness"), String.class)
                .getStatus().getCode()).isEqualTo(200);
        // metrics still answer, and show the pool waiting
        assertThat(httpClient.toBlocking().retrieve(HttpRequest.GET("/prometheus"))).contains("hikaricp_");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
