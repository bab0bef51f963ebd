package io.clientele.adapter.out.persistence;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.LocalDateTime;

/** The table's key is (tenant_id, key_id); key ids are UUIDs, so key_id alone identifies the row for Micronaut Data. */
@MappedEntity("clientele_api_key")
record ApiKeyEntity(String tenantId, @Id String keyId, String secretHash, String role, LocalDateTime createdAt) {
}
