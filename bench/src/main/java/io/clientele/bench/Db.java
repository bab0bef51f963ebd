package io.clientele.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Plain JDBC against the registry's own tables (the schema Liquibase creates: clientele_customer and
 * clientele_customer_identifier). Used twice: to seed the lookup data set fast, and as the raw ceiling.
 */
final class Db {

    static final String CUSTOMER_COLUMNS =
            "(tenant_id, id, state, version, created_at, updated_at, merged_into, profile, details, canonical_id)";
    static final String IDENTIFIER_COLUMNS =
            "(tenant_id, type, normalized_value, customer_id, display_value, details, created_at)";
    static final String EMAIL_DETAILS = "{\"sources\":[{\"source\":\"API\"}]}";
    static final String PHONE_DETAILS = "{\"country\":\"RU\",\"sources\":[{\"source\":\"API\"}]}";
    static final String EXTERNAL_DETAILS = "{\"sources\":[{\"source\":\"API\"}]}";

    /**
     * What the server runs for GET /v1/customers/lookup, as its general log shows it: the customer with all its
     * identifiers, its consent events and its push subscriptions, found by one identifier, in one statement. (Until
     * the eighth session this was only the first part, the customer with its identifiers: a cheaper statement than the
     * server's, so the lookup ratios of the earlier sessions compared unlike work.)
     */
    static final String LOOKUP = """
            SELECT 'i' AS kind, c.id, c.state, c.version, c.created_at, c.updated_at, c.merged_into, c.profile,
                   c.details AS customer_details, c.canonical_id,
                   i.type, i.normalized_value, i.display_value, i.details
            FROM clientele_customer c FORCE INDEX (PRIMARY)
            LEFT JOIN clientele_customer_identifier i FORCE INDEX (ix_identifier_customer)
                ON i.tenant_id = c.tenant_id AND i.customer_id = c.id
             WHERE c.tenant_id = ? AND c.id = (SELECT k.customer_id FROM clientele_customer_identifier k
               WHERE k.tenant_id = ? AND k.type = ? AND k.normalized_value = ?)
            UNION ALL
            SELECT 'c', customer_id, id, NULL, occurred_at, recorded_at, channel, NULL, evidence, status, source,
                   actor, policy_version, NULL
            FROM clientele_consent_event FORCE INDEX (ix_consent_customer)
            WHERE tenant_id = ? AND customer_id = (SELECT k.customer_id FROM clientele_customer_identifier k
               WHERE k.tenant_id = ? AND k.type = ? AND k.normalized_value = ?)
            UNION ALL
            SELECT 'p', customer_id, provider, dev_environment, created_at, NULL, application_id, NULL, token,
                   fcm_project_id, NULL, NULL, NULL, NULL
            FROM clientele_push_subscription FORCE INDEX (ix_push_customer)
            WHERE tenant_id = ? AND customer_id = (SELECT k.customer_id FROM clientele_customer_identifier k
               WHERE k.tenant_id = ? AND k.type = ? AND k.normalized_value = ?)""";

    private final String url;
    private final String user;
    private final String password;

