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
import java.util.List;
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

    /**
     * A column of the customer query: the customer's consent ledger as one JSON array of arrays (in id order, which
     * is arrival order for UUIDv7 ids), so a customer loads in one query and one round trip. MariaDB's subquery cache
     * evaluates it once per customer, however many identifier rows the join gives.
     */
    static final String CONSENTS_COLUMN = """
            (SELECT JSON_ARRAYAGG(JSON_ARRAY(e.id, e.channel, e.status, e.occurred_at, e.recorded_at, e.source,
                                             e.evidence, e.policy_version, e.actor) ORDER BY e.id)
             FROM clientele_consent_event e WHERE e.tenant_id = c.tenant_id AND e.customer_id = c.id) AS consents""";

    /** Likewise the customer's push subscriptions. */
    static final String PUSH_COLUMN = """
            (SELECT JSON_ARRAYAGG(JSON_ARRAY(p.provider, p.token, p.application_id, p.fcm_project_id, p.dev_environment,
                                             p.created_at) ORDER BY p.provider, p.token)
             FROM clientele_push_subscription p WHERE p.tenant_id = c.tenant_id AND p.customer_id = c.id) AS push""";

    private static final Argument<List<List<Object>>> ROWS = Argument.listOf(Argument.listOf(Object.class));

    /** The events of a {@link #CONSENTS_COLUMN} value (null: none). */
    List<ConsentEvent> consents(String json) {
        if (json == null) {
            return List.of();
        }
        List<ConsentEvent> events = new ArrayList<>();
        for (List<Object> row : rows.read(json, ROWS)) {
            events.add(new ConsentEvent(text(row, 0), Channel.parse(text(row, 1)), ConsentStatus.parse(text(row, 2)),
                    time(row, 3), time(row, 4), text(row, 5), text(row, 6), text(row, 7), text(row, 8)));
        }
        return events;
    }

    /** The subscriptions of a {@link #PUSH_COLUMN} value (null: none). */
    List<PushSubscription> push(String json) {
        if (json == null) {
            return List.of();
        }
        List<PushSubscription> subscriptions = new ArrayList<>();
        for (List<Object> row : rows.read(json, ROWS)) {
            Object dev = row.get(4);
            subscriptions.add(new PushSubscription(PushSubscription.Provider.parse(text(row, 0)), text(row, 1),
                    text(row, 2), text(row, 3), dev == null ? null : !"0".equals(dev.toString())
                    && !"false".equals(dev.toString()), time(row, 5)));
        }
        return subscriptions;
    }

    private static String text(List<Object> row, int index) {
        Object value = row.get(index);
        return value == null ? null : value.toString();
    }

    /** A DATETIME(6) as MariaDB writes it into JSON: {@code 2026-12-02 00:02:41.000000}. */
    private static java.time.Instant time(List<Object> row, int index) {
        return SqlTime.fromColumn(LocalDateTime.parse(text(row, index).replace(' ', 'T')));
    }

    /** Adds what changed in the side tables for saved customers to their script: one statement per kind of rows. */
    void saveAll(SqlScript script, List<Customer> customers) {
        for (Customer customer : customers) {
            if (customer.isErased()) {
                // forget: the ledger and the history go (they hold evidence, sources, who did what); the tombstone
                // keeps one "forgotten" entry, written below
                for (String table : List.of("clientele_consent_event", "clientele_customer_change")) {
                    script.statement("DELETE FROM " + table + " WHERE tenant_id = ? AND customer_id = ?", null,
                            customer.tenantId().value(), customer.id().value());
                }
            }
        }
        insertConsents(script, customers);
        repointConsents(script, customers);
        savePush(script, customers);
        rewriteMemberships(script, customers.stream().filter(CustomerSideTables::membershipsMayChange).toList());
        insertChanges(script, customers);
    }

    private static boolean membershipsMayChange(Customer customer) {
        return customer.isNew() || customer.pendingChange().parts().stream().anyMatch(p -> p.equals("tags")
                || p.equals("mailingLists") || p.startsWith("consents.") || p.equals("state"));
    }

    private static void insertConsents(SqlScript script, List<Customer> customers) {
        List<Object[]> events = new ArrayList<>();
        for (Customer customer : customers) {
            for (ConsentEvent event : customer.newConsents()) {
                events.add(new Object[]{customer.tenantId().value(), event.id(), customer.id().value(),
                        event.channel().label(), event.status().label(), SqlTime.toColumn(event.at()),
                        SqlTime.toColumn(event.recordedAt()), event.source(), event.evidence(), event.policyVersion(),
                        event.actor()});
            }
        }
        script.rows("""
                INSERT INTO clientele_consent_event (tenant_id, id, customer_id, channel, status, occurred_at,
                    recorded_at, source, evidence, policy_version, actor) VALUES""", "", events);
    }

    private static void repointConsents(SqlScript script, List<Customer> customers) {
        for (Customer customer : customers) {
            for (ConsentEvent event : customer.movedInConsents()) {
                script.statement("UPDATE clientele_consent_event SET customer_id = ? WHERE tenant_id = ? AND id = ?",
                        null, customer.id().value(), customer.tenantId().value(), event.id());
            }
        }
    }

    private static void savePush(SqlScript script, List<Customer> customers) {
        List<Object[]> saved = new ArrayList<>();
        for (Customer customer : customers) {
            for (PushSubscription push : customer.savedPushSubscriptions()) {
                saved.add(new Object[]{customer.tenantId().value(), push.provider().label(), push.token(),
                        customer.id().value(), push.applicationId(), push.fcmProjectId(), push.devEnvironment(),
                        SqlTime.toColumn(push.createdAt())});
            }
        }
        // a token held by another customer moves here: the primary key (tenant, provider, token) is the rule
        script.rows("""
                INSERT INTO clientele_push_subscription (tenant_id, provider, token, customer_id, application_id,
                    fcm_project_id, dev_environment, created_at) VALUES""", """

                ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), application_id = VALUES(application_id),
                    fcm_project_id = VALUES(fcm_project_id), dev_environment = VALUES(dev_environment)""", saved);
        for (Customer customer : customers) {
            for (String key : customer.removedPushSubscriptions()) {
                int colon = key.indexOf(':');
                script.statement("""
                        DELETE FROM clientele_push_subscription
                        WHERE tenant_id = ? AND provider = ? AND token = ? AND customer_id = ?""", null,
                        customer.tenantId().value(), key.substring(0, colon), key.substring(colon + 1),
                        customer.id().value());
            }
        }
    }

    /** The list-filter memberships of these customers, written anew (none for a customer that isn't active). */
    private static void rewriteMemberships(SqlScript script, List<Customer> customers) {
        List<Object[]> memberships = new ArrayList<>();
        for (Customer customer : customers) {
            String tenant = customer.tenantId().value();
            String id = customer.id().value();
            if (!customer.isNew()) {
                script.statement("DELETE FROM clientele_customer_membership WHERE tenant_id = ? AND customer_id = ?",
                        null, tenant, id);
            }
            if (!customer.isActive()) {
                continue;
            }
            customer.details().tags().forEach(tag -> memberships.add(new Object[]{tenant, "tag", tag, id}));
            customer.details().mailingLists().forEach(list -> memberships.add(new Object[]{tenant, "list", list, id}));
            customer.consents().currentStates().forEach((channel, event) -> {
                if (event.status() == ConsentStatus.GRANTED) {
                    memberships.add(new Object[]{tenant, "consent", channel.label(), id});
                }
            });
        }
        script.rows("INSERT INTO clientele_customer_membership (tenant_id, kind, value, customer_id) VALUES", "",
                memberships);
    }

    private void insertChanges(SqlScript script, List<Customer> customers) {
        List<Object[]> changes = new ArrayList<>();
        for (Customer customer : customers) {
            ChangeRecord change = customer.pendingChange();
            changes.add(new Object[]{customer.tenantId().value(), customer.id().value(),
                    UUID.randomUUID().toString(), change.kind(), change.actor(), change.source(),
                    SqlTime.toColumn(change.at()), rows.write(change.parts())});
        }
        script.rows("""
                INSERT INTO clientele_customer_change (tenant_id, customer_id, id, kind, actor, source, changed_at, parts)
                VALUES""", "", changes);
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
