package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.CustomerFilter;
import io.clientele.application.port.out.CustomerStore;
import io.clientele.application.port.out.IdentifierIndex;
import io.clientele.application.port.out.RetryableConflictException;
import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.customer.ChangeRecord;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The customer aggregate on MySQL/MariaDB: one row in {@code clientele_customer} (profile as JSON) plus one row per
 * identifier in {@code clientele_customer_identifier}, whose primary key enforces "one identifier, one customer".
 * A customer is loaded in one round trip (customer LEFT JOIN identifiers).
 */
@Singleton
public class CustomerPersistenceAdapter implements CustomerStore, IdentifierIndex {

    private static final int DUPLICATE_KEY = 1062;

    /**
     * The indexes are named: with statistics skewed by a large write of another tenant, MariaDB once planned this
     * join by the tenant prefix alone and examined 22.8 million rows (11 s, holding a chunk's locks) to lock 111
     * customers; it is only ever found by id. Its columns are read by position ({@code LoadedRow}), not by label:
     * the driver builds a label map for every result set it is asked to search (~5 % of a lookup's server CPU).
     */
    private static final String SELECT_AGGREGATE = """
            SELECT 'i' AS kind, c.id, c.state, c.version, c.created_at, c.updated_at, c.merged_into, c.profile,
                   c.details AS customer_details, c.canonical_id,
                   i.type, i.normalized_value, i.display_value, i.details
            FROM clientele_customer c FORCE INDEX (PRIMARY)
            LEFT JOIN clientele_customer_identifier i FORCE INDEX (ix_identifier_customer)
                ON i.tenant_id = c.tenant_id AND i.customer_id = c.id
            """;

    private final JdbcOperations jdbc;
    private final CustomerRows rows;
    private final CustomerSideTables side;

    CustomerPersistenceAdapter(JdbcOperations jdbc, CustomerRows rows, CustomerSideTables side) {
        this.jdbc = jdbc;
        this.rows = rows;
        this.side = side;
    }

    @Override
    public Optional<Customer> findById(TenantId tenantId, CustomerId id) {
        return load(BY_ID, tenantId, id.value());
    }

    @Override
    public Optional<Customer> lockById(TenantId tenantId, CustomerId id) {
        return load(LOCK_BY_ID, tenantId, id.value());
    }

    @Override
    public Optional<Customer> findByIdentifier(TenantId tenantId, IdentifierKey key) {
        return load(BY_IDENTIFIER, tenantId, tenantId.value(), key.type(), key.value());
    }

    /**
     * Identifier keys per query of {@link #holders}: a chunk's usual 1,500 go in one, and no number of records with
     * many long identifiers (255 characters, several hundred bytes each as a literal) passes max_allowed_packet.
     */
    private static final int KEYS_PER_QUERY = 2_000;

    @Override
    public Map<IdentifierKey, CustomerId> holders(TenantId tenantId, Collection<IdentifierKey> keys) {
        Map<IdentifierKey, CustomerId> holders = new HashMap<>();
        inBatches(keys, KEYS_PER_QUERY, batch -> holders.putAll(holdersOf(tenantId, batch)));
        return holders;
    }

    /** {@code each} for consecutive batches of at most {@code size} of {@code all} (none when it is empty). */
    private static <T> void inBatches(Collection<T> all, int size, Consumer<List<T>> each) {
        List<T> list = List.copyOf(all);
        for (int from = 0; from < list.size(); from += size) {
            each.accept(list.subList(from, Math.min(list.size(), from + size)));
        }
    }