    Db(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, user, password);
        connection.setAutoCommit(false);
        return connection;
    }

    /** How many customers of a data set are stored (counted by their phones: a range of the primary key). */
    long count(String tenant, Data data) throws SQLException {
        try (Connection connection = connect();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM clientele_customer_identifier"
                     + " WHERE tenant_id = ? AND type = 'phone' AND normalized_value LIKE ?")) {
            statement.setString(1, tenant);
            statement.setString(2, "+7" + data.mobileCode() + "%");
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /**
     * Seeds customers [from, to) of a data set: customer rows (state ACTIVE, version 1, profile {}) with an email and
     * a phone identifier each, 1,000 customers per multi-row INSERT and transaction, in key order.
     */
    void seed(String tenant, Data data, long from, long to, int threads) throws Exception {
        AtomicLong next = new AtomicLong(from);
        long epoch = System.currentTimeMillis() - (to / 4096) - 1000;
        List<Thread> workers = new ArrayList<>();
        List<Exception> failures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                try (Connection connection = connect()) {
                    Map<Integer, PreparedStatement[]> statements = new HashMap<>();
                    long chunk;
                    while ((chunk = next.getAndAdd(1000)) < to) {
                        int n = (int) Math.min(1000, to - chunk);
                        PreparedStatement[] pair = statements.computeIfAbsent(n, size -> prepareSeed(connection, size));
                        Timestamp now = new Timestamp(System.currentTimeMillis());
                        int c = 1;
                        int k = 1;
                        for (long i = chunk; i < chunk + n; i++) {
                            String id = Data.uuid7(epoch, i);
                            pair[0].setString(c++, tenant);
                            pair[0].setString(c++, id);
                            pair[0].setTimestamp(c++, now);
                            pair[0].setTimestamp(c++, now);
                            k = identifier(pair[1], k, tenant, "email", data.email(i), id, EMAIL_DETAILS, now);
                            k = identifier(pair[1], k, tenant, "phone", data.phone(i), id, PHONE_DETAILS, now);
                        }
                        pair[0].executeUpdate();
                        pair[1].executeUpdate();
                        connection.commit();
                    }
                } catch (Exception e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "seed-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
    }

    private static PreparedStatement[] prepareSeed(Connection connection, int size) {
        try {
            return new PreparedStatement[]{
                    connection.prepareStatement("INSERT INTO clientele_customer " + CUSTOMER_COLUMNS + " VALUES "
                            + rows("(?, ?, 'ACTIVE', 1, ?, ?, NULL, '{}', NULL, NULL)", size)),
                    connection.prepareStatement("INSERT INTO clientele_customer_identifier " + IDENTIFIER_COLUMNS
                            + " VALUES " + rows("(?, ?, ?, ?, ?, ?, ?)", size * 2))};
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String rows(String row, int n) {
        StringBuilder sql = new StringBuilder(row.length() * n + n);
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ",").append(row);
        }
        return sql.toString();
    }

    static int identifier(PreparedStatement statement, int k, String tenant, String type, String value, String customerId,
                          String details, Timestamp now) throws SQLException {
        statement.setString(k++, tenant);
        statement.setString(k++, type);
        statement.setString(k++, value);
        statement.setString(k++, customerId);
        statement.setString(k++, value);
        statement.setString(k++, details);
        statement.setTimestamp(k++, now);
        return k;
    }

    /** One client thread of the raw ceiling: its own connection and statements, one transaction per call. */
    final class Session implements AutoCloseable {
        private final Connection connection;
        private final String tenant;
        private final PreparedStatement insertCustomer;
        private final PreparedStatement insertIdentifiers;
        private final PreparedStatement resolve;
        private final PreparedStatement lock;
        private final PreparedStatement update;
        private final PreparedStatement lookup;

        Session(String tenant) throws SQLException {
            this.connection = connect();
            this.tenant = tenant;
            insertCustomer = connection.prepareStatement("INSERT INTO clientele_customer " + CUSTOMER_COLUMNS
                    + " VALUES (?, ?, 'ACTIVE', 1, ?, ?, NULL, ?, ?, NULL)");
            insertIdentifiers = connection.prepareStatement("INSERT INTO clientele_customer_identifier "
                    + IDENTIFIER_COLUMNS + " VALUES " + rows("(?, ?, ?, ?, ?, ?, ?)", 3));
            resolve = connection.prepareStatement("SELECT type, normalized_value, customer_id FROM "
                    + "clientele_customer_identifier WHERE tenant_id = ? AND ((type = 'externalId' AND normalized_value = ?)"
                    + " OR (type = 'email' AND normalized_value = ?) OR (type = 'phone' AND normalized_value = ?))");
            lock = connection.prepareStatement(
                    "SELECT version FROM clientele_customer WHERE tenant_id = ? AND id = ? FOR UPDATE");
            update = connection.prepareStatement("UPDATE clientele_customer SET version = version + 1, updated_at = ?,"
                    + " profile = ?, details = ? WHERE tenant_id = ? AND id = ?");
            lookup = connection.prepareStatement(LOOKUP);
        }

        /**
         * What one upsert has to do at the least, in one durable transaction: resolve its three identifiers; none
         * known → insert the customer and its identifiers; known → lock the customer row and update it.
         */
        void upsert(Data data, long i, int round) throws SQLException {
            try {
                upsertOnce(data, i, round);
            } catch (SQLException e) {
                // e.g. a duplicate key when two clients create the same customer at once: counted as failed
                connection.rollback();
                throw e;
            }
        }

        private void upsertOnce(Data data, long i, int round) throws SQLException {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            String profile = Data.nativeProfile(i, round);
            String details = "{\"attributes\":{" + Data.customAttributes("", i, round) + "}}";
            resolve.setString(1, tenant);
            resolve.setString(2, data.externalId(i));
            resolve.setString(3, data.email(i));
            resolve.setString(4, data.phone(i));
            String existing = null;
            try (ResultSet rows = resolve.executeQuery()) {
                if (rows.next()) {
                    existing = rows.getString(3);
                }
            }
            if (existing == null) {
                String id = Data.uuid7();
                insertCustomer.setString(1, tenant);
                insertCustomer.setString(2, id);
                insertCustomer.setTimestamp(3, now);
                insertCustomer.setTimestamp(4, now);
                insertCustomer.setString(5, profile);
                insertCustomer.setString(6, details);
                insertCustomer.executeUpdate();
                int k = identifier(insertIdentifiers, 1, tenant, "externalId", data.externalId(i), id, EXTERNAL_DETAILS, now);
                k = identifier(insertIdentifiers, k, tenant, "email", data.email(i), id, EMAIL_DETAILS, now);
                identifier(insertIdentifiers, k, tenant, "phone", data.phone(i), id, PHONE_DETAILS, now);
                insertIdentifiers.executeUpdate();
            } else {
                lock.setString(1, tenant);
                lock.setString(2, existing);
                try (ResultSet rows = lock.executeQuery()) {
                    rows.next();
                }
                update.setTimestamp(1, now);
                update.setString(2, profile);
                update.setString(3, details);
                update.setString(4, tenant);
                update.setString(5, existing);
                update.executeUpdate();
            }
            connection.commit();
        }

        /**
         * The server's lookup query, all rows read, as the server runs it: one statement in autocommit, no COMMIT
         * round trip; true when the customer was found.
         */
        boolean lookup(String type, String value) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true);
            }
            for (int part = 0; part < 3; part++) {
                lookup.setString(part * 4 + 1, tenant);
                lookup.setString(part * 4 + 2, tenant);
                lookup.setString(part * 4 + 3, type);
                lookup.setString(part * 4 + 4, value);
            }
            boolean found = false;
            try (ResultSet rows = lookup.executeQuery()) {
                while (rows.next()) {
                    found = true;
                    rows.getString(8);
                    rows.getString(14);
                }
            }
            return found;
        }

        /**
         * The bulk ceiling for customers [indices] of a data set, 1,000 per transaction: one SELECT resolves the
         * external ids of the chunk, one multi-row INSERT … ON DUPLICATE KEY UPDATE writes all customer rows (new and
         * existing), one multi-row INSERT writes the identifiers of the new ones.
         */
        void bulk(Data data, long[] indices, int round) throws SQLException {
            for (int from = 0; from < indices.length; from += 1000) {
                int n = Math.min(1000, indices.length - from);
                Timestamp now = new Timestamp(System.currentTimeMillis());
                Map<String, String> known = new HashMap<>();
                try (PreparedStatement select = connection.prepareStatement("SELECT normalized_value, customer_id FROM "
                        + "clientele_customer_identifier WHERE tenant_id = ? AND type = 'externalId' AND normalized_value IN ("
                        + rows("?", n) + ")")) {
                    select.setString(1, tenant);
                    for (int j = 0; j < n; j++) {
                        select.setString(j + 2, data.externalId(indices[from + j]));
                    }
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            known.put(rows.getString(1), rows.getString(2));
                        }
                    }
                }
                List<long[]> fresh = new ArrayList<>();
                String[] ids = new String[n];
                try (PreparedStatement customers = connection.prepareStatement("INSERT INTO clientele_customer "
                        + CUSTOMER_COLUMNS + " VALUES " + rows("(?, ?, 'ACTIVE', 1, ?, ?, NULL, ?, ?, NULL)", n)
                        + " ON DUPLICATE KEY UPDATE version = version + 1, updated_at = VALUES(updated_at),"
                        + " profile = VALUES(profile), details = VALUES(details)")) {
                    int c = 1;
                    for (int j = 0; j < n; j++) {
                        long i = indices[from + j];
                        String id = known.get(data.externalId(i));
                        if (id == null) {
                            id = Data.uuid7();
                            fresh.add(new long[]{i, j});
                        }
                        ids[j] = id;
                        customers.setString(c++, tenant);
                        customers.setString(c++, id);
                        customers.setTimestamp(c++, now);
                        customers.setTimestamp(c++, now);
                        customers.setString(c++, Data.nativeProfile(i, round));
                        customers.setString(c++, "{\"attributes\":{" + Data.customAttributes("", i, round) + "}}");
                    }
                    customers.executeUpdate();
                }
                if (!fresh.isEmpty()) {
                    try (PreparedStatement identifiers = connection.prepareStatement("INSERT INTO "
                            + "clientele_customer_identifier " + IDENTIFIER_COLUMNS + " VALUES "
                            + rows("(?, ?, ?, ?, ?, ?, ?)", fresh.size() * 3))) {
                        int k = 1;
                        for (long[] f : fresh) {
                            long i = f[0];
                            String id = ids[(int) f[1]];
                            k = identifier(identifiers, k, tenant, "externalId", data.externalId(i), id, EXTERNAL_DETAILS, now);
                            k = identifier(identifiers, k, tenant, "email", data.email(i), id, EMAIL_DETAILS, now);
                            k = identifier(identifiers, k, tenant, "phone", data.phone(i), id, PHONE_DETAILS, now);
                        }
                        identifiers.executeUpdate();
                    }
                }
                connection.commit();
            }
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
