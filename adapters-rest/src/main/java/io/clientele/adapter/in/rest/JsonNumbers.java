package io.clientele.adapter.in.rest;

import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;

/**
 * JSON numbers as the registry keeps them. The parser reads a float too large for a double ({@code 1e400}) as
 * infinity, which no field can hold: such a number is refused by the reader that meets it, naming its field, instead
 * of failing later (a 500, or a stored "Infinity").
 */
public final class JsonNumbers {

    private JsonNumbers() {
    }

    /** The number's exact value; null when it isn't finite. */
    public static BigDecimal decimal(JsonNode node) {
        return decimal(node.getNumberValue());
    }

    /** As {@link #decimal(JsonNode)}, for a number already taken out of the tree. */
    public static BigDecimal decimal(Number number) {
        if (number instanceof Double d && !Double.isFinite(d) || number instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        try {
            return number instanceof BigDecimal exact ? exact : new BigDecimal(number.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The number as a person writes it: {@code 100500} for {@code 100500}, {@code 100500.0} and {@code 1.005e5},
     * {@code 0.5} for {@code 0.50}; null when it isn't finite.
     */
    public static String text(JsonNode node) {
        return text(node.getNumberValue());
    }

    /** As {@link #text(JsonNode)}, for a number already taken out of the tree. */
    public static String text(Number number) {
        BigDecimal exact = decimal(number);
        if (exact == null) {
            return null;
        }
        BigDecimal stripped = exact.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigInteger().toString() : stripped.toPlainString();
    }

    /** What a reader says about a number it can't keep. */
    public static final String NOT_FINITE = "must be a finite number";
}