    private Map<IdentifierKey, CustomerId> holdersOf(TenantId tenantId, Collection<IdentifierKey> keys) {
        // one IN list per type: MariaDB took 12x longer (~100 ms for a chunk's 1,500 keys) to plan the same ranges
        // written as OR-ed (type, value) pairs; values as literals (see SqlScript), a chunk's keys are many; the index
        // named for the reason at SELECT_AGGREGATE
        Map<String, List<String>> valuesByType = new LinkedHashMap<>();
        for (IdentifierKey key : keys) {
            valuesByType.computeIfAbsent(key.type(), type -> new ArrayList<>()).add(key.value());
        }
        String sql = byTenantAndGroups(48 * keys.size(),
                "SELECT type, normalized_value, customer_id FROM clientele_customer_identifier FORCE INDEX (PRIMARY)",
                tenantId, "type", "normalized_value", valuesByType);
        try (Statement statement = literalStatement(jdbc.getConnection());
             ResultSet rows = statement.executeQuery(sql)) {
            Map<IdentifierKey, CustomerId> holders = new HashMap<>();
            while (rows.next()) {
                holders.put(new IdentifierKey(rows.getString(1), rows.getString(2)), CustomerId.of(rows.getString(3)));
            }
            return holders;
        } catch (SQLException e) {
            throw new IllegalStateException("could not resolve identifiers", e);
        }
    }

    /**
     * {@code select} for a tenant's rows whose {@code groupColumn} is a key of {@code valuesByGroup} and
     * {@code valueColumn} one of that key's values: one IN list per group, values as literals (see SqlScript).
     */
    private static String byTenantAndGroups(int sizeHint, String select, TenantId tenantId, String groupColumn,
                                            String valueColumn, Map<String, List<String>> valuesByGroup) {
        StringBuilder sql = new StringBuilder(sizeHint + 128).append(select).append(" WHERE tenant_id = ");
        SqlScript.literal(sql, tenantId.value());
        sql.append(" AND (");
        boolean first = true;
        for (Map.Entry<String, List<String>> group : valuesByGroup.entrySet()) {
            sql.append(first ? "(" : " OR (").append(groupColumn).append(" = ");
            SqlScript.literal(sql, group.getKey());
            SqlScript.literals(sql.append(" AND ").append(valueColumn).append(" IN ("), group.getValue())
                    .append("))");
            first = false;
        }
        return sql.append(')').toString();
    }

    /** Device keys per query of {@link #deviceHolders}. */
    private static final int DEVICES_PER_QUERY = 500;

    @Override
    public Map<String, CustomerId> deviceHolders(TenantId tenantId, Collection<String> deviceKeys) {
        // a few hundred tokens per statement: a token may take 512 characters, several kilobytes as a literal, and
        // a whole upload's worth in one statement could pass max_allowed_packet
        Map<String, CustomerId> holders = new HashMap<>();
        inBatches(deviceKeys, DEVICES_PER_QUERY, batch -> holders.putAll(deviceHolders(tenantId, batch)));
        return holders;
    }

