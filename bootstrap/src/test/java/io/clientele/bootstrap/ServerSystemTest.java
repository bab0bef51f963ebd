package io.clientele.bootstrap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server as a user runs it: the real main class in its own JVM, with no database configured, so it starts its
 * embedded MariaDB; then a restart on the same data directory.
 */
class ServerSystemTest {

    private static final Path DATA = Path.of("target", "system-test-data").toAbsolutePath();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopServers() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Test
    void runsOnTheEmbeddedDatabaseAndKeepsItsDataAcrossARestart() throws Exception {
        deleteRecursively(DATA);
        int port = freePort();
        Path firstLog = DATA.resolveSibling("system-test-first.log");
        Process first = start(port, firstLog);
        awaitHealthy(first, port, firstLog);

        String log = Files.readString(firstLog);
        Matcher demoKey = Pattern.compile("admin API key (demo\\.[A-Za-z0-9_-]+)").matcher(log);
        assertThat(demoKey.find()).as("the first start logs the demo tenant's admin key").isTrue();
        String key = demoKey.group(1);
        String operatorToken = Files.readString(DATA.resolve("operator-token")).trim();

        HttpResponse<String> created = send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"Zebediah.Quill@Example.com\"},"
                        + "{\"type\":\"phone\",\"value\":\"8 (916) 555-01-23\"}],"
                        + "\"profile\":{\"firstName\":\"Zebediah\",\"lastName\":\"Quill\"}}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = field(created.body(), "id");

        HttpResponse<String> tenant = send(port, "POST", "/v1/admin/tenants", operatorToken,
                "{\"id\":\"sys-acme\",\"name\":\"Acme\",\"defaultRegion\":\"FI\"}");
        assertThat(tenant.statusCode()).isEqualTo(201);
        String acmeKey = field(send(port, "POST", "/v1/admin/tenants/sys-acme/api-keys", operatorToken,
                "{\"role\":\"read\"}").body(), "key");
        assertThat(send(port, "GET", "/v1/customers/" + id, acmeKey, null).statusCode())
                .as("another tenant's key doesn't see demo's customer").isEqualTo(404);

        // a representative session: merge, patch, consent, delete one customer, forget another
        String other = field(send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"Zebediah.Second@Example.com\"}],"
                        + "\"profile\":{\"lastName\":\"Quill\"}}").body(), "id");
        assertThat(send(port, "POST", "/v1/merges", key, "{\"survivorId\":\"" + id + "\",\"absorbedId\":\""
                + other + "\"}").statusCode()).isEqualTo(201);
        assertThat(send(port, "PATCH", "/v1/customers/" + id, key, "{\"profile\":{\"city\":\"Quillville\"}}")
                .statusCode()).isEqualTo(200);
        assertThat(send(port, "POST", "/v1/customers/" + id + "/consents", key,
                "{\"channel\":\"email\",\"status\":\"granted\",\"evidence\":\"Zebediah's form\"}").statusCode())
                .isEqualTo(201);
        String deleted = field(send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"quill.deleted@example.com\"}]}").body(), "id");
        assertThat(send(port, "DELETE", "/v1/customers/" + deleted, key, null).statusCode()).isEqualTo(204);
        String forgotten = field(send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"quill.forgotten@example.com\"}]}").body(), "id");
        assertThat(send(port, "POST", "/v1/customers/" + forgotten + "/forget", key, "{}").statusCode()).isEqualTo(200);
        assertThat(send(port, "GET", "/v1/customers/lookup?type=email&value=zebediah.quill%40gmail.com", key,
                null).statusCode()).isEqualTo(404);

        // graceful shutdown: a long batch still running when SIGTERM arrives is finished and answered
        StringBuilder batch = new StringBuilder("{\"customers\":[");
        for (int i = 0; i < 10_000; i++) {
            batch.append(i == 0 ? "" : ",").append("{\"identifiers\":[{\"type\":\"externalId\",\"value\":\"late-")
                    .append(i).append("\"},{\"type\":\"email\",\"value\":\"late-").append(i)
                    .append("@example.com\"}],\"profile\":{\"city\":\"Lateville\"}}");
        }
        java.util.concurrent.CompletableFuture<HttpResponse<String>> inFlight = http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/customers:batch"))
                        .timeout(Duration.ofSeconds(90)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + key)
                        .POST(HttpRequest.BodyPublishers.ofString(batch.append("]}").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        // SIGTERM as soon as the first chunk has landed (a fixed sleep let a fast machine finish the whole batch first)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!inFlight.isDone() && System.nanoTime() < deadline && send(port, "GET",
                "/v1/customers/lookup?type=externalId&value=late-0", key, null).statusCode() != 200) {
            Thread.sleep(5);
        }
        first.destroy();
        boolean answeredBeforeSigterm = inFlight.isDone();
        HttpResponse<String> finished = inFlight.get(90, TimeUnit.SECONDS);
        assertThat(answeredBeforeSigterm).as("the batch was still running when SIGTERM arrived").isFalse();
        assertThat(finished.statusCode()).as("the in-flight batch is answered").isEqualTo(200);
        assertThat(finished.body().split("\"outcome\":\"created\"", -1).length - 1)
                .as("every record of the in-flight batch landed").isEqualTo(10_000);

        stop(first);
        String firstRun = Files.readString(firstLog);
        assertThat(firstRun).as("personal data stays out of the log")
                .doesNotContainIgnoringCase("zebediah").doesNotContainIgnoringCase("quill")
                // the phone as sent and as stored ("555" alone also matched a timestamp's milliseconds, 01:48:49.555)
                .doesNotContain("555-01-23").doesNotContain("9165550123");

        Path secondLog = DATA.resolveSibling("system-test-second.log");
        Process second = start(port, secondLog);
        awaitHealthy(second, port, secondLog);
        HttpResponse<String> afterRestart = send(port, "GET", "/v1/customers/lookup?type=phone&value=%2B79165550123",
                key, null);
        assertThat(afterRestart.statusCode()).isEqualTo(200);
        assertThat(field(afterRestart.body(), "id")).isEqualTo(id);
        assertThat(afterRestart.body()).contains("\"firstName\":\"Zebediah\"", "Quillville");
        assertThat(send(port, "GET", "/v1/customers/" + deleted, key, null).statusCode())
                .as("a delete survives a restart").isEqualTo(404);
        assertThat(send(port, "GET", "/v1/customers/" + forgotten, key, null).statusCode())
                .as("a forget survives a restart").isEqualTo(404);
        assertThat(send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"quill.deleted@example.com\"}]}").statusCode())
                .as("a deleted customer's identifiers stay reserved").isEqualTo(409);
        assertThat(send(port, "POST", "/v1/customers", key,
                "{\"identifiers\":[{\"type\":\"email\",\"value\":\"quill.forgotten@example.com\"}]}").statusCode())
                .as("a forgotten customer's identifiers are free").isEqualTo(201);
        assertThat(send(port, "GET", "/v1/customers/lookup?type=externalId&value=late-9999", key, null).statusCode())
                .as("the batch answered during shutdown was committed").isEqualTo(200);
        assertThat(Files.readString(secondLog)).as("personal data stays out of the log")
                .doesNotContainIgnoringCase("zebediah").doesNotContainIgnoringCase("quill");
        assertThat(Files.readString(secondLog)).as("the demo tenant is created on the first start only")
                .doesNotContain("admin API key");
    }

    private Process start(int port, Path log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // the server's own logging configuration, not the tests' (which would hide what a user sees)
        String logback = Path.of("target", "classes", "logback.xml").toAbsolutePath().toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx512m", "-Dlogback.configurationFile=" + logback,
                "-cp", System.getProperty("java.class.path"), Application.class.getName());
        builder.environment().remove("DB_URL");
        builder.environment().remove("CLIENTELE_OPERATOR_TOKEN");
        builder.environment().put("PORT", Integer.toString(port));
        builder.environment().put("CLIENTELE_DATA_DIR", DATA.toString());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = builder.start();
        processes.add(process);
        return process;
    }

    private void stop(Process process) throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("server stops on SIGTERM").isTrue();
    }

    private void awaitHealthy(Process process, int port, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("server exited early:\n" + Files.readString(log));
            }
            try {
                if (send(port, "GET", "/health/readiness", null, null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("server not healthy in time:\n" + Files.readString(log));
    }

    private HttpResponse<String> send(int port, String method, String path, String key, String json)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]+)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (Files.exists(path)) {
            try (Stream<Path> walk = Files.walk(path)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
