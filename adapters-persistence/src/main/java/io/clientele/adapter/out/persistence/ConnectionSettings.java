package io.clientele.adapter.out.persistence;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Driver and pool settings that save round trips on every unit of work, applied to each Hikari datasource before
 * its pool is built (unless configured otherwise). They are set here rather than in YAML because Micronaut rewrites
 * the keys of {@code data-source-properties} to kebab case, which the MySQL driver does not recognise: set there, they
 * silently did nothing.
 *
 * <ul>
 *   <li>session state (autocommit, isolation, read-only) is tracked by the driver instead of being queried;</li>
 *   <li>the pool hands out connections already at READ COMMITTED, the level every transaction here uses, so neither
 *       the transaction nor the pool's reset on return has to send {@code SET SESSION TRANSACTION ISOLATION};</li>
 *   <li>prepared statements are cached;</li>
 *   <li>several statements may go in one round trip.</li>
 * </ul>
 */
@Singleton
@Requires(classes = DatasourceConfiguration.class)
public class ConnectionSettings implements BeanCreatedEventListener<DatasourceConfiguration> {

    /** Connector/J properties; a value already configured (YAML or URL) wins. */
    static final Map<String, String> DRIVER_PROPERTIES;

    static {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("useLocalSessionState", "true");
        // not useLocalTransactionState: after an error inside a multi-statement script the driver's idea of the
        // server's transaction state is stale, it skipped the ROLLBACK, and the next SET autocommit=1 committed the
        // half-done work (seen in the bulk race test)
        properties.put("readOnlyPropagatesToServer", "false");
        properties.put("elideSetAutoCommits", "true");
        properties.put("cachePrepStmts", "true");
        properties.put("prepStmtCacheSize", "250");
        properties.put("prepStmtCacheSqlLimit", "4096");
        // a customer read for update and its side tables go in one round trip (two statements, two result sets), a
        // save is one script; values are bound as parameters or written by SqlScript.literal, which no input can
        // break out of
        properties.put("allowMultiQueries", "true");
        properties.put("cacheServerConfiguration", "true");
        properties.put("maintainTimeStats", "false");
        DRIVER_PROPERTIES = Map.copyOf(properties);
    }

    @Override
    public DatasourceConfiguration onCreated(BeanCreatedEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration configuration = event.getBean();
        String url = configuration.getUrl();
        if (url == null || !url.startsWith("jdbc:mysql:")) {
            return configuration;
        }
        DRIVER_PROPERTIES.forEach((name, value) -> {
            if (!configuration.getDataSourceProperties().containsKey(name) && !url.contains(name + "=")) {
                configuration.addDataSourceProperty(name, value);
            }
        });
        if (configuration.getTransactionIsolation() == null) {
            configuration.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        }
        return configuration;
    }
}
