package com.example.shop;

import io.clientele.adapter.out.persistence.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;

import javax.sql.DataSource;
import java.util.HashMap;
import java.util.Map;

/** The host's test database: Clientele's test MariaDB, migrated with the shop's master changelog. */
final class HostDatabase {

    static final String FIXED_TIME = "2024-02-29T12:34:56.123456Z";

    private static boolean standaloneMigrated;

    private HostDatabase() {
    }

    /**
     * Micronaut properties of the host under test. Before the first host context starts, the database is migrated
     * the way a standalone Clientele server does it (Clientele's changelog alone), so that the host's master
     * changelog has to adopt an existing registry schema rather than clash with it.
     */
    static synchronized Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.properties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        if (!standaloneMigrated) {
            Map<String, Object> standalone = new HashMap<>(properties);
            standalone.put("liquibase.datasources.default.change-log", "classpath:db/clientele/changelog.xml");
            try (ApplicationContext clienteleAlone = ApplicationContext.run(standalone)) {
                clienteleAlone.getBean(DataSource.class);
            }
            standaloneMigrated = true;
        }
        properties.put("liquibase.datasources.default.change-log", "classpath:db/shop/changelog.xml");
        properties.put("shop.fixed-time", FIXED_TIME);
        return properties;
    }
}
