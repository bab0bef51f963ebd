package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;

/**
 * The fields of a customer's profile, each with its type and rules. One list drives validation, storage and the
 * documents of every adapter, so a new field is one line here.
 */
public enum ProfileField {
    FIRST_NAME("firstName", Kind.TEXT, 100, true),
    LAST_NAME("lastName", Kind.TEXT, 100, true),
    GENDER("gender", Kind.GENDER, 40, false),
    BIRTH_DATE("birthDate", Kind.DATE, 0, true),
    AGE("age", Kind.INTEGER, 150, false),
    LANGUAGE("language", Kind.LANGUAGE, 20, false),
    COUNTRY("country", Kind.COUNTRY, 20, false),
    CITY("city", Kind.TEXT, 100, true),
    PROVINCE("province", Kind.TEXT, 100, true),
    ZIP_CODE("zipCode", Kind.TEXT, 20, true),
    STREET_ADDRESS("streetAddress", Kind.TEXT, 300, true),
    STREET_NAME("streetName", Kind.TEXT, 200, true),
    HOUSE_NUMBER("houseNumber", Kind.TEXT, 20, true),
    HOUSE_NUMBER_ADDITION("houseNumberAddition", Kind.TEXT, 20, true),
    COMPANY("company", Kind.TEXT, 200, false),
    VAT_NUMBER("vatNumber", Kind.TEXT, 40, false),
    SHOP_ID("shopId", Kind.TEXT, 100, false),
    DEFAULT_REGION("defaultRegion", Kind.TEXT, 50, false),
    LOCATION("location", Kind.TEXT, 100, false),
    DATE_JOINED("dateJoined", Kind.DATETIME, 0, false),
    LAST_LOGIN("lastLogin", Kind.DATETIME, 0, false),
    REGISTERED_AT("registeredAt", Kind.DATETIME, 0, false),
    REGISTERED_TILL("registeredTill", Kind.TEXT, 100, false),
    BOUGHT_SOMETHING("boughtSomething", Kind.BOOLEAN, 0, false),
    LOYALTY_TYPE("loyaltyType", Kind.LOYALTY_TYPE, 20, false);

    /** The value types a field can have. */
    public enum Kind { TEXT, GENDER, LANGUAGE, COUNTRY, LOYALTY_TYPE, DATE, DATETIME, INTEGER, BOOLEAN }

    private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Set<String> LOYALTY_TYPES = Set.of("loyalty", "non_loyalty");

    private final String jsonName;
    private final Kind kind;
    private final int limit;
    private final boolean personal;

