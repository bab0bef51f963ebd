package io.clientele.adapter.out.persistence;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.ChangeRecord;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.type.Argument;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tables beside the customer row: consent ledger, push subscriptions, list-filter memberships and the change
 * history. Reads take many customers at once (one query per table, whatever the number of customers).
 */
@Singleton
class CustomerSideTables {

    private final CustomerRows rows;

    CustomerSideTables(CustomerRows rows) {
        this.rows = rows;
    }

    /** The parts of many customers' aggregates that live in side tables. */
    record Parts(Map<String, List<ConsentEvent>> consents, Map<String, List<PushSubscription>> push) {

        List<ConsentEvent> consentsOf(String customerId) {
            return consents.getOrDefault(customerId, List.of());
        }

        List<PushSubscription> pushOf(String customerId) {
            return push.getOrDefault(customerId, List.of());
        }
    }

    /**
     * Both side tables of a tenant's customers whose id meets {@code idCondition}, in one query: its parameters are
     * the tenant and the condition's, twice. The two datetime columns line up, the rest are text.
     */
    static String selectFor(String idCondition) {
        return """
                SELECT 'c', customer_id, occurred_at, recorded_at, id, channel, status, source, evidence,
                       policy_version, actor
                FROM clientele_consent_event WHERE tenant_id = ? AND customer_id\s""" + idCondition + """

                UNION ALL
                SELECT 'p', customer_id, created_at, NULL, provider, token, application_id, fcm_project_id,
                       CAST(dev_environment AS CHAR), NULL, NULL
                FROM clientele_push_subscription WHERE tenant_id = ? AND customer_id\s""" + idCondition;
    }

    /** The parts in a result of {@link #selectFor}. */
    Parts read(ResultSet result) throws SQLException {
        Map<String, List<ConsentEvent>> consents = new HashMap<>();
        Map<String, List<PushSubscription>> push = new HashMap<>();
        while (result.next()) {
            String customerId = result.getString(2);
            if ("c".equals(result.getString(1))) {
                consents.computeIfAbsent(customerId, k -> new ArrayList<>()).add(new ConsentEvent(
                        result.getString(5), Channel.parse(result.getString(6)),
                        ConsentStatus.parse(result.getString(7)),
                        SqlTime.fromColumn(result.getObject(3, LocalDateTime.class)),
                        SqlTime.fromColumn(result.getObject(4, LocalDateTime.class)), result.getString(8),
                        result.getString(9), result.getString(10), result.getString(11)));
            } else {
                String dev = result.getString(9);
                push.computeIfAbsent(customerId, k -> new ArrayList<>()).add(new PushSubscription(
                        PushSubscription.Provider.parse(result.getString(5)), result.getString(6),
                        result.getString(7), result.getString(8), dev == null ? null : !"0".equals(dev),
                        SqlTime.fromColumn(result.getObject(3, LocalDateTime.class))));
            }
        }
        return new Parts(consents, push);
    }

