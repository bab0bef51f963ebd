package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The customer aggregate on MySQL/MariaDB: one row in {@code clientele_customer} (profile as JSON) plus one row per
 * identifier in {@code clientele_customer_identifier}, whose primary key enforces "one identifier, one customer".
 * A customer is loaded in one round trip (customer LEFT JOIN identifiers).
 */
@Singleton
public class CustomerPersistenceAdapter implements CustomerStore, IdentifierIndex {

    private static final int DUPLICATE_KEY = 1062;

    private static final String SELECT_AGGREGATE = """
            SELECT c.id, c.state, c.version, c.created_at, c.updated_at, c.merged_into, c.profile,
                   i.type, i.normalized_value, i.display_value, i.details
            FROM clientele_customer c
            LEFT JOIN clientele_customer_identifier i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id
            """;

    private final JdbcOperations jdbc;
    private final CustomerRows rows;

    CustomerPersistenceAdapter(JdbcOperations jdbc, CustomerRows rows) {
        this.jdbc = jdbc;
        this.rows = rows;
    }

    @Override
    public Optional<Customer> findById(TenantId tenantId, CustomerId id) {
        return load(SELECT_AGGREGATE + " WHERE c.tenant_id = ? AND c.id = ?", tenantId, id.value());
    }

    @Override
    public Optional<Customer> lockById(TenantId tenantId, CustomerId id) {
        return load(SELECT_AGGREGATE + " WHERE c.tenant_id = ? AND c.id = ? FOR UPDATE", tenantId, id.value());
    }

    @Override
    public Optional<Customer> findByIdentifier(TenantId tenantId, IdentifierKey key) {
        return load(SELECT_AGGREGATE + """
                 WHERE c.tenant_id = ? AND c.id = (
                     SELECT k.customer_id FROM clientele_customer_identifier k
                     WHERE k.tenant_id = ? AND k.type = ? AND k.normalized_value = ?)""",
                tenantId, tenantId.value(), key.type(), key.value());
    }

