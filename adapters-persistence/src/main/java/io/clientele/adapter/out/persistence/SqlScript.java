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
 *
 * <p>Size: the server takes at most {@code max_allowed_packet} (16 MiB by default) in one packet, and a chunk of
 * customers with many long attributes can exceed it. So rows are split over several statements and statements over
 * several round trips once about {@link #PACKET_BUDGET} of text has gathered: still one transaction, just more trips.
 */
final class SqlScript {

    /** Text per round trip, well below the server's default packet limit (escaping can double a value). */
    static final int PACKET_BUDGET = 4 << 20;

    private static final IntConsumer ANY_COUNT = count -> {
    };

    /** Statements in order, each with its parameters, its check and its estimated size. */
    private record Statement(String sql, Object[] values, IntConsumer check, long size) {
    }

    private final List<Statement> statements = new ArrayList<>();

    /** One statement with its parameters; {@code check} gets its row count. */
    SqlScript statement(String statement, IntConsumer check, Object... values) {
        statements.add(new Statement(statement, values, check == null ? ANY_COUNT : check,
                statement.length() + size(values)));
        return this;
    }

    private static long size(Object[] values) {
        long size = 0;
        for (Object value : values) {
            // text is what can be long; numbers and times are a few dozen characters at most
            size += value instanceof String text ? text.length() + 2 : 32;
        }
        return size;
    }

    /**
     * One multi-row statement: {@code head} up to {@code VALUES}, then a {@code (?, ...)} group per row, then
     * {@code tail} (an {@code ON DUPLICATE KEY UPDATE} clause, or empty). Nothing is added for no rows.
     */
    SqlScript rows(String head, String tail, List<Object[]> rows) {
        String group = rows.isEmpty() ? "" : group(rows.get(0).length);
        int from = 0;
        while (from < rows.size()) {
            // as many rows as fit the budget, at least one
            long size = head.length() + tail.length();
            int to = from;
            while (to < rows.size() && (to == from || size + group.length() + size(rows.get(to)) <= PACKET_BUDGET)) {
                size += group.length() + 2 + size(rows.get(to));
                to++;
            }
            StringBuilder statement = new StringBuilder((int) Math.min(size, 1 << 20)).append(head);
            List<Object> values = new ArrayList<>();
            for (int i = from; i < to; i++) {
                statement.append(i == from ? " " : ", ").append(group);
                Collections.addAll(values, rows.get(i));
            }
            statement(statement.append(tail).toString(), null, values.toArray());
            from = to;
        }
        return this;
    }

    private static String group(int columns) {
        StringBuilder group = new StringBuilder(columns * 3 + 2).append('(');
        for (int i = 0; i < columns; i++) {
            group.append(i == 0 ? "?" : ", ?");
        }
        return group.append(')').toString();
    }

    /** Runs every statement, as few round trips as the budget allows, then the checks in statement order. */
    void execute(Connection connection) throws SQLException {
        int[] counts = new int[statements.size()];
        int from = 0;
        while (from < statements.size()) {
            long size = 0;
            int to = from;
            while (to < statements.size() && (to == from || size + statements.get(to).size() <= PACKET_BUDGET)) {
                size += statements.get(to).size();
                to++;
            }
            run(connection, statements.subList(from, to), counts, from);
            from = to;
        }
        for (int i = 0; i < counts.length; i++) {
            statements.get(i).check().accept(counts[i]);
        }
    }

    private static void run(Connection connection, List<Statement> part, int[] counts, int offset)
            throws SQLException {
        StringBuilder sql = new StringBuilder(1024);
        for (Statement statement : part) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(statement.sql());
        }
        try (PreparedStatement prepared = connection.prepareStatement(sql.toString())) {
            int index = 1;
            for (Statement statement : part) {
                for (Object value : statement.values()) {
                    prepared.setObject(index++, value);
                }
            }
            boolean isResultSet = prepared.execute();
            int answered = 0;
            while (true) {
                if (isResultSet) {
                    throw new IllegalStateException("a write script returned rows");
                }
                int count = prepared.getUpdateCount();
                if (count == -1) {
                    break;
                }
                if (answered < part.size()) {
                    counts[offset + answered] = count;
                }
                answered++;
                isResultSet = prepared.getMoreResults();
            }
            if (answered != part.size()) {
                throw new IllegalStateException("a write script of " + part.size() + " statements answered "
                        + answered + " row counts");
            }
        }
    }
}
