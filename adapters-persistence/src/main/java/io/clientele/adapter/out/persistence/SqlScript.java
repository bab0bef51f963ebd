package io.clientele.adapter.out.persistence;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Statements sent to the database in one round trip (the driver's {@code allowMultiQueries}). Saving a customer
 * touches up to a dozen tables; sent one by one, the round trips cost more than the statements. Rows of one table go
 * in one multi-row statement. A statement may carry a check of its row count (the version check of an update), run
 * once the script has run; a failing statement stops the script with its error, and the transaction is rolled back by
 * the caller.
 *
 * <p>Values are written into the text as literals by {@link #literal}, not bound as parameters: a client-side
 * prepared statement of a 500-row insert is parsed for its thousands of {@code ?} anew every time (its text differs
 * with the row count, so the driver's cache misses) and every value goes through the driver's per-class encoder
 * lookup; that was a third of the server's CPU in a bulk upload. The driver sends a prepared statement as text
 * anyway, so the server sees the same. Literals are written so that no value can end its quotes, whatever the
 * connection's character set or the session's {@code NO_BACKSLASH_ESCAPES}: see {@link #literal}.
 *
 * <p>Size: the server takes at most {@code max_allowed_packet} (16 MiB by default) in one packet, and a chunk of
 * customers with many long attributes can exceed it. So rows are split over several statements and statements over
 * several round trips once about {@link #PACKET_BUDGET} of text has gathered: still one transaction, just more trips.
 */
final class SqlScript {

    /** Text per round trip (all ASCII: see {@link #literal}), well below the server's default packet limit. */
    static final int PACKET_BUDGET = 4 << 20;

    private static final IntConsumer ANY_COUNT = count -> {
    };

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Statements in order, each as text with its check. */
    private record Part(String sql, IntConsumer check) {
    }

    private final List<Part> statements = new ArrayList<>();

    /** One statement; its {@code ?} are replaced by {@code values} in order; {@code check} gets its row count. */
    SqlScript statement(String statement, IntConsumer check, Object... values) {
        statements.add(new Part(render(statement, values), check == null ? ANY_COUNT : check));
        return this;
    }

    /**
     * One multi-row statement: {@code head} up to {@code VALUES}, then a {@code (value, ...)} group per row, then
     * {@code tail} (an {@code ON DUPLICATE KEY UPDATE} clause, or empty). Nothing is added for no rows; rows beyond
     * the budget go in further statements of the same shape.
     */
    SqlScript rows(String head, String tail, List<Object[]> rows) {
        return rows(head, tail, rows, null);
    }

    /** The row count a multi-row statement must answer for the number of rows it holds. */
    @FunctionalInterface
    interface RowsCheck {
        void check(int rows, int count);
    }

    /**
     * {@link #rows(String, String, List)} with a check of each statement's row count against the rows it holds (a
     * statement may hold fewer than all: see the budget).
     */
    SqlScript rows(String head, String tail, List<Object[]> rows, RowsCheck check) {
        StringBuilder statement = null;
        int inStatement = 0;
        for (Object[] row : rows) {
            if (statement == null) {
                statement = new StringBuilder(8192).append(head).append(' ');
                inStatement = 0;
            }
            int mark = statement.length();
            if (inStatement > 0) {
                statement.append(", ");
            }
            group(statement, row);
            inStatement++;
            if (inStatement > 1 && statement.length() + tail.length() > PACKET_BUDGET) {
                // this row goes in the next statement
                statement.setLength(mark);
                statements.add(new Part(statement.append(tail).toString(), checkOf(check, inStatement - 1)));
                statement = new StringBuilder(8192).append(head).append(' ');
                group(statement, row);
                inStatement = 1;
            }
        }
        if (statement != null) {
            statements.add(new Part(statement.append(tail).toString(), checkOf(check, inStatement)));
        }
        return this;
    }

    private static IntConsumer checkOf(RowsCheck check, int rows) {
        return check == null ? ANY_COUNT : count -> check.check(rows, count);
    }

    private static void group(StringBuilder sql, Object[] row) {
        literals(sql.append('('), Arrays.asList(row)).append(')');
    }

    /** Appends the values as literals separated by commas (a row, an {@code IN} list). */
    static StringBuilder literals(StringBuilder sql, Iterable<?> values) {
        boolean first = true;
        for (Object value : values) {
            if (!first) {
                sql.append(", ");
            }
            literal(sql, value);
            first = false;
        }
        return sql;
    }

    /**
     * {@code sql} with each {@code ?} replaced by the literal of the next value. A {@code ?} inside quotes is text, not
     * a parameter: {@code sql} may hold literals written by {@link #literal} already (an {@code IN} list).
     */
    static String render(String sql, Object... values) {
        StringBuilder text = new StringBuilder(sql.length() + values.length * 24);
        int value = 0;
        boolean quoted = false;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (c == '\'') {
                // a doubled quote inside quotes reads as leaving and entering again: the same state after both
                quoted = !quoted;
                text.append(c);
            } else if (c == '?' && !quoted) {
                if (value == values.length) {
                    throw new IllegalArgumentException("more ? than values in: " + sql);
                }
                literal(text, values[value++]);
            } else {
                text.append(c);
            }
        }
        if (value != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + value + " ? in: " + sql);
        }
        return text.toString();
    }

    /**
     * Appends a value as an SQL literal. Text of printable ASCII without a backslash is quoted, its quotes doubled
     * (the one escape every server mode reads the same way); any other text is written as its UTF-8 bytes in hex
     * ({@code X'...'}), which no content can break out of, in any connection character set. Both carry the introducer
     * {@code _utf8mb4}, so all text of a statement has one character set and collation (a {@code UNION} of a quoted
     * and a hex literal was refused otherwise: "illegal mix of collations"); compared with a column, the column's
     * collation wins. Times are written as UTC wall time to the microsecond, like the columns hold them (rounded
     * half up).
     */
    static void literal(StringBuilder sql, Object value) {
        if (value == null) {
            sql.append("NULL");
        } else if (value instanceof String text) {
            int start = sql.length();
            sql.append("_utf8mb4'");
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 || c > 0x7E || c == '\\') {
                    // not plain: the whole value in hex instead
                    sql.setLength(start);
                    hex(sql, text);
                    return;
                }
                sql.append(c);
                if (c == '\'') {
                    sql.append('\'');
                }
            }
            sql.append('\'');
        } else if (value instanceof Long || value instanceof Integer || value instanceof Short) {
            sql.append(((Number) value).longValue());
        } else if (value instanceof Boolean flag) {
            sql.append(flag ? '1' : '0');
        } else if (value instanceof LocalDateTime exact) {
            // to the microsecond, rounded half up, as the driver did with a bound value (times from input can carry
            // nanoseconds)
            LocalDateTime time = exact.getNano() % 1000 == 0 ? exact
                    : exact.plusNanos(500).truncatedTo(ChronoUnit.MICROS);
            sql.append('\'');
            pad(sql, time.getYear(), 4).append('-');
            pad(sql, time.getMonthValue(), 2).append('-');
            pad(sql, time.getDayOfMonth(), 2).append(' ');
            pad(sql, time.getHour(), 2).append(':');
            pad(sql, time.getMinute(), 2).append(':');
            pad(sql, time.getSecond(), 2).append('.');
            pad(sql, time.get(ChronoField.MICRO_OF_SECOND), 6).append('\'');
        } else {
            throw new IllegalArgumentException("no SQL literal for a " + value.getClass().getName());
        }
    }

    private static void hex(StringBuilder sql, String text) {
        sql.append("_utf8mb4 X'");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sql.append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
        }
        sql.append('\'');
    }

    private static StringBuilder pad(StringBuilder sql, int number, int digits) {
        if (number < 0) {
            throw new IllegalArgumentException("no SQL literal for a negative time field: " + number);
        }
        String text = Integer.toString(number);
        for (int i = text.length(); i < digits; i++) {
            sql.append('0');
        }
        return sql.append(text);
    }

    /** Runs every statement, as few round trips as the budget allows, then the checks in statement order. */
    void execute(Connection connection) throws SQLException {
        int[] counts = new int[statements.size()];
        int from = 0;
        while (from < statements.size()) {
            long size = 0;
            int to = from;
            while (to < statements.size()
                    && (to == from || size + statements.get(to).sql().length() + 2 <= PACKET_BUDGET)) {
                size += statements.get(to).sql().length() + 2;
                to++;
            }
            run(connection, statements.subList(from, to), counts, from);
            from = to;
        }
        for (int i = 0; i < counts.length; i++) {
            statements.get(i).check().accept(counts[i]);
        }
    }

    private static void run(Connection connection, List<Part> part, int[] counts, int offset) throws SQLException {
        int length = 0;
        for (Part statement : part) {
            length += statement.sql().length() + 2;
        }
        StringBuilder sql = new StringBuilder(length);
        for (Part statement : part) {
            sql.append(sql.length() == 0 ? "" : ";\n").append(statement.sql());
        }
        try (Statement statement = connection.createStatement()) {
            // no JDBC {escape} syntax in our statements: scanning megabytes of text for it cost 13 % of a bulk upload
            statement.setEscapeProcessing(false);
            boolean isResultSet = statement.execute(sql.toString());
            int answered = 0;
            while (true) {
                if (isResultSet) {
                    throw new IllegalStateException("a write script returned rows");
                }
                int count = statement.getUpdateCount();
                if (count == -1) {
                    break;
                }
                if (answered < part.size()) {
                    counts[offset + answered] = count;
                }
                answered++;
                isResultSet = statement.getMoreResults();
            }
            if (answered != part.size()) {
                throw new IllegalStateException("a write script of " + part.size() + " statements answered "
                        + answered + " row counts");
            }
        }
    }
}
