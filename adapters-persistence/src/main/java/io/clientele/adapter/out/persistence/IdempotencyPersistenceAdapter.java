package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.IdempotencyStore;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Idempotency keys in {@code clientele_idempotency}; the primary key decides which racer claims a key. */
@Singleton
public class IdempotencyPersistenceAdapter implements IdempotencyStore {

    private final JdbcOperations jdbc;

    IdempotencyPersistenceAdapter(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public boolean insertIfAbsent(TenantId tenantId, String key, String requestHash, Instant now) {
        return jdbc.prepareStatement("INSERT IGNORE INTO clientele_idempotency (tenant_id, idem_key, request_hash,"
                + " created_at) VALUES (?, ?, ?, ?)", statement -> {
            statement.setString(1, tenantId.value());
            statement.setString(2, key);
            statement.setString(3, requestHash);
            statement.setObject(4, SqlTime.toColumn(now));
            return statement.executeUpdate() == 1;
        });
    }

    @Override
    public Optional<StoredKey> find(TenantId tenantId, String key) {
        return jdbc.prepareStatement("SELECT request_hash, created_at, status, content_type, body, headers"
                + " FROM clientele_idempotency WHERE tenant_id = ? AND idem_key = ?", statement -> {
            statement.setString(1, tenantId.value());
            statement.setString(2, key);
            try (ResultSet result = statement.executeQuery()) {
                if (!result.next()) {
                    return Optional.<StoredKey>empty();
                }
                return Optional.of(new StoredKey(result.getString(1),
                        SqlTime.fromColumn(result.getObject(2, LocalDateTime.class)),
                        result.getObject(3, Integer.class), result.getString(4), result.getString(5),
                        result.getString(6)));
            }
        });
    }

    @Override
    public boolean takeOver(TenantId tenantId, String key, Instant createdAt, String requestHash, Instant now) {
        return jdbc.prepareStatement("UPDATE clientele_idempotency SET request_hash = ?, created_at = ?, status = NULL,"
                + " content_type = NULL, body = NULL, headers = NULL"
                + " WHERE tenant_id = ? AND idem_key = ? AND created_at = ?",
                statement -> {
                    statement.setString(1, requestHash);
                    statement.setObject(2, SqlTime.toColumn(now));
                    statement.setString(3, tenantId.value());
                    statement.setString(4, key);
                    statement.setObject(5, SqlTime.toColumn(createdAt));
                    return statement.executeUpdate() == 1;
                });
    }

    @Override
    public void complete(TenantId tenantId, String key, int status, String contentType, String body, String headers) {
        jdbc.prepareStatement("UPDATE clientele_idempotency SET status = ?, content_type = ?, body = ?, headers = ?"
                + " WHERE tenant_id = ? AND idem_key = ?", statement -> {
            statement.setInt(1, status);
            statement.setString(2, contentType);
            statement.setString(3, body);
            statement.setString(4, headers);
            statement.setString(5, tenantId.value());
            statement.setString(6, key);
            return statement.executeUpdate();
        });
    }

    @Override
    public void delete(TenantId tenantId, String key) {
        jdbc.prepareStatement("DELETE FROM clientele_idempotency WHERE tenant_id = ? AND idem_key = ?", statement -> {
            statement.setString(1, tenantId.value());
            statement.setString(2, key);
            return statement.executeUpdate();
        });
    }

    @Override
    public void forgetAnswersMentioning(TenantId tenantId, Collection<String> texts) {
        List<String> patterns = texts.stream().filter(text -> text != null && !text.isEmpty())
                .map(text -> "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
                .distinct().toList();
        if (patterns.isEmpty()) {
            return;
        }
        // a scan of the tenant's answers of the last 24 h (older ones are purged); body is compared as stored (bin)
        String anyText = String.join(" OR ", Collections.nCopies(patterns.size(), "body LIKE ?"));
        jdbc.prepareStatement("DELETE FROM clientele_idempotency WHERE tenant_id = ? AND (" + anyText + ")",
                statement -> {
                    statement.setString(1, tenantId.value());
                    int index = 2;
                    for (String pattern : patterns) {
                        statement.setString(index++, pattern);
                    }
                    return statement.executeUpdate();
                });
    }

    @Override
    public int purgeClaimedBefore(Instant cutoff, int limit) {
        return jdbc.prepareStatement(
                "DELETE FROM clientele_idempotency WHERE created_at < ? ORDER BY created_at LIMIT ?", statement -> {
                    statement.setObject(1, SqlTime.toColumn(cutoff));
                    statement.setInt(2, limit);
                    return statement.executeUpdate();
                });
    }
}
