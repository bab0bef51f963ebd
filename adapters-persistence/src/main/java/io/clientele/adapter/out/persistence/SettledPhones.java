package io.clientele.adapter.out.persistence;

import io.clientele.domain.identity.PhoneNumber;
import io.clientele.domain.shared.InvalidValueException;
import liquibase.change.custom.CustomTaskChange;
import liquibase.database.Database;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.CustomChangeException;
import liquibase.exception.ValidationErrors;
import liquibase.resource.ResourceAccessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Changeset 010: phones stored before their E.164 form was made to read back as itself. libphonenumber strips one
 * trunk prefix after a country code, so {@code 4400114527199} was stored as {@code +440114527199}, which normalises to
 * {@code +44114527199} now: such a row would be found by no lookup and removed by no request, and the same number sent
 * again would make a second customer. Each such row is given its settled form. Only rows whose digits after a country
 * code start with a national prefix can be affected (0, and others such as Belarus's 8 or 80), so every phone row is
 * read once.
 *
 * <p>Where the settled form is already stored for the same customer the old row goes; where another customer holds it
 * (the second customer of the bug) the row stays as it is and is logged, for an operator to merge the two.
 */
public class SettledPhones implements CustomTaskChange {

    private static final Logger LOG = LoggerFactory.getLogger(SettledPhones.class);

    private int settled;

    @Override
    public void execute(Database database) throws CustomChangeException {
        try {
            settled = settle(((JdbcConnection) database.getConnection()).getUnderlyingConnection());
        } catch (SQLException e) {
            throw new CustomChangeException("settling stored phone numbers failed", e);
        }
    }

    /** @return how many rows were given their settled form (or dropped beside it) */
    static int settle(Connection connection) throws SQLException {
        int settled = 0;
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT tenant_id, normalized_value, customer_id FROM clientele_customer_identifier"
                        + " WHERE type = 'phone'");
             ResultSet result = select.executeQuery()) {
            while (result.next()) {
                String value = result.getString(2);
                String now = settledForm(value);
                if (now != null && !now.equals(value)) {
                    rows.add(new Row(result.getString(1), value, result.getString(3), now));
                }
            }
        }
        for (Row row : rows) {
            String holder = holder(connection, row.tenant(), row.now());
            if (holder == null) {
                execute(connection, "UPDATE clientele_customer_identifier SET normalized_value = ?"
                        + " WHERE tenant_id = ? AND type = 'phone' AND normalized_value = ?", row.now(),
                        row.tenant(), row.value());
                settled++;
            } else if (holder.equals(row.customer())) {
                execute(connection, "DELETE FROM clientele_customer_identifier"
                        + " WHERE tenant_id = ? AND type = 'phone' AND normalized_value = ?", row.tenant(),
                        row.value());
                settled++;
            } else {
                LOG.warn("tenant {}: customers {} and {} hold one phone number in two stored forms; the older"
                        + " form was left as it is (merge the two customers)", row.tenant(), row.customer(), holder);
            }
        }
        return settled;
    }

    /** The phone's settled E.164, or null when it does not read as a phone number at all. */
    static String settledForm(String stored) {
        try {
            return PhoneNumber.parse(stored, "ZZ").e164();
        } catch (InvalidValueException e) {
            return null;
        }
    }

    private static String holder(Connection connection, String tenant, String value) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT customer_id FROM"
                + " clientele_customer_identifier WHERE tenant_id = ? AND type = 'phone' AND normalized_value = ?")) {
            select.setString(1, tenant);
            select.setString(2, value);
            try (ResultSet result = select.executeQuery()) {
                return result.next() ? result.getString(1) : null;
            }
        }
    }

    private static void execute(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private record Row(String tenant, String value, String customer, String now) {
    }

    @Override
    public String getConfirmationMessage() {
        return settled + " stored phone numbers settled";
    }

    @Override
    public void setUp() {
        // no parameters
    }

    @Override
    public void setFileOpener(ResourceAccessor resourceAccessor) {
        // reads no files
    }

    @Override
    public ValidationErrors validate(Database database) {
        return new ValidationErrors();
    }
}