    ProfileField(String jsonName, Kind kind, int limit, boolean personal) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.limit = limit;
        this.personal = personal;
    }

    /** The field's name in documents ({@code firstName}). */
    public String jsonName() {
        return jsonName;
    }

    public Kind kind() {
        return kind;
    }

    /** Names and addresses: left out of depersonalised views. */
    public boolean personal() {
        return personal;
    }

    public static ProfileField byJsonName(String name) {
        for (ProfileField field : values()) {
            if (field.jsonName.equals(name)) {
                return field;
            }
        }
        return null;
    }

    /**
     * Reads a value sent for this field into its canonical form: String (trimmed, case-normalised where the field
     * says so), LocalDate, Instant, Integer or Boolean.
     *
     * @param timeZone zone for datetimes sent without an offset (the tenant's)
     * @throws InvalidValueException naming what is wrong
     */
    public Object normalize(Object raw, ZoneId timeZone) {
        if (raw == null) {
            throw invalid("invalid-value", "must not be null here");
        }
        return switch (kind) {
            case TEXT -> text(raw);
            case GENDER -> gender(text(raw));
            case LANGUAGE -> code(text(raw).toLowerCase(Locale.ROOT), LANGUAGES,
                    "invalid-language", "must be an ISO 639-1 language code such as en or ru");
            case COUNTRY -> code(text(raw).toUpperCase(Locale.ROOT), COUNTRIES,
                    "invalid-country", "must be an ISO 3166-1 alpha-2 country code such as RU or FI");
            case LOYALTY_TYPE -> code(text(raw).toLowerCase(Locale.ROOT), LOYALTY_TYPES,
                    "invalid-loyalty-type", "must be loyalty or non_loyalty");
            case DATE -> date(raw);
            case DATETIME -> dateTime(raw, timeZone);
            case INTEGER -> integer(raw);
            case BOOLEAN -> bool(raw);
        };
    }

    /**
     * A value as stored (its canonical text), read back without the checks that only new input must pass: a date or
     * datetime stored before a plausibility or range rule existed must not make its customer unreadable.
     */
    public Object restore(Object stored, ZoneId timeZone) {
        if (stored instanceof String text && (kind == Kind.DATE || kind == Kind.DATETIME)) {
            try {
                return kind == Kind.DATE ? LocalDate.parse(text.trim()) : parseDateTime(text, timeZone);
            } catch (DateTimeException | InvalidValueException e) {
                // not in its canonical form: read it as input
            }
        }
        return normalize(stored, timeZone);
    }

    /** The canonical text of a normalised value, as stored and sent ({@code 1990-05-17}, {@code 2024-01-01T10:00:00Z}). */
    public static String format(Object value) {
        return value.toString();
    }

    private String text(Object raw) {
        String text;
        if (raw instanceof String s) {
            text = s.trim();
        } else if (raw instanceof Double d && !Double.isFinite(d) || raw instanceof Float f && !Float.isFinite(f)) {
            // a JSON number too large for a double is read as infinity
            throw invalid("invalid-number", "must be a finite number");
        } else if (raw instanceof Number || raw instanceof Boolean) {
            text = raw.toString();
        } else {
            throw invalid("invalid-type", "must be a string");
        }
        if (text.isEmpty()) {
            throw invalid("invalid-value", "must not be empty (send null to remove it)");
        }
        if (limit > 0 && text.length() > limit) { // 0: no text limit (dates and datetimes are parsed as text)
            throw invalid("value-too-long", "must be at most " + limit + " characters");
        }
        return text;
    }

    private static String gender(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "m", "male", "man" -> "m";
            case "f", "female", "woman" -> "f";
            case "other" -> "other";
            default -> text;
        };
    }

    private String code(String value, Set<String> allowed, String code, String message) {
        if (!allowed.contains(value)) {
            throw invalid(code, message);
        }
        return value;
    }

    private LocalDate date(Object raw) {
        if (raw instanceof LocalDate d) {
            return d;
        }
        try {
            LocalDate date = LocalDate.parse(text(raw));
            if (date.getYear() < 1850 || date.isAfter(LocalDate.now().plusYears(1))) {
                throw invalid("invalid-date", "is not a plausible date");
            }
            return date;
        } catch (DateTimeParseException e) {
            throw invalid("invalid-date", "must be a date in the form YYYY-MM-DD");
        }
    }

    /** An ISO-8601 datetime whose offset is written without its colon ({@code 2024-12-31T23:59:59+0530}). */
    private static final java.time.format.DateTimeFormatter COMPACT_OFFSET = new java.time.format.DateTimeFormatterBuilder()
            .append(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHmm", "Z").toFormatter();

    /** The range of a DATETIME column (MySQL's documented one; MariaDB's is the same at the top). */
    private static final Instant EARLIEST = Instant.parse("1000-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private Instant dateTime(Object raw, ZoneId zone) {
        Instant parsed = parseDateTime(raw, zone);
        // every datetime read here may end up in a DATETIME column (consent and push times do): one outside its range
        // was a database error, answered as a 500 (year 10000 from "9999-12-31T23:59:59-05:00", or year -1)
        if (parsed.isBefore(EARLIEST) || parsed.isAfter(LATEST)) {
            throw invalid("datetime-out-of-range", "must be between 1000-01-01 and 9999-12-31 (UTC)");
        }
        return parsed;
    }

    private Instant parseDateTime(Object raw, ZoneId zone) {
        if (raw instanceof Instant i) {
            return i;
        }
        String text = text(raw);
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException ignored) {
            // a compact offset (+0530, as Capillary's page writes "+/-(time-zone)"), or none
        }
        try {
            return OffsetDateTime.parse(text, COMPACT_OFFSET).toInstant();
        } catch (DateTimeParseException ignored) {
            // no offset: the tenant's time zone decides
        }
        try {
            return LocalDateTime.parse(text).atZone(zone).toInstant();
        } catch (DateTimeException ignored) {
            // a bare date means its start of day in the tenant's zone
        }
        try {
            return LocalDate.parse(text).atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            throw invalid("invalid-datetime",
                    "must be an ISO-8601 datetime such as 2024-01-01T10:00:00Z (without an offset the tenant's time zone applies)");
        }
    }

    private Integer integer(Object raw) {
        BigDecimal number;
        try {
            number = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(text(raw));
        } catch (NumberFormatException e) {
            throw invalid("invalid-integer", "must be a whole number");
        }
        if (number.stripTrailingZeros().scale() > 0) {
            throw invalid("invalid-integer", "must be a whole number");
        }
        if (number.signum() < 0 || number.compareTo(BigDecimal.valueOf(limit)) > 0) {
            throw invalid("out-of-range", "must be between 0 and " + limit);
        }
        return number.intValueExact();
    }

    private Boolean bool(Object raw) {
        if (raw instanceof Boolean b) {
            return b;
        }
        if (raw instanceof String s) {
            String lower = s.trim().toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("1")) {
                return true;
            }
            if (lower.equals("false") || lower.equals("0")) {
                return false;
            }
        }
        if (raw instanceof Number n && (n.intValue() == 0 || n.intValue() == 1) && n.doubleValue() == n.intValue()) {
            return n.intValue() == 1;
        }
        throw invalid("invalid-boolean", "must be true or false");
    }

    private InvalidValueException invalid(String code, String message) {
        return new InvalidValueException(code, jsonName + " " + message);
    }
}
