package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.JsonNumbers;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.customer.Child;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.Loyalty;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.customer.Vehicle;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads PersonaClick's {@code profile set} object (seed page 002: main and additional properties, {@code kids},
 * {@code auto}, {@code loyalty_*}, social ids) and the {@code mobile_push_tokens} body into the application's terms.
 *
 * <p>Custom properties come as a {@code custom_properties} object (the shape {@code profile get} returns them in)
 * or as further top-level keys with scalar values, the way PersonaClick's stores send them; both become custom
 * attributes. {@code null} removes a profile field or custom property; a blank string counts as not sent.
 */
final class ProfileSetReader {

    static final String SOURCE = "PERSONACLICK";
    /** The pointer prefix handed to the application for identifiers; translated back by {@link Write#field}. */
    static final String IDENTIFIERS = "/identifiers";

    /** Vendor field → identifier type. */
    private static final Map<String, String> IDENTIFIER_FIELDS = orderedMap(
            "id", "externalId", "email", "email", "phone", "phone", "did", "deviceId",
            "fb_id", "fbId", "vk_id", "vkId", "telegram_id", "telegramId");
    private static final Map<String, ProfileField> PROFILE_FIELDS = Map.of(
            "first_name", ProfileField.FIRST_NAME, "last_name", ProfileField.LAST_NAME,
            "gender", ProfileField.GENDER, "birthday", ProfileField.BIRTH_DATE, "age", ProfileField.AGE,
            "location", ProfileField.LOCATION, "bought_something", ProfileField.BOUGHT_SOMETHING);
    private static final Map<String, String> LOYALTY_NAMES = Map.of("loyalty_id", "loyaltyId", "loyalty_status",
            "status", "loyalty_bonuses", "bonuses", "loyalty_bonuses_to_next_level", "bonusesToNextLevel",
            "loyalty_card_location", "cardLocation");
    private static final Set<String> LOYALTY_FIELDS = LOYALTY_NAMES.keySet();
    /** Credentials, read by the authentication, not data. */
    static final Set<String> CREDENTIALS = Set.of("shop_id", "shop_secret");
    /** Every field name of the page, in its own (lower) case; a key that differs only in case is that field. */
    private static final Set<String> KNOWN_FIELDS;

    static {
        Set<String> known = new java.util.HashSet<>(CREDENTIALS);
        known.addAll(IDENTIFIER_FIELDS.keySet());
        known.addAll(PROFILE_FIELDS.keySet());
        known.addAll(LOYALTY_FIELDS);
        known.addAll(Set.of("kids", "auto", "custom_properties"));
        KNOWN_FIELDS = Set.copyOf(known);
    }

    /** What a write asks for; {@code fields} names the vendor field of each identifier, by position. */
    record Write(List<IdentifierInput> identifiers, List<String> fields, CustomerChanges changes) {

        /** The vendor's name for a pointer of the application's ({@code /identifiers/1/value} → {@code email}). */
        String field(String pointer) {
            if (pointer.startsWith(IDENTIFIERS + "/")) {
                String rest = pointer.substring(IDENTIFIERS.length() + 1);
                int slash = rest.indexOf('/');
                try {
                    int index = Integer.parseInt(slash < 0 ? rest : rest.substring(0, slash));
                    if (index >= 0 && index < fields.size()) {
                        return fields.get(index);
                    }
                } catch (NumberFormatException ignored) {
                    // not one of ours: falls through
                }
            }
            if (pointer.equals(IDENTIFIERS)) {
                return fields.isEmpty() ? "id" : fields.get(0);
            }
            return pointer.startsWith("/") ? pointer.substring(1) : pointer;
        }
    }

    private final ZoneId zone;
    private final List<Violation> violations = new ArrayList<>();
    private final List<IdentifierInput> identifiers = new ArrayList<>();
    private final List<String> identifierFields = new ArrayList<>();

