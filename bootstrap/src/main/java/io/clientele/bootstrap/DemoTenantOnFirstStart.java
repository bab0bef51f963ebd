package io.clientele.bootstrap;

import io.clientele.application.port.in.IssuedApiKey;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * On the embedded default's first start (no tenants at all) creates tenant {@code demo} with one admin key and logs
 * the key this once: it is stored hashed and can't be shown again.
 */
@Singleton
@Requires(property = Application.EMBEDDED_PROPERTY, value = "true")
class DemoTenantOnFirstStart {

    private static final Logger LOG = LoggerFactory.getLogger(DemoTenantOnFirstStart.class);

    private final ManageTenantsUseCase tenants;
    private final String region;

    DemoTenantOnFirstStart(ManageTenantsUseCase tenants, @Value("${clientele.demo.default-region:RU}") String region) {
        this.tenants = tenants;
        this.region = region;
    }

    @EventListener
    void onStartup(StartupEvent event) {
        Optional<IssuedApiKey> key = tenants.createDemoTenantIfEmpty(region);
        key.ifPresent(k -> LOG.info("First start: created tenant 'demo' (phone region {}) with admin API key {} "
                + "(shown once; it is stored hashed)", region, k.secret()));
    }
}
