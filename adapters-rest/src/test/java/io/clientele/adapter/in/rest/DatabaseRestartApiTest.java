package io.clientele.adapter.in.rest;

import io.clientele.adapter.out.persistence.embedded.EmbeddedMariaDb;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stops under a running server and comes back on the same port: meanwhile requests answer 503 quickly;
 * afterwards the server recovers by itself and every write it acknowledged before the outage is there.
 * (Its own embedded MariaDB, since the shared test database can't be stopped.)
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseRestartApiTest implements TestPropertyProvider {

    private static final Argument<Map<String, Object>> JSON = Argument.mapOf(String.class, Object.class);
    private static final String OPERATOR_TOKEN = "restart-operator-token";
    private static final Path ROOT = Path.of("target", "restart-mariadb").toAbsolutePath();

    @Inject
    @Client("/")
    HttpClient httpClient;

    private EmbeddedMariaDb db;
    private int port;

    @Override
    public Map<String, String> getProperties() {
        deleteRecursively(ROOT.resolve("data"));
        port = freePort();
        db = EmbeddedMariaDb.start(ROOT, port);
        return Map.of(
                "datasources.default.url", db.jdbcUrl("clientele_restart"),
                "datasources.default.username", db.user(),
                "datasources.default.password", "",
                "datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver",
                "datasources.default.dialect", "MYSQL",
                "datasources.default.connection-timeout", "1000",
                "liquibase.datasources.default.change-log", "classpath:db/clientele/changelog.xml",
                "clientele.operator-token", OPERATOR_TOKEN,
                "micronaut.security.reject-not-found", "false");
    }

    @AfterAll
    void stopDatabase() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void anOutageAnswers503AndTheServerRecoversWithEveryAcknowledgedWrite() throws Exception {
        send(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "restart", "defaultRegion", "FI")), OPERATOR_TOKEN);
        String key = (String) send(HttpRequest.POST("/v1/admin/tenants/restart/api-keys", Map.of("role", "write")),
                OPERATOR_TOKEN).body().get("key");
        String id = (String) send(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "email", "value", "before.outage@shop.fi")))), key).body().get("id");

        db.close();
        long started = System.nanoTime();
        assertThat(status(HttpRequest.GET("/v1/customers/" + id), key)).isEqualTo(503);
        assertThat(status(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "email", "value", "during.outage@shop.fi")))), key)).isEqualTo(503);
        assertThat((System.nanoTime() - started) / 1_000_000).as("both answered within a few seconds")
                .isLessThan(10_000);

        db = EmbeddedMariaDb.start(ROOT, port);
        int recovered = 0;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline && (recovered = status(HttpRequest.GET("/v1/customers/" + id), key)) != 200) {
            Thread.sleep(250);
        }
        assertThat(recovered).as("the server recovers by itself").isEqualTo(200);
        assertThat(send(HttpRequest.GET("/v1/customers/lookup?type=email&value=before.outage%40shop.fi"), key).body())
                .containsEntry("id", id);
        assertThat(status(HttpRequest.POST("/v1/customers", Map.of("identifiers",
                List.of(Map.of("type", "email", "value", "after.outage@shop.fi")))), key)).isEqualTo(201);
    }

    private HttpResponse<Map<String, Object>> send(MutableHttpRequest<?> request, String key) {
        return httpClient.toBlocking().exchange(request.bearerAuth(key), JSON);
    }

    private int status(MutableHttpRequest<?> request, String key) {
        try {
            return send(request, key).getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
