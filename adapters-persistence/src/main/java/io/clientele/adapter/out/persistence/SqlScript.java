package io.clientele.adapter.out.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Statements sent to the database in one round trip (the driver's {@code allowMultiQueries}), every value bound as a
 * parameter. Saving a customer touches up to a dozen tables; sent one by one, the round trips cost more than the
 * statements. Rows of one table go in one multi-row statement. A statement may carry a check of its row count (the
 * version check of an update), run once the script has run; a failing statement stops the script with its error, and
 * the transaction is rolled back by the caller.
 */
final class SqlScript {

    private static final IntConsumer ANY_COUNT = count -> {
    };

    private final StringBuilder sql = new StringBuilder(1024);
    private final List<Object> parameters = new ArrayList<>();
    private final List<IntConsumer> checks = new ArrayList<>();

    /** One statement with its parameters; {@code check} gets its row count. */
    SqlScript statement(String statement, IntConsumer check, Object... values) {
        if (!checks.isEmpty()) {
            sql.append(";\n");
        }
        sql.append(statement);
        Collections.addAll(parameters, values);
        checks.add(check == null ? ANY_COUNT : check);
        return this;
    }

    /**
     * One multi-row statement: {@code head} up to {@code VALUES}, then a {@code (?, ...)} group per row, then
     * {@code tail} (an {@code ON DUPLICATE KEY UPDATE} clause, or empty). Nothing is added for no rows.
     */
    SqlScript rows(String head, String tail, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return this;
        }
        StringBuilder statement = new StringBuilder(head.length() + tail.length() + rows.size() * 24).append(head);
        String group = group(rows.get(0).length);
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            statement.append(i == 0 ? " " : ", ").append(group);
            Collections.addAll(values, rows.get(i));
        }
        return statement(statement.append(tail).toString(), null, values.toArray());
    }

    private static String group(int columns) {
        StringBuilder group = new StringBuilder(columns * 3 + 2).append('(');
        for (int i = 0; i < columns; i++) {
            group.append(i == 0 ? "?" : ", ?");
        }
        return group.append(')').toString();
    }

    boolean isEmpty() {
        return checks.isEmpty();
    }

    /** Runs every statement in one round trip, then the checks in statement order. */
    void execute(Connection connection) throws SQLException {
        if (checks.isEmpty()) {
            return;
        }
        try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                prepared.setObject(i + 1, parameters.get(i));
            }
            boolean isResultSet = prepared.execute();
            int[] counts = new int[checks.size()];
            int index = 0;
            while (true) {
                if (isResultSet) {
                    throw new IllegalStateException("a write script returned rows");
                }
                int count = prepared.getUpdateCount();
                if (count == -1) {
                    break;
                }
                if (index < counts.length) {
                    counts[index] = count;
                }
                index++;
                isResultSet = prepared.getMoreResults();
            }
            if (index != counts.length) {
                throw new IllegalStateException("a write script of " + counts.length + " statements answered "
                        + index + " row counts");
            }
            for (int i = 0; i < counts.length; i++) {
                checks.get(i).accept(counts[i]);
            }
        }
    }
}
