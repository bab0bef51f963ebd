package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.TenantStore;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.ApiKey;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;

/** Tenants and API keys on MySQL/MariaDB. */
@Singleton
public class TenantPersistenceAdapter implements TenantStore {

    private final TenantRepository tenants;
    private final ApiKeyRepository keys;
    private final JdbcOperations jdbc;
    private final CustomerRows json;

    TenantPersistenceAdapter(TenantRepository tenants, ApiKeyRepository keys, JdbcOperations jdbc, CustomerRows json) {
        this.tenants = tenants;
        this.keys = keys;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public boolean insertIfAbsent(Tenant tenant) {
        // INSERT IGNORE: an existing id is an answer (false), not an error that would poison the transaction
        return jdbc.prepareStatement("""
                INSERT IGNORE INTO clientele_tenant
                    (tenant_id, name, default_region, time_zone, merge_policy, created_at)
                VALUES (?, ?, ?, ?, ?, ?)""", statement -> {
            try {
                bind(statement, tenant);
                return statement.executeUpdate() == 1;
            } catch (SQLException e) {
                throw new IllegalStateException("could not insert tenant", e);
            }
        });
    }

    private static void bind(PreparedStatement statement, Tenant tenant) throws SQLException {
        statement.setString(1, tenant.id().value());
        statement.setString(2, tenant.name());
        statement.setString(3, tenant.defaultRegion());
        statement.setString(4, tenant.timeZone().getId());
        statement.setString(5, tenant.mergePolicy().name());
        statement.setObject(6, SqlTime.toColumn(tenant.createdAt()));
    }

    @Override
    public Optional<Tenant> find(TenantId id) {
        return tenants.findById(id.value()).map(entity -> new Tenant(TenantId.of(entity.tenantId()), entity.name(),
                entity.defaultRegion(), ZoneId.of(entity.timeZone()), MergePolicy.valueOf(entity.mergePolicy()),
                SqlTime.fromColumn(entity.createdAt()), entity.placeholderValues() == null ? java.util.Set.of()
                : new java.util.HashSet<>(json.read(entity.placeholderValues(),
                io.micronaut.core.type.Argument.listOf(String.class)))));
    }

    @Override
    public void savePlaceholderValues(TenantId id, java.util.Set<String> values) {
        jdbc.prepareStatement("UPDATE clientele_tenant SET placeholder_values = ? WHERE tenant_id = ?", statement -> {
            statement.setString(1, json.write(new java.util.TreeSet<>(values)));
            statement.setString(2, id.value());
            return statement.executeUpdate();
        });
    }

    @Override
    public boolean anyTenantExists() {
        return tenants.count() > 0;
    }

    @Override
    public void insertKey(ApiKey key) {
        keys.save(new ApiKeyEntity(key.tenantId().value(), key.keyId(), key.secretHash(), key.role().name(),
                SqlTime.toColumn(key.createdAt())));
    }

    @Override
    public Optional<ApiKey> findKey(TenantId tenantId, String secretHash) {
        return keys.findByTenantIdAndSecretHash(tenantId.value(), secretHash)
                .map(entity -> new ApiKey(TenantId.of(entity.tenantId()), entity.keyId(), entity.secretHash(),
                        AccessRole.valueOf(entity.role().toUpperCase(Locale.ROOT)),
                        SqlTime.fromColumn(entity.createdAt())));
    }
}
