package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** API.md "Errors": 413 for oversized bodies, decided before reading them; 400 for absurdly nested JSON. */
@MicronautTest(transactional = false)
class RequestLimitsApiTest extends ApiTest {

    private static final int LIMIT = 64 * 1024;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.server.max-request-size", Integer.toString(LIMIT));
        return properties;
    }

    @Test
    void aBodyOverTheLimitIsRefusedFromContentLengthWithoutBeingSent() throws IOException {
        String key = newTenantKey("write");
        // only the headers go out: the answer must come without the server waiting for the body
        String response = rawExchange("POST /v1/customers HTTP/1.1\r\nHost: localhost\r\n"
                + "Authorization: Bearer " + key + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + (LIMIT + 1) + "\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response.toLowerCase()).contains("content-type: application/problem+json");
        assertThat(response).contains("\"status\":413", "payload-too-large").doesNotContain("Exception");
    }

    @Test
    void aBodyJustOverTheLimitIs413ProblemJson() {
        String key = newTenantKey("write");
        String body = "{\"profile\":{\"firstName\":\"" + "a".repeat(LIMIT) + "\"}}";
        problem(HttpRequest.POST("/v1/customers", body).contentType(MediaType.APPLICATION_JSON).bearerAuth(key), 413);
    }

    @Test
    void aBodyJustUnderTheLimitIsRead() {
        String key = newTenantKey("write");
        String prefix = "{\"identifiers\":[{\"type\":\"email\",\"value\":\"limit@shop.ru\"}],\"profile\":{\"city\":\"";
        String suffix = "\"}}";
        String body = prefix + "a".repeat(LIMIT - prefix.length() - suffix.length()) + suffix;
        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(LIMIT);
        // read and judged on its content (the city is far too long), not refused for its size
        problem(HttpRequest.POST("/v1/customers", body).contentType(MediaType.APPLICATION_JSON).bearerAuth(key), 422);
    }

    @Test
    void jsonNestedAThousandLevelsDeepIs400Fast() {
        // the JSON parser refuses nesting deeper than 1,000 (Jackson's StreamReadConstraints) before any tree is
        // built, so depth costs no stack; the same holds on endpoints that bind the body to a record
        String key = newTenantKey("admin");
        for (int depth : new int[]{1_000, 10_000}) {
            String body = "{\"identifiers\":[{\"type\":\"email\",\"value\":\"deep@shop.ru\"}],\"profile\":"
                    + "{\"a\":".repeat(depth) + "1" + "}".repeat(depth) + "}";
            long started = System.nanoTime();
            Map<String, Object> problem = problem(HttpRequest.POST("/v1/customers", body)
                    .contentType(MediaType.APPLICATION_JSON).bearerAuth(key), 400);
            assertThat(problem).containsEntry("code", "malformed-request");
            assertThat(System.nanoTime() - started).as("depth %d answered in time", depth)
                    .isLessThan(2_000_000_000L);
            String arrays = "[".repeat(depth) + "]".repeat(depth);
            problem(HttpRequest.POST("/v1/customers", "{\"identifiers\":" + arrays + "}")
                    .contentType(MediaType.APPLICATION_JSON).bearerAuth(key), 400);
            problem(HttpRequest.POST("/v1/merges", "{\"survivorId\":" + arrays + "}")
                    .contentType(MediaType.APPLICATION_JSON).bearerAuth(key), 400);
            problem(HttpRequest.POST("/v1/admin/tenants", "{\"id\":\"x\",\"name\":" + "{\"a\":".repeat(depth)
                    + "1" + "}".repeat(depth) + "}").contentType(MediaType.APPLICATION_JSON)
                    .bearerAuth(OPERATOR_TOKEN), 400);
        }
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            int read;
            while ((read = in.read(buffer)) > 0) {
                received.write(buffer, 0, read);
                String text = received.toString(StandardCharsets.UTF_8);
                int headerEnd = text.indexOf("\r\n\r\n");
                if (headerEnd > 0 && text.substring(headerEnd + 4).contains("}")) {
                    break;
                }
            }
            return received.toString(StandardCharsets.UTF_8);
        }
    }
}
