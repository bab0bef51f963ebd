package io.clientele.adapter.out.persistence.testing;

import io.clientele.adapter.out.persistence.embedded.EmbeddedMariaDb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The database integration tests run against: the server named by {@code DB_URL} / {@code DB_USER} /
 * {@code DB_PASSWORD} when set, otherwise one embedded MariaDB per test JVM, started fresh on first use.
 * Tests create their own tenants with random ids, so they never see each other's data, even on a shared server.
 */
public final class TestDatabase {

    private static Map<String, Object> properties;

    private TestDatabase() {
    }

    /** Micronaut properties pointing the default datasource (and Liquibase) at the test database. */
    public static synchronized Map<String, Object> properties() {
        if (properties == null) {
            String url = System.getenv("DB_URL");
            String user = System.getenv().getOrDefault("DB_USER", "root");
            String password = System.getenv().getOrDefault("DB_PASSWORD", "");
            if (url == null || url.isBlank()) {
                Path root = Path.of("target", "test-mariadb");
                deleteRecursively(root.resolve("data"));
                EmbeddedMariaDb db = EmbeddedMariaDb.start(root);
                Runtime.getRuntime().addShutdownHook(new Thread(db::close, "embedded-mariadb-stop"));
                url = db.jdbcUrl("clientele_it");
                user = db.user();
                password = "";
            }
            properties = Map.of(
                    "datasources.default.url", url,
                    "datasources.default.username", user,
                    "datasources.default.password", password,
                    "datasources.default.driver-class-name", "com.mysql.cj.jdbc.Driver",
                    "datasources.default.dialect", "MYSQL",
                    "datasources.default.maximum-pool-size", "20",
                    "liquibase.datasources.default.change-log", "classpath:db/clientele/changelog.xml");
        }
        return properties;
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