    @Override
    public Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        StringBuilder sql = new StringBuilder(
                "SELECT type, normalized_value, customer_id FROM clientele_customer_identifier WHERE tenant_id = ? AND (");
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "" : " OR ").append("(type = ? AND normalized_value = ?)");
        }
        sql.append(')');
        return jdbc.prepareStatement(sql.toString(), statement -> {
            try {
                int index = 1;
                statement.setString(index++, tenantId.value());
                for (IdentifierKey key : keys) {
                    statement.setString(index++, key.type());
                    statement.setString(index++, key.value());
                }
                Map<IdentifierKey, CustomerId> holders = new HashMap<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        holders.put(new IdentifierKey(rows.getString(1), rows.getString(2)),
                                CustomerId.of(rows.getString(3)));
                    }
                }
                return holders;
            } catch (SQLException e) {
                throw new IllegalStateException("could not resolve identifiers", e);
            }
        });
    }

    @Override
    public void save(Customer customer) {
        Connection connection = jdbc.getConnection();
        try {
            if (customer.isNew()) {
                insertCustomer(connection, customer);
            } else {
                updateCustomer(connection, customer);
            }
            insertIdentifiers(connection, customer, customer.addedIdentifiers());
            repointIdentifiers(connection, customer);
            updateIdentifierDetails(connection, customer);
            deleteIdentifiers(connection, customer);
        } catch (SQLException e) {
            if (e.getErrorCode() == DUPLICATE_KEY) {
                throw new RetryableConflictException("an identifier was claimed by a concurrent write", e);
            }
            throw new IllegalStateException("could not save customer", e);
        }
    }

    private void insertCustomer(Connection connection, Customer customer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO clientele_customer
                    (tenant_id, id, state, version, created_at, updated_at, merged_into, profile)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            statement.setString(1, customer.tenantId().value());
            statement.setString(2, customer.id().value());
            statement.setString(3, customer.state().name());
            statement.setLong(4, customer.version());
            statement.setObject(5, SqlTime.toColumn(customer.createdAt()));
            statement.setObject(6, SqlTime.toColumn(customer.updatedAt()));
            statement.setString(7, customer.mergedInto() == null ? null : customer.mergedInto().value());
            statement.setString(8, rows.profileJson(customer.profile()));
            statement.executeUpdate();
        }
    }

    private void updateCustomer(Connection connection, Customer customer) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE clientele_customer SET state = ?, version = ?, updated_at = ?, merged_into = ?, profile = ?
                WHERE tenant_id = ? AND id = ? AND version = ?""")) {
            statement.setString(1, customer.state().name());
            statement.setLong(2, customer.version());
            statement.setObject(3, SqlTime.toColumn(customer.updatedAt()));
            statement.setString(4, customer.mergedInto() == null ? null : customer.mergedInto().value());
            statement.setString(5, rows.profileJson(customer.profile()));
            statement.setString(6, customer.tenantId().value());
            statement.setString(7, customer.id().value());
            statement.setLong(8, customer.loadedVersion());
            if (statement.executeUpdate() != 1) {
                throw new RetryableConflictException("customer " + customer.id() + " changed concurrently", null);
            }
        }
    }

    private void insertIdentifiers(Connection connection, Customer customer, List<Identifier> identifiers)
            throws SQLException {
        if (identifiers.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("""
                INSERT INTO clientele_customer_identifier
                    (tenant_id, type, normalized_value, customer_id, display_value, details, created_at) VALUES """);
        for (int i = 0; i < identifiers.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
        }
        LocalDateTime now = SqlTime.toColumn(customer.updatedAt());
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Identifier identifier : identifiers) {
                IdentifierKey key = identifier.key();
                statement.setString(index++, customer.tenantId().value());
                statement.setString(index++, key.type());
                statement.setString(index++, key.value());
                statement.setString(index++, customer.id().value());
                statement.setString(index++, identifier.displayValue());
                statement.setString(index++, rows.detailsJson(identifier));
                statement.setObject(index++, now);
            }
            statement.executeUpdate();
        }
    }

    /** Identifiers taken over from another customer (merge, revert): the row stays, its holder changes. */
    private void repointIdentifiers(Connection connection, Customer customer) throws SQLException {
        if (customer.movedInIdentifiers().isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE clientele_customer_identifier SET customer_id = ?, details = ?
                WHERE tenant_id = ? AND type = ? AND normalized_value = ?""")) {
            for (Identifier identifier : customer.movedInIdentifiers()) {
                statement.setString(1, customer.id().value());
                statement.setString(2, rows.detailsJson(identifier));
                statement.setString(3, customer.tenantId().value());
                statement.setString(4, identifier.key().type());
                statement.setString(5, identifier.key().value());
                statement.addBatch();
            }
            for (int count : statement.executeBatch()) {
                if (count == 0) {
                    throw new RetryableConflictException("an identifier to take over vanished concurrently", null);
                }
            }
        }
    }

    private void updateIdentifierDetails(Connection connection, Customer customer) throws SQLException {
        if (customer.changedIdentifiers().isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                UPDATE clientele_customer_identifier SET details = ?
                WHERE tenant_id = ? AND type = ? AND normalized_value = ? AND customer_id = ?""")) {
            for (Identifier identifier : customer.changedIdentifiers()) {
                statement.setString(1, rows.detailsJson(identifier));
                statement.setString(2, customer.tenantId().value());
                statement.setString(3, identifier.key().type());
                statement.setString(4, identifier.key().value());
                statement.setString(5, customer.id().value());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private void deleteIdentifiers(Connection connection, Customer customer) throws SQLException {
        if (customer.removedIdentifiers().isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                DELETE FROM clientele_customer_identifier
                WHERE tenant_id = ? AND type = ? AND normalized_value = ? AND customer_id = ?""")) {
            for (IdentifierKey key : customer.removedIdentifiers()) {
                statement.setString(1, customer.tenantId().value());
                statement.setString(2, key.type());
                statement.setString(3, key.value());
                statement.setString(4, customer.id().value());
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    private Optional<Customer> load(String sql, TenantId tenantId, String... parameters) {
        return jdbc.prepareStatement(sql, statement -> {
            try {
                statement.setString(1, tenantId.value());
                for (int i = 0; i < parameters.length; i++) {
                    statement.setString(i + 2, parameters[i]);
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return readAggregate(tenantId, rows);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not load customer", e);
            }
        });
    }

    private Optional<Customer> readAggregate(TenantId tenantId, ResultSet rows) throws SQLException {
        if (!rows.next()) {
            return Optional.empty();
        }
        String id = rows.getString("id");
        LifecycleState state = LifecycleState.valueOf(rows.getString("state"));
        long version = rows.getLong("version");
        LocalDateTime createdAt = rows.getObject("created_at", LocalDateTime.class);
        LocalDateTime updatedAt = rows.getObject("updated_at", LocalDateTime.class);
        String mergedInto = rows.getString("merged_into");
        Profile profile = this.rows.profile(rows.getString("profile"));
        List<Identifier> identifiers = new ArrayList<>();
        do {
            String type = rows.getString("type");
            if (type != null) {
                identifiers.add(this.rows.identifier(type, rows.getString("normalized_value"),
                        rows.getString("display_value"), rows.getString("details")));
            }
        } while (rows.next());
        return Optional.of(Customer.reconstitute(CustomerId.of(id), tenantId, state, version, profile, identifiers,
                createdAt.toInstant(ZoneOffset.UTC), updatedAt.toInstant(ZoneOffset.UTC),
                mergedInto == null ? null : CustomerId.of(mergedInto)));
    }
}
