package io.clientele.bootstrap;

import io.clientele.adapter.out.persistence.embedded.EmbeddedMariaDb;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts Clientele. With a datasource configured ({@code DB_URL}/{@code DB_USER}/{@code DB_PASSWORD}, or Micronaut's
 * {@code datasources.default.url}) it uses that MySQL/MariaDB. Without one it starts an embedded MariaDB with its
 * data under {@code ./data} (or {@code CLIENTELE_DATA_DIR}), keeps an operator token in {@code <data>/operator-token},
 * and on the very first start creates tenant {@code demo} with one admin key, logged once.
 */
public final class Application {

    /** Set when the server runs on its own embedded MariaDB (turns on the demo tenant). */
    public static final String EMBEDDED_PROPERTY = "clientele.embedded-database.active";
    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    private Application() {
    }

    public static void main(String[] args) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // Liquibase prints its banner and summaries to stdout unless told to log them
        System.setProperty("liquibase.uiService", "LOGGER");
        System.setProperty("liquibase.command.showSummaryOutput", "LOG");

        Map<String, Object> properties = new HashMap<>();
        EmbeddedMariaDb embedded = null;
        String dbUrl = System.getenv("DB_URL");
        if (dbUrl != null && !dbUrl.isBlank()) {
            properties.put("datasources.default.url", dbUrl);
            properties.put("datasources.default.username", System.getenv().getOrDefault("DB_USER", "root"));
            properties.put("datasources.default.password", System.getenv().getOrDefault("DB_PASSWORD", ""));
        } else if (!datasourceConfigured(args)) {
            Path dataDir = Path.of(firstNonBlank(System.getenv("CLIENTELE_DATA_DIR"),
                    System.getProperty("clientele.data-dir"), "data")).toAbsolutePath();
            embedded = EmbeddedMariaDb.start(dataDir);
            properties.put("datasources.default.url", embedded.jdbcUrl("clientele"));
            properties.put("datasources.default.username", embedded.user());
            properties.put("datasources.default.password", "");
            properties.put(EMBEDDED_PROPERTY, "true");
            if (isBlank(System.getenv("CLIENTELE_OPERATOR_TOKEN")) && isBlank(System.getProperty("clientele.operator-token"))) {
                Path tokenFile = dataDir.resolve("operator-token");
                properties.put("clientele.operator-token", operatorToken(tokenFile));
                LOG.info("Operator token (for /v1/admin/...) is in {}", tokenFile);
            }
        }

        ApplicationContext context = Micronaut.build(args).mainClass(Application.class).properties(properties)
                .start();
        if (embedded != null) {
            EmbeddedMariaDb db = embedded;
            // Micronaut's own hook stops the server; the database goes once that is done, so in-flight requests
            // finish against a live database (stopping the context from here too would race with that hook)
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (context.isRunning() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                db.close();
            }, "clientele-embedded-db-stop"));
        }
    }

    private static boolean datasourceConfigured(String[] args) {
        for (String arg : args) {
            if (arg.startsWith("--datasources.default.url=")) {
                return true;
            }
        }
        return !isBlank(System.getProperty("datasources.default.url"))
                || !isBlank(System.getenv("DATASOURCES_DEFAULT_URL"));
    }

    /** The operator token kept beside the embedded data, created on first start (readable by the owner only). */
    private static String operatorToken(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = "op-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.getParent());
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the file stays as the platform creates it
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the operator token file " + file, e);
        }
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (!isBlank(value)) {
                return value;
            }
        }
        return null;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
