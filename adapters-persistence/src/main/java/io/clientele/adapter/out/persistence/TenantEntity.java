package io.clientele.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

@MappedEntity("clientele_tenant")
record TenantEntity(@Id String tenantId, String name, String defaultRegion, String timeZone, String mergePolicy,
                    LocalDateTime createdAt, @Nullable String placeholderValues) {
}
