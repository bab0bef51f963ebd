package io.clientele.adapter.in.rest;

import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The small bodies of the operator, merge, settings and catalog endpoints, read strictly, as the customer endpoints read
 * theirs. The framework's binding read {@code 5} as {@code "5"} and {@code ["RU"]} as {@code "RU"}, and dropped a
 * misspelt key without a word ({@code "mergePolcy": "REJECT"} left the tenant with the default policy). Here each is a
 * 422 naming its field; all of a body's problems are collected and answered together by {@link #check()}.
 */
final class StrictBody {

    private final JsonNode object;
    private final String at;
    private final List<Violation> violations;

    private StrictBody(JsonNode object, String at, List<Violation> violations, Set<String> keys) {
        this.object = object;
        this.at = at;
        this.violations = violations;
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!keys.contains(entry.getKey())) {
                violations.add(new Violation(at + "/" + CustomerPartsReader.escape(entry.getKey()), "unknown-field",
                        "unknown field " + entry.getKey() + "; expected one of " + new TreeSet<>(keys)));
            }
        }
    }

    /** The body (a JSON object, see {@link CustomerDocuments#parse}) with these keys and no other. */
    static StrictBody of(JsonNode body, Set<String> keys) {
        return new StrictBody(body, "", new ArrayList<>(), keys);
    }

    /** A string; null when absent or null. */
    String text(String key) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            violations.add(new Violation(pointer(key), "invalid-type", key + " must be a string"));
            return null;
        }
        return value.getStringValue();
    }

    /** A string that must be there and not blank. */
    String requiredText(String key) {
        JsonNode value = object.get(key);
        String text = text(key);
        if (text == null && (value == null || value.isNull()) || text != null && text.isBlank()) {
            violations.add(new Violation(pointer(key), "required", key + " is required"));
        }
        return text;
    }

    /** An array of strings; null when absent or null. */
    List<String> texts(String key) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(new Violation(pointer(key), "invalid-type", key + " must be an array of strings"));
            return null;
        }
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isString()) {
                texts.add(item.getStringValue());
            } else {
                violations.add(new Violation(pointer(key) + "/" + i, "invalid-type", "must be a string"));
            }
        }
        return texts;
    }

    /** A whole number that fits an int, which must be there. */
    Integer requiredInteger(String key) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            violations.add(new Violation(pointer(key), "required", key + " is required"));
            return null;
        }
        BigDecimal number = value.isNumber() ? JsonNumbers.decimal(value) : null;
        if (number != null) {
            try {
                return number.intValueExact();
            } catch (ArithmeticException e) {
                // a fraction, or beyond an int: refused below
            }
        }
        violations.add(new Violation(pointer(key), "invalid-type", key + " must be a whole number"));
        return null;
    }

    /** An array of objects, each with these keys and no other; null when absent or null. */
    List<StrictBody> objects(String key, Set<String> keys) {
        JsonNode value = object.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            violations.add(new Violation(pointer(key), "invalid-type", key + " must be an array of objects"));
            return null;
        }
        List<StrictBody> objects = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (item.isObject()) {
                objects.add(new StrictBody(item, pointer(key) + "/" + i, violations, keys));
            } else {
                violations.add(new Violation(pointer(key) + "/" + i, "invalid-type", "must be an object"));
            }
        }
        return objects;
    }

    /** Notes a problem with a field read already (a rule beyond its type). */
    void invalid(String key, String code, String message) {
        violations.add(new Violation(pointer(key), code, message));
    }

    /** Throws the problems found so far, all together, if there are any. */
    void check() {
        if (!violations.isEmpty()) {
            throw new ValidationException(List.copyOf(violations));
        }
    }

    private String pointer(String key) {
        return at + "/" + CustomerPartsReader.escape(key);
    }
}