    /** Writes what changed in the side tables for saved customers: one statement (or batch) per kind of change. */
    void saveAll(Connection connection, List<Customer> customers) throws SQLException {
        for (Customer customer : customers) {
            if (customer.isErased()) {
                // forget: the ledger and the history go (they hold evidence, sources, who did what); the tombstone
                // keeps one "forgotten" entry
                for (String table : List.of("clientele_consent_event", "clientele_customer_change")) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM " + table + " WHERE tenant_id = ? AND customer_id = ?")) {
                        delete.setString(1, customer.tenantId().value());
                        delete.setString(2, customer.id().value());
                        delete.executeUpdate();
                    }
                }
            }
        }
        insertConsents(connection, customers);
        repointConsents(connection, customers);
        savePush(connection, customers);
        rewriteMemberships(connection, customers.stream().filter(CustomerSideTables::membershipsMayChange).toList());
        insertChanges(connection, customers);
    }

    private static boolean membershipsMayChange(Customer customer) {
        return customer.isNew() || customer.pendingChange().parts().stream().anyMatch(p -> p.equals("tags")
                || p.equals("mailingLists") || p.startsWith("consents.") || p.equals("state"));
    }

    private void insertConsents(Connection connection, List<Customer> customers) throws SQLException {
        if (customers.stream().allMatch(c -> c.newConsents().isEmpty())) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO clientele_consent_event (tenant_id, id, customer_id, channel, status, occurred_at,
                    recorded_at, source, evidence, policy_version, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Customer customer : customers) {
                for (ConsentEvent event : customer.newConsents()) {
                    statement.setString(1, customer.tenantId().value());
                    statement.setString(2, event.id());
                    statement.setString(3, customer.id().value());
                    statement.setString(4, event.channel().label());
                    statement.setString(5, event.status().label());
                    statement.setObject(6, SqlTime.toColumn(event.at()));
                    statement.setObject(7, SqlTime.toColumn(event.recordedAt()));
                    statement.setString(8, event.source());
                    statement.setString(9, event.evidence());
                    statement.setString(10, event.policyVersion());
                    statement.setString(11, event.actor());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private void repointConsents(Connection connection, List<Customer> customers) throws SQLException {
        if (customers.stream().allMatch(c -> c.movedInConsents().isEmpty())) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "UPDATE clientele_consent_event SET customer_id = ? WHERE tenant_id = ? AND id = ?")) {
            for (Customer customer : customers) {
                for (ConsentEvent event : customer.movedInConsents()) {
                    statement.setString(1, customer.id().value());
                    statement.setString(2, customer.tenantId().value());
                    statement.setString(3, event.id());
                    statement.addBatch();
                }
            }
            statement.executeBatch();
        }
    }

    private void savePush(Connection connection, List<Customer> customers) throws SQLException {
        if (customers.stream().anyMatch(c -> !c.savedPushSubscriptions().isEmpty())) {
            // a token held by another customer moves here: the primary key (tenant, provider, token) is the rule
            try (PreparedStatement statement = connection.prepareStatement("""
                    INSERT INTO clientele_push_subscription (tenant_id, provider, token, customer_id, application_id,
                        fcm_project_id, dev_environment, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), application_id = VALUES(application_id),
                        fcm_project_id = VALUES(fcm_project_id), dev_environment = VALUES(dev_environment)""")) {
                for (Customer customer : customers) {
                    for (PushSubscription push : customer.savedPushSubscriptions()) {
                        statement.setString(1, customer.tenantId().value());
                        statement.setString(2, push.provider().label());
                        statement.setString(3, push.token());
                        statement.setString(4, customer.id().value());
                        statement.setString(5, push.applicationId());
                        statement.setString(6, push.fcmProjectId());
                        statement.setObject(7, push.devEnvironment());
                        statement.setObject(8, SqlTime.toColumn(push.createdAt()));
                        statement.addBatch();
                    }
                }
                statement.executeBatch();
            }
        }
        if (customers.stream().anyMatch(c -> !c.removedPushSubscriptions().isEmpty())) {
            try (PreparedStatement statement = connection.prepareStatement("""
                    DELETE FROM clientele_push_subscription
                    WHERE tenant_id = ? AND provider = ? AND token = ? AND customer_id = ?""")) {
                for (Customer customer : customers) {
                    for (String key : customer.removedPushSubscriptions()) {
                        int colon = key.indexOf(':');
                        statement.setString(1, customer.tenantId().value());
                        statement.setString(2, key.substring(0, colon));
                        statement.setString(3, key.substring(colon + 1));
                        statement.setString(4, customer.id().value());
                        statement.addBatch();
                    }
                }
                statement.executeBatch();
            }
        }
    }

    /** The list-filter memberships of these customers, written anew (none for a customer that isn't active). */
    private void rewriteMemberships(Connection connection, List<Customer> customers) throws SQLException {
        if (customers.stream().anyMatch(c -> !c.isNew())) {
            try (PreparedStatement delete = connection.prepareStatement(
                    "DELETE FROM clientele_customer_membership WHERE tenant_id = ? AND customer_id = ?")) {
                for (Customer customer : customers) {
                    if (!customer.isNew()) {
                        delete.setString(1, customer.tenantId().value());
                        delete.setString(2, customer.id().value());
                        delete.addBatch();
                    }
                }
                delete.executeBatch();
            }
        }
        List<String[]> memberships = new ArrayList<>();
        for (Customer customer : customers) {
            if (!customer.isActive()) {
                continue;
            }
            String tenant = customer.tenantId().value();
            String id = customer.id().value();
            customer.details().tags().forEach(tag -> memberships.add(new String[]{tenant, id, "tag", tag}));
            customer.details().mailingLists().forEach(list -> memberships.add(new String[]{tenant, id, "list", list}));
            customer.consents().currentStates().forEach((channel, event) -> {
                if (event.status() == ConsentStatus.GRANTED) {
                    memberships.add(new String[]{tenant, id, "consent", channel.label()});
                }
            });
        }
        if (memberships.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO clientele_customer_membership (tenant_id, kind, value, customer_id) VALUES (?, ?, ?, ?)")) {
            for (String[] membership : memberships) {
                insert.setString(1, membership[0]);
                insert.setString(2, membership[2]);
                insert.setString(3, membership[3]);
                insert.setString(4, membership[1]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private void insertChanges(Connection connection, List<Customer> customers) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                INSERT INTO clientele_customer_change (tenant_id, customer_id, id, kind, actor, source, changed_at, parts)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (Customer customer : customers) {
                ChangeRecord change = customer.pendingChange();
                statement.setString(1, customer.tenantId().value());
                statement.setString(2, customer.id().value());
                statement.setString(3, UUID.randomUUID().toString());
                statement.setString(4, change.kind());
                statement.setString(5, change.actor());
                statement.setString(6, change.source());
                statement.setObject(7, SqlTime.toColumn(change.at()));
                statement.setString(8, rows.write(change.parts()));
                statement.addBatch();
            }
            statement.executeBatch();
        }
    }

    List<ChangeRecord> history(Connection connection, TenantId tenantId, String customerId) throws SQLException {
        List<ChangeRecord> history = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                SELECT kind, actor, source, changed_at, parts FROM clientele_customer_change
                WHERE tenant_id = ? AND customer_id = ? ORDER BY changed_at, id""")) {
            statement.setString(1, tenantId.value());
            statement.setString(2, customerId);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    history.add(new ChangeRecord(result.getString(1), result.getString(2), result.getString(3),
                            SqlTime.fromColumn(result.getObject(4, LocalDateTime.class)),
                            rows.read(result.getString(5), Argument.listOf(String.class))));
                }
            }
        }
        return history;
    }
}
