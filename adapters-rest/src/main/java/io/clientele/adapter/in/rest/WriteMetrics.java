package io.clientele.adapter.in.rest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.Locale;

/**
 * Counters beside the per-route timers: {@code clientele_writes_total{outcome=created|updated|merged}} for upserts
 * (native, batch and dialects), {@code clientele_merges_total} for explicit merges, and
 * {@code clientele_rejections_total{status,code}} for broken rules. Without Micrometer on the classpath (an
 * embedding host) this bean and the counting decorators don't exist; without a registry nothing is counted.
 */
@Singleton
@Requires(classes = MeterRegistry.class)
public class WriteMetrics {

    private final BeanProvider<MeterRegistry> registry;

    WriteMetrics(BeanProvider<MeterRegistry> registry) {
        this.registry = registry;
    }

    public void outcome(Enum<?> outcome) {
        if (registry.isPresent()) {
            registry.get().counter("clientele.writes", "outcome", outcome.name().toLowerCase(Locale.ROOT))
                    .increment();
        }
    }

    public void merge() {
        if (registry.isPresent()) {
            registry.get().counter("clientele.merges").increment();
        }
    }

    public void rejection(int status, String code) {
        if (registry.isPresent()) {
            registry.get().counter("clientele.rejections", "status", Integer.toString(status), "code", code)
                    .increment();
        }
    }
}
