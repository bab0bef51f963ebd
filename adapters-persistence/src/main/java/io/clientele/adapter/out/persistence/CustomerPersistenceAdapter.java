package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);

    private static final String SELECT_AGGREGATE = """
            SELECT c.id, c.state, c.version, c.created_at, c.updated_at, c.merged_into, c.profile,
                   i.type, i.normalized_value, i.display_value, i.details
            FROM clientele_customer c
            LEFT JOIN clientele_customer_identifier i ON i.tenant_id = c.tenant_id AND i.customer_id = c.id
            """;

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    CustomerPersistenceAdapter(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
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
            statement.setString(8, profileJson(customer.profile()));
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
            statement.setString(5, profileJson(customer.profile()));
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
                statement.setString(index++, detailsJson(identifier));
                statement.setObject(index++, now);
            }
            statement.executeUpdate();
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
        Profile profile = profile(rows.getString("profile"));
        List<Identifier> identifiers = new ArrayList<>();
        do {
            String type = rows.getString("type");
            if (type != null) {
                identifiers.add(identifier(type, rows.getString("normalized_value"), rows.getString("display_value"),
                        rows.getString("details")));
            }
        } while (rows.next());
        return Optional.of(Customer.reconstitute(CustomerId.of(id), tenantId, state, version, profile, identifiers,
                createdAt.toInstant(ZoneOffset.UTC), updatedAt.toInstant(ZoneOffset.UTC),
                mergedInto == null ? null : CustomerId.of(mergedInto)));
    }

    private Identifier identifier(String storedType, String value, String display, String detailsJson) {
        int colon = storedType.indexOf(':');
        IdentifierType type = IdentifierType.parse(colon < 0 ? storedType : storedType.substring(0, colon));
        String name = colon < 0 ? null : storedType.substring(colon + 1);
        IdentifierDetails details = read(detailsJson, Argument.of(IdentifierDetails.class));
        return new Identifier(type, name, value, display, details.country(), Boolean.TRUE.equals(details.reformatted()),
                Boolean.TRUE.equals(details.unplaced()), details.verified(), details.source(), details.accountId(),
                details.primary(), details.subscribed());
    }

    private String detailsJson(Identifier identifier) {
        return write(new IdentifierDetails(identifier.country(), identifier.reformatted() ? true : null,
                identifier.unplaced() ? true : null, identifier.verified(), identifier.source(),
                identifier.accountId(), identifier.primary(), identifier.subscribed()));
    }

    private String profileJson(Profile profile) {
        Map<String, Object> values = new LinkedHashMap<>();
        profile.values().forEach((field, value) -> values.put(field.jsonName(),
                value instanceof Integer || value instanceof Boolean ? value : ProfileField.format(value)));
        return write(values);
    }

    private Profile profile(String stored) {
        Map<String, Object> values = read(stored, JSON_OBJECT);
        EnumMap<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
        values.forEach((name, value) -> {
            ProfileField field = ProfileField.byJsonName(name);
            if (field != null && value != null) {
                profile.put(field, field.normalize(value, ZoneOffset.UTC));
            }
        });
        return new Profile(profile);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(String stored, Argument<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
