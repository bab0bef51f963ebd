package io.clientele.adapter.out.persistence;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;

@JdbcRepository(dialect = Dialect.MYSQL)
interface TenantRepository extends GenericRepository<TenantEntity, String> {

    Optional<TenantEntity> findById(String tenantId);

    long count();
}