    private Map<String, CustomerId> deviceHolders(TenantId tenantId, List<String> deviceKeys) {
        // one IN list per provider, values as literals, like holders()
        Map<String, List<String>> tokensByProvider = new LinkedHashMap<>();
        for (String key : deviceKeys) {
            int colon = key.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("a device key is provider:token");
            }
            tokensByProvider.computeIfAbsent(key.substring(0, colon), provider -> new ArrayList<>())
                    .add(key.substring(colon + 1));
        }
        String sql = byTenantAndGroups(64 * deviceKeys.size(),
                "SELECT provider, token, customer_id FROM clientele_push_subscription FORCE INDEX (PRIMARY)",
                tenantId, "provider", "token", tokensByProvider);
        try (Statement statement = literalStatement(jdbc.getConnection());
             ResultSet rows = statement.executeQuery(sql)) {
            Map<String, CustomerId> holders = new HashMap<>();
            while (rows.next()) {
                holders.put(PushSubscription.key(PushSubscription.Provider.parse(rows.getString(1)),
                        rows.getString(2)), CustomerId.of(rows.getString(3)));
            }
            return holders;
        } catch (SQLException e) {
            throw new IllegalStateException("could not resolve push devices", e);
        }
    }

    @Override
    public List<Customer> lockAll(TenantId tenantId, Collection<CustomerId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> sorted = ids.stream().map(CustomerId::value).sorted().distinct().toList();
        // one statement locks them all, in primary-key order like every other writer
        return loadAll(CustomerQuery.of(in(sorted), " ORDER BY c.id FOR UPDATE"), tenantId, List.of());
    }

    /** {@code IN (...)} of these ids as literals: as many as a chunk of a bulk write (see SqlScript). */
    private static String in(List<String> ids) {
        return SqlScript.literals(new StringBuilder(ids.size() * 48 + 8).append("IN ("), ids).append(')').toString();
    }

    @Override
    public void save(Customer customer) {
        saveAll(List.of(customer));
    }

    /**
     * Every change of all the customers in one round trip: one multi-row statement per table for new rows, one
     * statement per changed row, checked afterwards (versions, identifiers taken over).
     */
    @Override
    public void saveAll(List<Customer> customers) {
        if (customers.isEmpty()) {
            return;
        }
        SqlScript script = new SqlScript();
        insertCustomers(script, customers);
        updateCustomers(script, customers);
        insertIdentifiers(script, customers);
        repointIdentifiers(script, customers);
        updateIdentifierDetails(script, customers);
        deleteIdentifiers(script, customers);
        side.saveAll(script, customers);
        execute(script, "an identifier was claimed by a concurrent write", "could not save customer");
    }

    /** Runs a script whose duplicate key means a concurrent write took a key first (the unit of work runs again). */
    private void execute(SqlScript script, String claimedConcurrently, String failed) {
        try {
            script.execute(jdbc.getConnection());
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                throw new RetryableConflictException(claimedConcurrently, e);
            }
            throw new IllegalStateException(failed, e);
        }
    }

    @Override
    public void claimDevices(TenantId tenantId, Map<String, CustomerId> devices, Instant at) {
        if (devices.isEmpty()) {
            return;
        }
        List<Object[]> rows = new ArrayList<>();
        devices.forEach((key, customer) -> {
            int colon = key.indexOf(':');
            rows.add(new Object[]{tenantId.value(), key.substring(0, colon), key.substring(colon + 1),
                    customer.value(), SqlTime.toColumn(at)});
        });
        // a plain INSERT: a row another write put there first, committed or not, is a duplicate key here (after
        // waiting for that write to end) instead of being taken over without its holder knowing
        SqlScript script = new SqlScript().rows("""
                INSERT INTO clientele_push_subscription (tenant_id, provider, token, customer_id, created_at)
                VALUES""", "", rows);
        execute(script, "a push device was claimed by a concurrent write", "could not claim push devices");
    }

    private static boolean isDuplicateKey(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    private static final String CUSTOMER_ROWS = """
            INSERT INTO clientele_customer
                (tenant_id, id, state, version, created_at, updated_at, merged_into, profile, details, canonical_id)
            VALUES""";

    private void insertCustomers(SqlScript script, List<Customer> customers) {
        List<Object[]> created = new ArrayList<>();
        for (Customer customer : customers) {
            if (customer.isNew()) {
                created.add(customerRow(customer));
            }
        }
        script.rows(CUSTOMER_ROWS, "", created);
    }

    private Object[] customerRow(Customer customer) {
        return new Object[]{customer.tenantId().value(), customer.id().value(), customer.state().name(),
                customer.version(), SqlTime.toColumn(customer.createdAt()), SqlTime.toColumn(customer.updatedAt()),
                customer.mergedInto() == null ? null : customer.mergedInto().value(),
                rows.profileJson(customer.profile()), rows.detailsJson(customer.details()),
                customer.details().canonicalId()};
    }

    /** Writes a changed row only when it still has the version it was loaded with (see updateCustomers). */
    private static final String UPDATE_IF_UNCHANGED;

    static {
        String unchanged = "version = VALUES(version) - 1";
        StringBuilder tail = new StringBuilder("ON DUPLICATE KEY UPDATE ");
        for (String column : List.of("state", "updated_at", "merged_into", "profile", "details", "canonical_id")) {
            tail.append(column).append(" = IF(").append(unchanged).append(", VALUES(").append(column).append("), ")
                    .append(column).append("), ");
        }
        // last: every condition before it reads the version as it was (MariaDB assigns left to right)
        UPDATE_IF_UNCHANGED = tail.append("version = IF(").append(unchanged).append(", VALUES(version), version)")
                .toString();
    }

    /**
     * Changed customers saved at the next version go in one multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE}:
     * 3,000 single-row UPDATEs of a bulk upload cost the database about five times as much as the same rows in one
     * statement (replayed with {@code SET profiling=1}, 2026-12-02). The version check stays per row: a row whose
     * version is not the one loaded keeps all its values, and so does not count as updated (each updated row counts
     * 2, a row left as it was 1, a row that had vanished and got inserted 1), so any count but twice the rows means
     * another writer got there first.
     */
    private void updateCustomers(SqlScript script, List<Customer> customers) {
        List<Object[]> changed = new ArrayList<>();
        for (Customer customer : customers) {
            if (customer.isNew()) {
                continue;
            }
            if (customer.version() != customer.loadedVersion() + 1) {
                // saved without a change of its own (not done today): the version check as a plain UPDATE
                script.statement("""
                        UPDATE clientele_customer SET state = ?, updated_at = ?, merged_into = ?, profile = ?,
                            details = ?, canonical_id = ?
                        WHERE tenant_id = ? AND id = ? AND version = ?""", count -> {
                    if (count != 1) {
                        throw new RetryableConflictException("customer " + customer.id() + " changed concurrently",
                                null);
                    }
                }, customer.state().name(), SqlTime.toColumn(customer.updatedAt()),
                        customer.mergedInto() == null ? null : customer.mergedInto().value(),
                        rows.profileJson(customer.profile()), rows.detailsJson(customer.details()),
                        customer.details().canonicalId(), customer.tenantId().value(), customer.id().value(),
                        customer.loadedVersion());
                continue;
            }
            changed.add(customerRow(customer));
        }
        script.rows(CUSTOMER_ROWS, UPDATE_IF_UNCHANGED, changed, (rows, count) -> {
            if (count != 2 * rows) {
                throw new RetryableConflictException("a customer changed concurrently", null);
            }
        });
    }

    private void insertIdentifiers(SqlScript script, List<Customer> customers) {
        List<Object[]> added = new ArrayList<>();
        for (Customer customer : customers) {
            LocalDateTime now = SqlTime.toColumn(customer.updatedAt());
            for (Identifier identifier : customer.addedIdentifiers()) {
                IdentifierKey key = identifier.key();
                added.add(new Object[]{customer.tenantId().value(), key.type(), key.value(), customer.id().value(),
                        identifier.displayValue(), rows.detailsJson(identifier), now});
            }
        }
        // the primary key (tenant, type, value) refuses an identifier another customer claimed meanwhile
        script.rows("""
                INSERT INTO clientele_customer_identifier
                    (tenant_id, type, normalized_value, customer_id, display_value, details, created_at)
                VALUES""", "", added);
    }

    /** Identifiers taken over from another customer (merge, revert): the row stays, its holder changes. */
    private void repointIdentifiers(SqlScript script, List<Customer> customers) {
        for (Customer customer : customers) {
            for (Identifier identifier : customer.movedInIdentifiers()) {
                script.statement("""
                        UPDATE clientele_customer_identifier SET customer_id = ?, details = ?
                        WHERE tenant_id = ? AND type = ? AND normalized_value = ?""", count -> {
                    if (count == 0) {
                        throw new RetryableConflictException("an identifier to take over vanished concurrently", null);
                    }
                }, customer.id().value(), rows.detailsJson(identifier), customer.tenantId().value(),
                        identifier.key().type(), identifier.key().value());
            }
        }
    }

    private void updateIdentifierDetails(SqlScript script, List<Customer> customers) {
        for (Customer customer : customers) {
            for (Identifier identifier : customer.changedIdentifiers()) {
                script.statement("""
                        UPDATE clientele_customer_identifier SET details = ?
                        WHERE tenant_id = ? AND type = ? AND normalized_value = ? AND customer_id = ?""", null,
                        rows.detailsJson(identifier), customer.tenantId().value(), identifier.key().type(),
                        identifier.key().value(), customer.id().value());
            }
        }
    }

    private void deleteIdentifiers(SqlScript script, List<Customer> customers) {
        for (Customer customer : customers) {
            for (IdentifierKey key : customer.removedIdentifiers()) {
                script.statement("""
                        DELETE FROM clientele_customer_identifier
                        WHERE tenant_id = ? AND type = ? AND normalized_value = ? AND customer_id = ?""", null,
                        customer.tenantId().value(), key.type(), key.value(), customer.id().value());
            }
        }
    }

    /** A statement for text whose values are literals already (see SqlScript): no JDBC escapes to look for. */
    private static Statement literalStatement(Connection connection) throws SQLException {
        Statement statement = connection.createStatement();
        statement.setEscapeProcessing(false);
        return statement;
    }

    private Optional<Customer> load(CustomerQuery query, TenantId tenantId, String... parameters) {
        List<Customer> loaded = loadAll(query, tenantId, List.of(parameters));
        return loaded.isEmpty() ? Optional.empty() : Optional.of(loaded.get(0));
    }

    /**
     * The text that reads the customers of a tenant whose id meets {@code idCondition} ({@code "= ?"},
     * {@code "IN (?, ?)"}, ...), with {@code tail} after the query ({@code ORDER BY}, {@code FOR UPDATE}): customer
     * rows joined with identifier rows, grouped by id in result order, and their side-table rows, all in one round
     * trip. A plain read is one {@code UNION ALL} statement: one statement less to parse and run than two (a
     * lookup's database CPU fell from 0.30-0.34 to 0.26-0.27 ms); with a tail it is two statements, so the locks are
     * taken before the side tables are read and the order applies to the customers. The reads by id and by
     * identifier are built once: the driver's statement cache hashes and compares the whole text on every call.
     */
    private record CustomerQuery(boolean plain, String sql) {

        static CustomerQuery of(String idCondition, String tail) {
            return new CustomerQuery(tail.isEmpty(), SELECT_AGGREGATE + " WHERE c.tenant_id = ? AND c.id " + idCondition
                    + tail + (tail.isEmpty() ? "\nUNION ALL\n" : ";\n") + CustomerSideTables.selectFor(idCondition));
        }
    }

    private static final CustomerQuery BY_ID = CustomerQuery.of("= ?", "");
    private static final CustomerQuery LOCK_BY_ID = CustomerQuery.of("= ?", " FOR UPDATE");
    private static final CustomerQuery BY_IDENTIFIER = CustomerQuery.of("""
            = (SELECT k.customer_id FROM clientele_customer_identifier k
               WHERE k.tenant_id = ? AND k.type = ? AND k.normalized_value = ?)""", "");

    private List<Customer> loadAll(CustomerQuery query, TenantId tenantId, List<String> parameters) {
        Connection connection = jdbc.getConnection();
        String sql = query.sql();
        // the aggregate, then the side tables' two parts, each with the filter's parameters
        List<String> values = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            values.add(tenantId.value());
            values.addAll(parameters);
        }
        boolean ofLiterals = parameters.isEmpty();
        try (Statement statement = ofLiterals ? literalStatement(connection) : connection.prepareStatement(sql)) {
            boolean isResult;
            if (ofLiterals) {
                // an id list written as literals (a chunk's worth): its text is new every time, see SqlScript
                isResult = statement.execute(SqlScript.render(sql, values.toArray()));
            } else {
                PreparedStatement prepared = (PreparedStatement) statement;
                for (int i = 0; i < values.size(); i++) {
                    prepared.setString(i + 1, values.get(i));
                }
                isResult = prepared.execute();
            }
            Map<String, LoadedRow> loaded = new LinkedHashMap<>();
            CustomerSideTables.Parts parts = new CustomerSideTables.Parts();
            int results = 0;
            for (; isResult; isResult = statement.getMoreResults()) {
                results++;
                try (ResultSet result = statement.getResultSet()) {
                    while (result.next()) {
                        String kind = result.getString(1);
                        if (!parts.add(kind, result)) {
                            loaded.computeIfAbsent(result.getString(2), id -> new LoadedRow(result, rows))
                                    .addIdentifier(result, rows);
                        }
                    }
                }
            }
            if (results != (query.plain() ? 1 : 2)) {
                throw new IllegalStateException("expected the customers' and the side tables' rows, got " + results
                        + " result sets: is allowMultiQueries off?");
            }
            List<Customer> customers = new ArrayList<>();
            for (LoadedRow row : loaded.values()) {
                customers.add(row.toCustomer(tenantId, parts));
            }
            return customers;
        } catch (SQLException e) {
            throw new IllegalStateException("could not load customers", e);
        }
    }

    /** The customer row of a result set, collecting its identifier rows. */
    private static final class LoadedRow {
        private final String id;
        private final LifecycleState state;
        private final long version;
        private final LocalDateTime createdAt;
        private final LocalDateTime updatedAt;
        private final String mergedInto;
        private final Profile profile;
        private final CustomerDetails details;
        private final List<Identifier> identifiers = new ArrayList<>();

        LoadedRow(ResultSet result, CustomerRows rows) {
            try {
                id = result.getString(2);
                state = LifecycleState.valueOf(result.getString(3));
                version = result.getLong(4);
                createdAt = result.getObject(5, LocalDateTime.class);
                updatedAt = result.getObject(6, LocalDateTime.class);
                mergedInto = result.getString(7);
                profile = rows.profile(result.getString(8));
                details = rows.details(result.getString(9), result.getString(10));
            } catch (SQLException e) {
                throw new IllegalStateException("could not read a customer row", e);
            }
        }

        /** The identifier on this row, if the customer has any (the join is a LEFT JOIN). */
        void addIdentifier(ResultSet result, CustomerRows rows) throws SQLException {
            String type = result.getString(11);
            if (type != null) {
                identifiers.add(rows.identifier(type, result.getString(12), result.getString(13),
                        result.getString(14)));
            }
        }

        Customer toCustomer(TenantId tenantId, CustomerSideTables.Parts parts) {
            return Customer.reconstitute(CustomerId.of(id), tenantId, state, version, profile, identifiers,
                    createdAt.toInstant(ZoneOffset.UTC), updatedAt.toInstant(ZoneOffset.UTC),
                    mergedInto == null ? null : CustomerId.of(mergedInto), details,
                    new ConsentLedger(parts.consentsOf(id)), parts.pushOf(id));
        }
    }

    @Override
    public List<Customer> list(CustomerFilter filter, String afterId, int limit) {
        List<String> parameters = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        List<String[]> memberships = new ArrayList<>();
        if (filter.tag() != null) {
            memberships.add(new String[]{"tag", filter.tag()});
        }
        if (filter.mailingList() != null) {
            memberships.add(new String[]{"list", filter.mailingList()});
        }
        if (filter.grantedConsent() != null) {
            memberships.add(new String[]{"consent", filter.grantedConsent().label()});
        }
        if (!memberships.isEmpty()) {
            // driven by the membership index (tenant, kind, value, customer_id): a range scan in id order
            sql.append("SELECT m.customer_id FROM clientele_customer_membership m WHERE m.tenant_id = ? AND m.kind = ?"
                    + " AND m.value = ? AND m.customer_id > ?");
            parameters.add(memberships.get(0)[0]);
            parameters.add(memberships.get(0)[1]);
            parameters.add(afterId == null ? "" : afterId);
            for (String[] other : memberships.subList(1, memberships.size())) {
                sql.append(" AND EXISTS (SELECT 1 FROM clientele_customer_membership o WHERE o.tenant_id = m.tenant_id"
                        + " AND o.kind = ? AND o.value = ? AND o.customer_id = m.customer_id)");
                parameters.add(other[0]);
                parameters.add(other[1]);
            }
            if (filter.canonicalId() != null) {
                sql.append(" AND EXISTS (SELECT 1 FROM clientele_customer c WHERE c.tenant_id = m.tenant_id"
                        + " AND c.id = m.customer_id AND c.canonical_id = ?)");
                parameters.add(filter.canonicalId());
            }
            sql.append(" ORDER BY m.customer_id LIMIT ").append(limit);
        } else if (filter.canonicalId() != null) {
            sql.append("SELECT c.id FROM clientele_customer c WHERE c.tenant_id = ? AND c.canonical_id = ?"
                    + " AND c.id > ? AND c.state = 'ACTIVE' ORDER BY c.id LIMIT ").append(limit);
            parameters.add(filter.canonicalId());
            parameters.add(afterId == null ? "" : afterId);
        } else {
            sql.append("SELECT c.id FROM clientele_customer c WHERE c.tenant_id = ? AND c.id > ?"
                    + " AND c.state = 'ACTIVE' ORDER BY c.id LIMIT ").append(limit);
            parameters.add(afterId == null ? "" : afterId);
        }
        List<String> ids = jdbc.prepareStatement(sql.toString(), statement -> {
            statement.setString(1, filter.tenantId().value());
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 2, parameters.get(i));
            }
            List<String> found = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    found.add(result.getString(1));
                }
            }
            return found;
        });
        if (ids.isEmpty()) {
            return List.of();
        }
        List<Customer> loaded = loadAll(CustomerQuery.of(in(ids), " ORDER BY c.id"), filter.tenantId(), List.of());
        return loaded.stream().filter(Customer::isActive).toList();
    }

    @Override
    public List<CustomerId> mergedInto(TenantId tenantId, Collection<CustomerId> survivorIds) {
        List<CustomerId> absorbed = new ArrayList<>();
        inBatches(survivorIds, IDS_PER_QUERY, batch -> {
            StringBuilder sql = new StringBuilder("SELECT id FROM clientele_customer WHERE tenant_id = ");
            SqlScript.literal(sql, tenantId.value());
            SqlScript.literals(sql.append(" AND merged_into IN ("), batch.stream().map(CustomerId::value).toList())
                    .append(')');
            try (Statement statement = literalStatement(jdbc.getConnection());
                 ResultSet rows = statement.executeQuery(sql.toString())) {
                while (rows.next()) {
                    absorbed.add(CustomerId.of(rows.getString(1)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not list merged customers", e);
            }
        });
        return absorbed;
    }

    /** Customer ids per statement of {@link #mergedInto} and {@link #histories}. */
    private static final int IDS_PER_QUERY = 1_000;

    @Override
    public Map<CustomerId, List<ChangeRecord>> histories(TenantId tenantId, Collection<CustomerId> ids) {
        Map<CustomerId, List<ChangeRecord>> histories = new LinkedHashMap<>();
        inBatches(ids, IDS_PER_QUERY, batch -> {
            try {
                histories.putAll(side.histories(jdbc.getConnection(), tenantId, batch));
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the change history", e);
            }
        });
        return histories;
    }
}
