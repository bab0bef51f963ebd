package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.MergeJournal;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.merge.MergeReason;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The merge journal in {@code clientele_merge}; before-images are JSON documents. */
@Singleton
public class MergeJournalPersistenceAdapter implements MergeJournal {

    private static final String COLUMNS = "id, survivor_id, absorbed_id, merged_at, reason, actor, survivor_before, "
            + "absorbed_before, survivor_version_after, reverted_at, reverted_by, survivor_version_after_revert";

    private final JdbcOperations jdbc;
    private final CustomerRows rows;

    MergeJournalPersistenceAdapter(JdbcOperations jdbc, CustomerRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public void record(Merge merge) {
        jdbc.prepareStatement("INSERT INTO clientele_merge (tenant_id, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", statement -> {
            statement.setString(1, merge.tenantId().value());
            statement.setString(2, merge.id());
            statement.setString(3, merge.survivorId().value());
            statement.setString(4, merge.absorbedId().value());
            statement.setObject(5, SqlTime.toColumn(merge.at()));
            statement.setString(6, merge.reason().name());
            statement.setString(7, merge.actor());
            statement.setString(8, rows.snapshotJson(merge.survivorBefore()));
            statement.setString(9, rows.snapshotJson(merge.absorbedBefore()));
            statement.setLong(10, merge.survivorVersionAfter());
            statement.setObject(11, SqlTime.toColumn(merge.revertedAt()));
            statement.setString(12, merge.revertedBy());
            statement.setObject(13, merge.survivorVersionAfterRevert());
            return statement.executeUpdate();
        });
    }

    @Override
    public Optional<Merge> find(TenantId tenantId, String mergeId) {
        if (!mergeId.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            // the id column is ASCII: the database would refuse to compare other text with it, and none is stored
            return Optional.empty();
        }
        return query("SELECT " + COLUMNS + " FROM clientele_merge WHERE tenant_id = ? AND id = ?", tenantId, mergeId);
    }

    @Override
    public Optional<Merge> latestUnrevertedInto(TenantId tenantId, CustomerId survivorId) {
        return query("SELECT " + COLUMNS + " FROM clientele_merge WHERE tenant_id = ? AND survivor_id = ?"
                + " AND reverted_at IS NULL ORDER BY merged_at DESC, id DESC LIMIT 1", tenantId, survivorId.value());
    }

    @Override
    public Optional<Merge> latestRevertedInto(TenantId tenantId, CustomerId survivorId) {
        return query("SELECT " + COLUMNS + " FROM clientele_merge WHERE tenant_id = ? AND survivor_id = ?"
                + " AND reverted_at IS NOT NULL ORDER BY reverted_at DESC, id DESC LIMIT 1", tenantId,
                survivorId.value());
    }

    @Override
    public void markReverted(Merge merge) {
        // with its before-images as the reverted merge keeps them (without personal data)
        jdbc.prepareStatement("UPDATE clientele_merge SET reverted_at = ?, reverted_by = ?,"
                        + " survivor_version_after_revert = ?, survivor_before = ?, absorbed_before = ?"
                        + " WHERE tenant_id = ? AND id = ?",
                statement -> {
                    statement.setObject(1, SqlTime.toColumn(merge.revertedAt()));
                    statement.setString(2, merge.revertedBy());
                    statement.setObject(3, merge.survivorVersionAfterRevert());
                    statement.setString(4, rows.snapshotJson(merge.survivorBefore()));
                    statement.setString(5, rows.snapshotJson(merge.absorbedBefore()));
                    statement.setString(6, merge.tenantId().value());
                    statement.setString(7, merge.id());
                    return statement.executeUpdate();
                });
    }

    /** Customer ids per statement of {@link #involving(TenantId, Collection)}. */
    private static final int IDS_PER_QUERY = 500;

    @Override
    public List<Merge> involving(TenantId tenantId, Collection<CustomerId> customerIds) {
        // each side through its own index; a merge between two of the customers comes from both, kept once
        Map<String, Merge> merges = new LinkedHashMap<>();
        List<CustomerId> ids = List.copyOf(new java.util.LinkedHashSet<>(customerIds));
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<CustomerId> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            // values as literals (see SqlScript): one prepared statement per list length would crowd the driver's cache
            StringBuilder sql = new StringBuilder();
            for (String side : List.of("survivor_id", "absorbed_id")) {
                sql.append(sql.isEmpty() ? "" : " UNION ALL ").append("SELECT ").append(COLUMNS)
                        .append(" FROM clientele_merge WHERE tenant_id = ");
                SqlScript.literal(sql, tenantId.value());
                SqlScript.literals(sql.append(" AND ").append(side).append(" IN ("),
                        batch.stream().map(CustomerId::value).toList()).append(')');
            }
            jdbc.execute(connection -> {
                try (java.sql.Statement statement = connection.createStatement()) {
                    statement.setEscapeProcessing(false);
                    try (ResultSet result = statement.executeQuery(sql.toString())) {
                        while (result.next()) {
                            Merge merge = merge(tenantId, result);
                            merges.putIfAbsent(merge.id(), merge);
                        }
                    }
                }
                return null;
            });
        }
        List<Merge> inOrder = new ArrayList<>(merges.values());
        inOrder.sort(Comparator.comparing(Merge::at).thenComparing(Merge::id));
        return inOrder;
    }

    @Override
    public void scrub(TenantId tenantId, Collection<CustomerId> customerIds) {
        for (Merge merge : involving(tenantId, customerIds)) {
            jdbc.prepareStatement("UPDATE clientele_merge SET survivor_before = ?, absorbed_before = ?"
                    + " WHERE tenant_id = ? AND id = ?", statement -> {
                statement.setString(1, rows.snapshotJson(merge.survivorBefore().withoutPersonalData()));
                statement.setString(2, rows.snapshotJson(merge.absorbedBefore().withoutPersonalData()));
                statement.setString(3, tenantId.value());
                statement.setString(4, merge.id());
                return statement.executeUpdate();
            });
        }
    }

    private Optional<Merge> query(String sql, TenantId tenantId, String parameter) {
        return jdbc.prepareStatement(sql, statement -> {
            statement.setString(1, tenantId.value());
            statement.setString(2, parameter);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() ? Optional.of(merge(tenantId, result)) : Optional.<Merge>empty();
            }
        });
    }

    private Merge merge(TenantId tenantId, ResultSet result) throws SQLException {
        return new Merge(result.getString("id"), tenantId, CustomerId.of(result.getString("survivor_id")),
                CustomerId.of(result.getString("absorbed_id")),
                SqlTime.fromColumn(result.getObject("merged_at", LocalDateTime.class)),
                MergeReason.valueOf(result.getString("reason")), result.getString("actor"),
                rows.snapshot(result.getString("survivor_before")), rows.snapshot(result.getString("absorbed_before")),
                result.getLong("survivor_version_after"),
                SqlTime.fromColumn(result.getObject("reverted_at", LocalDateTime.class)),
                result.getString("reverted_by"), result.getObject("survivor_version_after_revert", Long.class));
    }
}
