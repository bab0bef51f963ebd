package io.clientele.adapter.out.persistence;

import io.clientele.adapter.out.persistence.testing.TestDatabase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values written into a script as literals come back from a real MariaDB exactly as given, whatever they hold, in the
 * server's default mode, with {@code NO_BACKSLASH_ESCAPES} and over a latin1 connection.
 */
class SqlScriptTest {

    /** Text that ends quotes, escapes, smuggles statements or isn't ASCII. */
    private static final List<String> AWKWARD = List.of("O'Brien", "''", "'", "back\\slash", "\\", "\\'",
            "x\\'; DROP TABLE clientele_customer; -- ", "nul\u0000byte", "ctrl-z\u001a", "tab\tline\nfeed\rreturn",
            "Ёлка ünïcødé", "emoji 😀 and \uD83D\uDE00", "\"double\"", "", "?", "a ? b ?", "%_", "{\"a\":\"\\\"q\\\"\"}",
            "x".repeat(70_000));

    @ParameterizedTest
    @ValueSource(strings = {"", "NO_BACKSLASH_ESCAPES", "latin1"})
    void every_value_comes_back_as_written(String mode) throws SQLException {
        String table = "sql_script_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect(mode)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, txt LONGTEXT NULL, doc JSON NULL,"
                        + " at DATETIME(6) NULL, flag TINYINT(1) NULL, n BIGINT NULL) DEFAULT CHARSET utf8mb4");
            }
            try {
                List<Object[]> rows = new ArrayList<>();
                for (int i = 0; i < AWKWARD.size(); i++) {
                    rows.add(new Object[]{i, AWKWARD.get(i), null, LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000),
                            i % 2 == 0, Long.MAX_VALUE - i});
                }
                rows.add(new Object[]{AWKWARD.size(), null, "{\"name\":\"Ёлка \\\"q\\\" \\\\\"}", null, null, null});
                int[] updated = new int[1];
                new SqlScript()
                        .rows("INSERT INTO " + table + " (id, txt, doc, at, flag, n) VALUES", "", rows)
                        .statement("UPDATE " + table + " SET doc = ? WHERE txt = ? OR txt = ?", count -> updated[0] = count,
                                "{\"k\":\"it's\"}", "O'Brien", "back\\slash")
                        .execute(connection);
                assertThat(updated[0]).isEqualTo(2);
                // read back over a utf8mb4 connection: a latin1 one could not show what was written
                try (Connection reader = connect("");
                     PreparedStatement select = reader.prepareStatement(
                        "SELECT txt, doc, at, flag, n FROM " + table + " WHERE id = ?")) {
                    for (int i = 0; i < AWKWARD.size(); i++) {
                        select.setInt(1, i);
                        try (ResultSet result = select.executeQuery()) {
                            assertThat(result.next()).isTrue();
                            assertThat(result.getString(1)).as("row %d", i).isEqualTo(AWKWARD.get(i));
                            assertThat(result.getObject(3, LocalDateTime.class))
                                    .isEqualTo(LocalDateTime.of(2026, 1, 2, 3, 4, 5, 123_456_000));
                            assertThat(result.getBoolean(4)).isEqualTo(i % 2 == 0);
                            assertThat(result.getLong(5)).isEqualTo(Long.MAX_VALUE - i);
                        }
                    }
                    select.setInt(1, AWKWARD.size());
                    try (ResultSet result = select.executeQuery()) {
                        assertThat(result.next()).isTrue();
                        assertThat(result.getString(1)).isNull();
                        assertThat(result.getString(2)).isEqualTo("{\"name\":\"Ёлка \\\"q\\\" \\\\\"}");
                        assertThat(result.getObject(3)).isNull();
                        assertThat(result.getObject(4)).isNull();
                    }
                }
                try (Statement count = connection.createStatement();
                     ResultSet result = count.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    result.next();
                    assertThat(result.getInt(1)).isEqualTo(AWKWARD.size() + 1);
                }
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + table);
                }
            }
        }
    }

    @Test
    void rows_beyond_the_budget_go_in_further_statements() throws SQLException {
        String table = "sql_script_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = connect("")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, txt LONGTEXT)");
            }
            try {
                List<Object[]> rows = new ArrayList<>();
                String big = "y".repeat(SqlScript.PACKET_BUDGET / 5);
                for (int i = 0; i < 12; i++) {
                    rows.add(new Object[]{i, big});
                }
                new SqlScript().rows("INSERT INTO " + table + " (id, txt) VALUES", "", rows).execute(connection);
                try (Statement count = connection.createStatement();
                     ResultSet result = count.executeQuery("SELECT COUNT(*), SUM(LENGTH(txt)) FROM " + table)) {
                    result.next();
                    assertThat(result.getInt(1)).isEqualTo(12);
                    assertThat(result.getLong(2)).isEqualTo(12L * big.length());
                }
            } finally {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("DROP TABLE " + table);
                }
            }
        }
    }

    @Test
    void literals() {
        assertThat(SqlScript.render("a = ? AND b = ? AND c IN (?, ?, ?)", "it's", null, 7L, true,
                LocalDateTime.of(2026, 12, 2, 3, 4, 5, 6_000)))
                .isEqualTo("a = _utf8mb4'it''s' AND b = NULL AND c IN (7, 1, '2026-12-02 03:04:05.000006')");
        assertThat(SqlScript.render("v = ?", "é\\")).isEqualTo("v = _utf8mb4 X'C3A95C'");
        assertThat(SqlScript.render("?, ?, ?", LocalDateTime.of(2024, 6, 25, 15, 9, 19, 475_446_600),
                LocalDateTime.of(2024, 6, 25, 15, 9, 19, 475_446_499), LocalDateTime.of(2024, 12, 31, 23, 59, 59, 999_999_500)))
                .isEqualTo("'2024-06-25 15:09:19.475447', '2024-06-25 15:09:19.475446', '2025-01-01 00:00:00.000000'");
        // a ? inside quotes (a literal written before) is text
        assertThat(SqlScript.render("a IN (_utf8mb4'x?''?') AND b = ?", "?")).isEqualTo(
                "a IN (_utf8mb4'x?''?') AND b = _utf8mb4'?'");
        assertThatThrownBy(() -> SqlScript.render("a = ? AND b = ?", "one"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScript.render("a = ?", "one", "two"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SqlScript.render("a = ?", new Object()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Connection connect(String mode) throws SQLException {
        Map<String, Object> properties = TestDatabase.properties();
        String url = (String) properties.get("datasources.default.url");
        String separator = url.contains("?") ? "&" : "?";
        // the embedded server's database may not exist before the first Micronaut test created it
        String options = "allowMultiQueries=true&createDatabaseIfNotExist=true"
                + ("latin1".equals(mode) ? "&characterEncoding=ISO-8859-1" : "");
        Connection connection = DriverManager.getConnection(url + separator + options,
                (String) properties.get("datasources.default.username"),
                (String) properties.get("datasources.default.password"));
        if ("NO_BACKSLASH_ESCAPES".equals(mode)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_BACKSLASH_ESCAPES')");
            }
        }
        return connection;
    }
}
