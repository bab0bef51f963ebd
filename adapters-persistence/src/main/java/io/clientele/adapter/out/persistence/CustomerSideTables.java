package io.clientele.adapter.out.persistence;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.ChangeRecord;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

    /** The parts of many customers' aggregates that live in side tables, collected row by row. */
    static final class Parts {
        private final Map<String, List<ConsentEvent>> consents = new HashMap<>();
        private final Map<String, List<PushSubscription>> push = new HashMap<>();

        List<ConsentEvent> consentsOf(String customerId) {
            return consents.getOrDefault(customerId, List.of());
        }

        List<PushSubscription> pushOf(String customerId) {
            return push.getOrDefault(customerId, List.of());
        }

        /** Takes a row of {@link #selectFor}'s layout (kind {@code c} or {@code p}); false for any other kind. */
        boolean add(String kind, ResultSet result) throws SQLException {
            if ("c".equals(kind)) {
                consents.computeIfAbsent(result.getString(2), k -> new ArrayList<>()).add(new ConsentEvent(
                        result.getString(3), Channel.parse(result.getString(7)),
                        ConsentStatus.parse(result.getString(10)),
                        SqlTime.fromColumn(result.getObject(5, LocalDateTime.class)),
                        SqlTime.fromColumn(result.getObject(6, LocalDateTime.class)), result.getString(11),
                        result.getString(9), result.getString(13), result.getString(12)));
                return true;
            }
            if ("p".equals(kind)) {
                // TINYINT(1) alone, BIGINT beside the version: Boolean or a number, depending on the query
                Object dev = result.getObject(4);
                push.computeIfAbsent(result.getString(2), k -> new ArrayList<>()).add(new PushSubscription(
                        PushSubscription.Provider.parse(result.getString(3)), result.getString(9),
                        result.getString(7), result.getString(10),
                        dev == null ? null : dev instanceof Boolean flag ? flag : ((Number) dev).longValue() != 0,
                        SqlTime.fromColumn(result.getObject(5, LocalDateTime.class))));
                return true;
            }
            return false;
        }
    }

    /**
     * Both side tables of a tenant's customers whose id meets {@code idCondition}, in one query: its parameters are
     * the tenant and the condition's, twice. Its 14 columns line up with the customer's own query (kind, customer
     * id, then each value in a column of the customer query's type: datetimes in 5 and 6, the push flag in the
     * version's 4, text elsewhere), so the two may also be one {@code UNION ALL}. Indexes named for the reason given
     * at the customer's own query.
     */
    static String selectFor(String idCondition) {
        return """
                SELECT 'c', customer_id, id, NULL, occurred_at, recorded_at, channel, NULL, evidence, status, source,
                       actor, policy_version, NULL
                FROM clientele_consent_event FORCE INDEX (ix_consent_customer)
                WHERE tenant_id = ? AND customer_id\s""" + idCondition + """

                UNION ALL
                SELECT 'p', customer_id, provider, dev_environment, created_at, NULL, application_id, NULL, token,
                       fcm_project_id, NULL, NULL, NULL, NULL
                FROM clientele_push_subscription FORCE INDEX (ix_push_customer)
                WHERE tenant_id = ? AND customer_id\s""" + idCondition;
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
        rewriteMemberships(script, customers);
        insertChanges(script, customers);
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
        // a token held by another customer moves here: the primary key (tenant, provider, token) is the rule; its
        // creation time is the one the domain gave it (for a token moving in, when it came here; else as held).
        // Saved before the removals: a row both saved and removed (moved in by a merge, then dropped) goes
        script.rows("""
                INSERT INTO clientele_push_subscription (tenant_id, provider, token, customer_id, application_id,
                    fcm_project_id, dev_environment, created_at) VALUES""", """

                ON DUPLICATE KEY UPDATE customer_id = VALUES(customer_id), application_id = VALUES(application_id),
                    fcm_project_id = VALUES(fcm_project_id), dev_environment = VALUES(dev_environment),
                    created_at = VALUES(created_at)""", saved);
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

    /**
     * The list-filter memberships of these customers, written anew (none for a customer that isn't active) where what
     * they are made of changed, by value ({@link Customer#membershipChanged}): not by the change record's parts, which
     * a merge does not name consents in although the survivor takes the absorbed customer's grants.
     */
    private static void rewriteMemberships(SqlScript script, List<Customer> customers) {
        List<Object[]> memberships = new ArrayList<>();
        for (Customer customer : customers) {
            if (!customer.membershipChanged()) {
                continue;
            }
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
                    SqlTime.toColumn(change.at()), rows.write(CustomerRows.TEXT_LIST, change.parts())});
        }
        script.rows("""
                INSERT INTO clientele_customer_change (tenant_id, customer_id, id, kind, actor, source, changed_at, parts)
                VALUES""", "", changes);
    }

    /** The change histories of these customers (a few hundred at most), each oldest first. */
    Map<CustomerId, List<ChangeRecord>> histories(Connection connection, TenantId tenantId, List<CustomerId> ids)
            throws SQLException {
        Map<CustomerId, List<ChangeRecord>> histories = new LinkedHashMap<>();
        // values as literals (see SqlScript): one prepared statement per list length would crowd the driver's cache
        StringBuilder sql = new StringBuilder("SELECT customer_id, kind, actor, source, changed_at, parts"
                + " FROM clientele_customer_change WHERE tenant_id = ");
        SqlScript.literal(sql, tenantId.value());
        SqlScript.literals(sql.append(" AND customer_id IN ("), ids.stream().map(CustomerId::value).toList())
                .append(") ORDER BY customer_id, changed_at, id");
        try (Statement statement = connection.createStatement()) {
            statement.setEscapeProcessing(false);
            try (ResultSet result = statement.executeQuery(sql.toString())) {
                while (result.next()) {
                    histories.computeIfAbsent(CustomerId.of(result.getString(1)), id -> new ArrayList<>())
                            .add(new ChangeRecord(result.getString(2), result.getString(3), result.getString(4),
                                    SqlTime.fromColumn(result.getObject(5, LocalDateTime.class)),
                                    rows.read(result.getString(6), CustomerRows.TEXT_LIST)));
                }
            }
        }
        return histories;
    }
}