    ProfileSetReader(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code personaclick("profile", "set", {...})}. */
    Write profile(JsonNode document) {
        Map<ProfileField, Object> set = new EnumMap<>(ProfileField.class);
        Set<ProfileField> removed = EnumSet.noneOf(ProfileField.class);
        Map<String, String> custom = new LinkedHashMap<>();
        Set<String> customRemoved = new LinkedHashSet<>();
        Map<String, JsonNode> loyalty = new LinkedHashMap<>();
        List<Child> children = null;
        List<Vehicle> vehicles = null;
        Map<String, String> fieldsSent = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String sent = entry.getKey();
            // "Email" or "ID" is the field, not a custom property: stored as one, the email was no identifier and
            // showed in the read key's depersonalised profile
            String key = KNOWN_FIELDS.contains(sent.toLowerCase(Locale.ROOT)) ? sent.toLowerCase(Locale.ROOT) : sent;
            JsonNode value = entry.getValue();
            String earlier = key.equals(sent) && !KNOWN_FIELDS.contains(key) ? null : fieldsSent.putIfAbsent(key, sent);
            if (earlier != null) {
                // Email and EMAIL are one field: both read, two people's emails would merge their customers
                violations.add(new Violation("/" + escape(sent), "duplicate-field", earlier + " and " + sent
                        + " are the same field, sent twice"));
                continue;
            }
            if (CREDENTIALS.contains(key)) {
                if (!key.equals(sent)) {
                    // authentication reads shop_id and shop_secret as written: another case would go unchecked
                    violations.add(new Violation("/" + escape(sent), "invalid-credential-field",
                            sent + " must be sent as " + key));
                }
                continue;
            }
            if (IDENTIFIER_FIELDS.containsKey(key)) {
                identifier(key, value);
            } else if (PROFILE_FIELDS.containsKey(key)) {
                profileField(key, value, PROFILE_FIELDS.get(key), set, removed);
            } else if (LOYALTY_FIELDS.contains(key)) {
                loyalty.put(key, value);
            } else if (key.equals("kids")) {
                children = list(key, value, this::child);
            } else if (key.equals("auto")) {
                vehicles = list(key, value, this::vehicle);
            } else if (key.equals("custom_properties")) {
                customProperties(value, custom, customRemoved);
            } else {
                customProperty("/" + escape(sent), sent, value, custom, customRemoved);
            }
        }
        if (identifiers.isEmpty() && violations.stream().noneMatch(v -> identifierPointer(v.pointer()))) {
            violations.add(new Violation("/id", "identifier-required",
                    "one of id, email, phone, did, fb_id, vk_id or telegram_id is needed to find or create the profile"));
        }
        Loyalty loyaltyPatch = loyalty(loyalty);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        MapEdit<String> attributes = custom.isEmpty() && customRemoved.isEmpty() ? null
                : new MapEdit<>(custom, customRemoved);
        // a loyalty value sent as null goes, as a profile value does
        Set<String> loyaltyRemoved = new java.util.HashSet<>();
        loyalty.forEach((key, value) -> {
            if (value.isNull()) {
                loyaltyRemoved.add(LOYALTY_NAMES.get(key));
            }
        });
        DetailsPatch details = new DetailsPatch(null, null, attributes, null, children, vehicles, loyaltyPatch,
                false, null, loyaltyRemoved);
        return new Write(identifiers, identifierFields, new CustomerChanges(new ProfilePatch(set, removed), details,
                List.of(), List.of(), false));
    }

    /** {@code {"did", "token", "platform": "ios|android"}}: the device and its push token. */
    Write pushToken(JsonNode document) {
        String did = null;
        String token = null;
        String platform = null;
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String key = entry.getKey();
            switch (key) {
                case "did" -> did = text("/did", entry.getValue());
                case "token" -> token = text("/token", entry.getValue());
                case "platform" -> platform = text("/platform", entry.getValue());
                default -> {
                    if (!CREDENTIALS.contains(key)) {
                        violations.add(new Violation("/" + escape(key), "unknown-field", "unknown field " + key));
                    }
                }
            }
        }
        requirePresent("/did", did, "did (the device id) is required");
        requirePresent("/token", token, "token is required");
        requirePresent("/platform", platform, "platform (ios or android) is required");
        PushSubscription.Provider provider = null;
        if (platform != null) {
            provider = switch (platform.trim().toLowerCase(Locale.ROOT)) {
                case "ios" -> PushSubscription.Provider.APNS;
                case "android" -> PushSubscription.Provider.FCM;
                case "huawei" -> PushSubscription.Provider.HUAWEI;
                default -> {
                    violations.add(new Violation("/platform", "invalid-platform", "platform must be ios or android"));
                    yield null;
                }
            };
        }
        if (provider != null && token != null) {
            try {
                new PushSubscription(provider, token, null, null, null, java.time.Instant.EPOCH);
            } catch (InvalidValueException e) {
                violations.add(Violation.of("/token", e));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        identifiers.add(IdentifierInput.of("deviceId", did));
        identifierFields.add("did");
        PushInput push = new PushInput(provider, token, null, null, null, null);
        return new Write(identifiers, identifierFields, new CustomerChanges(ProfilePatch.none(), DetailsPatch.none(),
                List.of(), List.of(push), false));
    }

    private void requirePresent(String pointer, String value, String message) {
        if (value == null && violations.stream().noneMatch(v -> v.pointer().equals(pointer))) {
            violations.add(new Violation(pointer, "required", message));
        }
    }

    private void identifier(String key, JsonNode value) {
        String text = text("/" + key, value);
        if (text != null) {
            identifiers.add(IdentifierInput.of(IDENTIFIER_FIELDS.get(key), text));
            identifierFields.add(key);
        }
    }

    private static boolean identifierPointer(String pointer) {
        return pointer.length() > 1 && IDENTIFIER_FIELDS.containsKey(pointer.substring(1));
    }

    private void profileField(String key, JsonNode value, ProfileField field, Map<ProfileField, Object> set,
                              Set<ProfileField> removed) {
        String at = "/" + key;
        if (value.isNull()) {
            removed.add(field);
            return;
        }
        Object raw = value.isString() ? (value.getStringValue().isBlank() ? null : value.getStringValue())
                : value.isNumber() ? value.getNumberValue()
                : value.isBoolean() ? (Object) value.getBooleanValue() : null;
        if (raw == null) {
            if (!value.isString()) {
                violations.add(new Violation(at, "invalid-type", key + " must be a string, number or boolean"));
            }
            return;
        }
        try {
            set.put(field, field.normalize(raw, zone));
        } catch (InvalidValueException e) {
            violations.add(new Violation(at, e.code(), e.getMessage().replaceFirst("^" + field.jsonName(), key)));
        }
    }

    private Loyalty loyalty(Map<String, JsonNode> fields) {
        if (fields.values().stream().allMatch(JsonNode::isNull)) {
            return null;
        }
        String id = text("/loyalty_id", fields.get("loyalty_id"));
        String status = text("/loyalty_status", fields.get("loyalty_status"));
        Long bonuses = whole("/loyalty_bonuses", fields.get("loyalty_bonuses"));
        Long toNext = whole("/loyalty_bonuses_to_next_level", fields.get("loyalty_bonuses_to_next_level"));
        String location = text("/loyalty_card_location", fields.get("loyalty_card_location"));
        try {
            return new Loyalty(id, status, bonuses, toNext, location, List.of());
        } catch (InvalidValueException e) {
            String at = id != null && id.length() > 100 ? "/loyalty_id"
                    : status != null && status.length() > 100 ? "/loyalty_status" : "/loyalty_card_location";
            violations.add(Violation.of(at, e));
            return null;
        }
    }

    private interface ItemReader<T> {
        T read(String at, JsonNode item);
    }

    /** kids and auto replace the lists held; null empties them. */
    private <T> List<T> list(String key, JsonNode node, ItemReader<T> reader) {
        String at = "/" + key;
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new Violation(at, "invalid-type", key + " must be an array of objects"));
            return null;
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemAt = at + "/" + i;
            JsonNode item = node.get(i);
            if (item == null || !item.isObject()) {
                violations.add(new Violation(itemAt, "invalid-type", "must be an object"));
                continue;
            }
            try {
                T read = reader.read(itemAt, item);
                if (read != null) {
                    items.add(read);
                }
            } catch (InvalidValueException e) {
                violations.add(Violation.of(itemAt, e));
            }
        }
        return items;
    }

    private Child child(String at, JsonNode item) {
        int before = violations.size();
        unknownKeys(at, item, Set.of("gender", "birthday"));
        String gender = text(at + "/gender", item.get("gender"));
        String birthday = text(at + "/birthday", item.get("birthday"));
        LocalDate birthDate = null;
        if (birthday != null) {
            try {
                birthDate = (LocalDate) ProfileField.BIRTH_DATE.normalize(birthday, zone);
            } catch (InvalidValueException e) {
                violations.add(new Violation(at + "/birthday", e.code(), "birthday must be a date in the form YYYY-MM-DD"));
            }
        }
        if (violations.size() > before) {
            return null;
        }
        return new Child(gender == null ? null : (String) ProfileField.GENDER.normalize(gender, zone), birthDate);
    }

    private Vehicle vehicle(String at, JsonNode item) {
        int before = violations.size();
        unknownKeys(at, item, Set.of("brand", "model", "vds"));
        Vehicle vehicle = new Vehicle(text(at + "/brand", item.get("brand")), text(at + "/model", item.get("model")),
                null, text(at + "/vds", item.get("vds")));
        return violations.size() > before ? null : vehicle;
    }

    private void unknownKeys(String at, JsonNode item, Set<String> known) {
        for (Map.Entry<String, JsonNode> entry : item.entries()) {
            if (!known.contains(entry.getKey())) {
                violations.add(new Violation(at + "/" + escape(entry.getKey()), "unknown-field",
                        "unknown field " + entry.getKey()));
            }
        }
    }

    private void customProperties(JsonNode node, Map<String, String> custom, Set<String> removed) {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation("/custom_properties", "invalid-type",
                    "custom_properties must be an object of strings"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            customProperty("/custom_properties/" + escape(entry.getKey()), entry.getKey(), entry.getValue(), custom,
                    removed);
        }
    }

    private void customProperty(String at, String key, JsonNode value, Map<String, String> custom,
                                Set<String> removed) {
        if (value.isNull()) {
            removed.add(key);
            return;
        }
        String text = value.isString() ? value.getStringValue()
                : value.isNumber() ? JsonNumbers.text(value)
                : value.isBoolean() ? Boolean.toString(value.getBooleanValue()) : null;
        if (text == null && value.isNumber()) {
            violations.add(new Violation(at, "invalid-number", key + " " + JsonNumbers.NOT_FINITE));
            return;
        }
        if (text == null) {
            violations.add(new Violation(at, "unknown-field", "unknown field " + key
                    + " (custom properties are strings, numbers or booleans)"));
            return;
        }
        try {
            // the registry's limits on names and values, checked here so the error names this property
            new CustomerDetails(Set.of(), Set.of(), Map.of(key, text), Map.of(), List.of(), List.of(), null, null);
            custom.put(key, text);
        } catch (InvalidValueException e) {
            violations.add(Violation.of(at, e));
        }
    }

    private Long whole(String at, JsonNode node) {
        if (node == null || node.isNull() || node.isString() && node.getStringValue().isBlank()) {
            return null;
        }
        try {
            BigDecimal number = node.isNumber() ? JsonNumbers.decimal(node)
                    : node.isString() ? new BigDecimal(node.getStringValue().trim()) : null;
            if (number != null && number.stripTrailingZeros().scale() <= 0 && number.signum() >= 0) {
                return number.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        violations.add(new Violation(at, "invalid-integer", at.substring(1) + " must be a whole number"));
        return null;
    }

    /** A string (numbers are taken as their text: ids and phones often come as numbers); blank is "not sent". */
    private String text(String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue().isBlank() ? null : node.getStringValue().trim();
        }
        if (node.isNumber()) {
            String text = JsonNumbers.text(node);
            if (text == null) {
                violations.add(new Violation(at, "invalid-number", at.substring(1) + " " + JsonNumbers.NOT_FINITE));
            }
            return text;
        }
        violations.add(new Violation(at, "invalid-type", at.substring(1) + " must be a string"));
        return null;
    }


    private static Map<String, String> orderedMap(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
