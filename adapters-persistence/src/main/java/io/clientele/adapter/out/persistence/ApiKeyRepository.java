package io.clientele.adapter.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface ApiKeyRepository extends GenericRepository<ApiKeyEntity, String> {

    ApiKeyEntity save(ApiKeyEntity key);

    Optional<ApiKeyEntity> findByTenantIdAndSecretHash(String tenantId, String secretHash);
}
