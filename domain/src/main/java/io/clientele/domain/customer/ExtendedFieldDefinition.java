package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/** A field the tenant declared (Capillary "extendedFields"): values are checked against its type. */
public record ExtendedFieldDefinition(String name, Type type, List<String> allowedValues) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");

    public enum Type {
        STRING, INTEGER, DECIMAL, BOOLEAN, DATE, ENUM;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Type parse(String raw) {
            if (raw != null) {
                for (Type type : values()) {
                    if (type.label().equalsIgnoreCase(raw.trim())) {
                        return type;
                    }
                }
            }
            throw new InvalidValueException("invalid-field-type",
                    "type must be one of string, integer, decimal, boolean, date, enum");
        }
    }

    public ExtendedFieldDefinition {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidValueException("invalid-field-name",
                    "an extended field name starts with a letter and has up to 64 letters, digits or '_'");
        }
        Objects.requireNonNull(type, "type");
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
        if (type == Type.ENUM && allowedValues.isEmpty()) {
            throw new InvalidValueException("allowed-values-required", "an enum field needs allowedValues");
        }
        if (type != Type.ENUM && !allowedValues.isEmpty()) {
            throw new InvalidValueException("allowed-values-not-applicable", "only enum fields have allowedValues");
        }
    }

    public static void checkName(String name) {
        new ExtendedFieldDefinition(name, Type.STRING, List.of());
    }

    /**
     * The canonical value (String, Long, BigDecimal, Boolean, or ISO date text) of a value sent for this field.
     *
     * @throws InvalidValueException when it doesn't fit the declared type
     */
    public Object canonical(Object raw) {
        try {
            return switch (type) {
                case STRING -> {
                    String text = text(raw);
                    if (text.length() > 2000) {
                        throw invalid("must be at most 2000 characters");
                    }
                    yield text;
                }
                case INTEGER -> raw instanceof Number n && new BigDecimal(n.toString()).stripTrailingZeros().scale() <= 0
                        ? Long.valueOf(new BigDecimal(n.toString()).longValueExact())
                        : Long.valueOf(Long.parseLong(text(raw)));
                case DECIMAL -> raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text(raw));
                case BOOLEAN -> {
                    if (raw instanceof Boolean b) {
                        yield b;
                    }
                    String text = text(raw).toLowerCase(Locale.ROOT);
                    if (!text.equals("true") && !text.equals("false")) {
                        throw invalid("must be true or false");
                    }
                    yield Boolean.valueOf(text);
                }
                case DATE -> LocalDate.parse(text(raw)).toString();
                case ENUM -> {
                    String text = text(raw);
                    if (!allowedValues.contains(text)) {
                        throw invalid("must be one of " + String.join(", ", allowedValues));
                    }
                    yield text;
                }
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw invalid("must be " + (type == Type.INTEGER ? "a whole number" : "a number"));
        } catch (DateTimeParseException e) {
            throw invalid("must be a date in the form YYYY-MM-DD");
        }
    }

    private String text(Object raw) {
        if (raw instanceof String s) {
            return s.trim();
        }
        if (raw instanceof Number || raw instanceof Boolean) {
            return raw.toString();
        }
        throw invalid("must be a " + type.label());
    }

    private InvalidValueException invalid(String message) {
        return new InvalidValueException("invalid-extended-field", "extended field " + name + " " + message);
    }
}
