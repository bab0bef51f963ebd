package io.clientele.adapter.in.rest.dialect.custobar;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an upload body into its customer records: JSON ({@code {"customers": [...]}} or a bare array), CSV or TSV with
 * a header row. A record is a map of Custobar field names to plain values (String, Number, Boolean, List, Map, or
 * null); an element that is not an object stays as it is so that only that record is rejected.
 */
@Singleton
class CustobarBodies {

    /** API.md: a batch holds at most 10,000 records. */
    static final int MAX_RECORDS = 10_000;

    enum Format { JSON, CSV, TSV }

    /** The body can't be read at all (400 in Custobar's error shape). */
    static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** The body holds more records than one batch may (413). */
    static final class TooMany extends RuntimeException {
        TooMany(int count) {
            super("an upload holds at most " + MAX_RECORDS + " customers; this one has " + count, null, false, false);
        }
    }

    private final JsonMapper json;

    CustobarBodies(JsonMapper json) {
        this.json = json;
    }

    List<Object> read(String body, Format format) {
        if (body == null || body.isBlank()) {
            throw new Unreadable("the request body is empty; send {\"customers\": [...]}");
        }
        String text = body.charAt(0) == '\uFEFF' ? body.substring(1) : body;
        List<Object> records = switch (format) {
            case JSON -> readJson(text);
            case CSV -> delimited(text, ',', true);
            case TSV -> delimited(text, '\t', false);
        };
        if (records.size() > MAX_RECORDS) {
            throw new TooMany(records.size());
        }
        return records;
    }

    private List<Object> readJson(String body) {
        JsonNode root;
        try {
            root = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("the request body is not valid JSON");
        }
        JsonNode customers;
        if (root != null && root.isArray()) {
            customers = root;
        } else if (root != null && root.isObject()) {
            customers = root.get("customers");
            if (customers == null || !customers.isArray()) {
                throw new Unreadable("the customers must be a list under the key \"customers\"");
            }
        } else {
            throw new Unreadable("the request body must be {\"customers\": [...]} or an array of customers");
        }
        List<Object> records = new ArrayList<>(customers.size());
        for (int i = 0; i < customers.size(); i++) {
            records.add(plain(customers.get(i)));
        }
        return records;
    }

    /** A JSON tree as plain Java values, so JSON and CSV records are handled alike. */
    static Object plain(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue();
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isNumber()) {
            return node.getNumberValue();
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(plain(node.get(i)));
            }
            return items;
        }
        Map<String, Object> object = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            object.put(entry.getKey(), plain(entry.getValue()));
        }
        return object;
    }

    /**
     * CSV (RFC 4180: quotes, doubled quotes, line breaks inside quotes) or TSV (IANA text/tab-separated-values: no
     * quoting, fields hold no tabs or line breaks). The first row names the fields; blank lines are skipped. A row
     * whose cell count differs from the header's is kept as a bad record (a string) so that only it is rejected.
     */
    private static List<Object> delimited(String text, char separator, boolean quoted) {
        List<List<String>> rows = rows(text, separator, quoted);
        if (rows.isEmpty()) {
            throw new Unreadable("the body has no header row naming the fields");
        }
        List<String> header = rows.get(0).stream().map(String::trim).toList();
        for (String name : header) {
            if (name.isEmpty()) {
                throw new Unreadable("the header row has an empty field name");
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            throw new Unreadable("the header row names a field twice");
        }
        List<Object> records = new ArrayList<>(rows.size() - 1);
        for (List<String> row : rows.subList(1, rows.size())) {
            if (row.size() != header.size()) {
                records.add(new CustobarRecordReader.RowProblem("a row has " + row.size() + " values but the header names "
                        + header.size() + " fields"));
                continue;
            }
            Map<String, Object> record = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                record.put(header.get(i), row.get(i));
            }
            records.add(record);
        }
        return records;
    }

    private static List<List<String>> rows(String text, char separator, boolean quoted) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean inQuotes = false;
        boolean wasQuoted = false;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                } else {
                    cell.append(c);
                }
                i++;
                continue;
            }
            if (quoted && c == '"' && cell.isEmpty() && !wasQuoted) {
                inQuotes = true;
                wasQuoted = true;
            } else if (c == separator) {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' || c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                wasQuoted = false;
                addRow(rows, row);
                row = new ArrayList<>();
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
            } else {
                cell.append(c);
            }
            i++;
        }
        if (inQuotes) {
            throw new Unreadable("a quoted value is not closed");
        }
        if (!cell.isEmpty() || !row.isEmpty() || wasQuoted) {
            row.add(cell.toString());
            addRow(rows, row);
        }
        return rows;
    }

    private static void addRow(List<List<String>> rows, List<String> row) {
        // a blank line is no record
        if (!(row.size() == 1 && row.get(0).isBlank())) {
            rows.add(row);
        }
    }
}
