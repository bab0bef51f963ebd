package io.clientele.adapter.in.rest;

import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.Child;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.Loyalty;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.customer.SetEdit;
import io.clientele.domain.customer.Vehicle;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.Violation;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the parts of a customer document beside profile and identifiers (consents, push subscriptions, tags, lists,
 * attributes, extended fields, children, vehicles, loyalty, canonical id), collecting a violation with its JSON
 * Pointer for every bad value instead of stopping at the first.
 */
final class CustomerPartsReader {

    /** How far ahead of the server's clock a consent's time may be (clients' clocks drift). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Set<String> CONSENT_KEYS = Set.of("status", "at", "source", "evidence", "policyVersion");
    private static final Set<String> CONSENT_EVENT_KEYS = Set.of("channel", "status", "at", "source", "evidence",
            "policyVersion");
    private static final Set<String> PUSH_KEYS = Set.of("provider", "token", "applicationId", "fcmProjectId",
            "devEnvironment", "createdAt");
    private static final Set<String> CHILD_KEYS = Set.of("gender", "birthDate");
    private static final Set<String> VEHICLE_KEYS = Set.of("brand", "model", "vin", "vds");
    private static final Set<String> LOYALTY_KEYS = Loyalty.FIELDS;
    private static final Set<String> ENROLMENT_KEYS = Set.of("programmeId", "tierNumber", "points", "tierExpiry",
            "pointsExpiry");

    private final ZoneId zone;
    private final List<Violation> violations;
    private SetEdit tags;
    private SetEdit mailingLists;
    private MapEdit<String> attributes;
    private MapEdit<Object> extendedFields;
    private List<Child> children;
    private List<Vehicle> vehicles;
    private Loyalty loyalty;
    private boolean removeLoyalty;
    private final Set<String> loyaltyRemoved = new LinkedHashSet<>();
    private Optional<String> canonicalId;
    private final List<ConsentInput> consents = new ArrayList<>();
    private final List<PushInput> push = new ArrayList<>();
    private boolean removeAllPush;

    /**
     * True for a merge patch (RFC 7396), where an array replaces the one held: {@code pushSubscriptions} and
     * {@code loyalty.enrolments} then replace instead of adding (an upsert adds devices and enrolments).
     */
    private final boolean mergePatch;

    CustomerPartsReader(ZoneId zone, List<Violation> violations) {
        this(zone, violations, false);
    }

    CustomerPartsReader(ZoneId zone, List<Violation> violations, boolean mergePatch) {
        this.zone = zone;
        this.violations = violations;
        this.mergePatch = mergePatch;
    }

    /** @return false when the key is not one of the parts this reader knows */
    boolean read(String key, JsonNode value) {
        switch (key) {
            case "consents" -> readConsents(value);
            case "pushSubscriptions" -> readPush(value);
            case "tags" -> tags = readSet("/tags", value);
            case "mailingLists" -> mailingLists = readSet("/mailingLists", value);
            case "attributes" -> attributes = readAttributes(value);
            case "extendedFields" -> extendedFields = readExtended(value);
            case "children" -> children = readList("/children", value, this::child);
            case "vehicles" -> vehicles = readList("/vehicles", value, this::vehicle);
            case "loyalty" -> readLoyalty(value);
            case "canonicalId" -> {
                if (value.isNull()) {
                    canonicalId = Optional.empty();
                } else {
                    String text = text("/canonicalId", value);
                    canonicalId = text == null ? null : Optional.of(text.trim());
                    if (text != null) {
                        check("/canonicalId", () -> CustomerDetails.checkCanonicalId(text.trim()));
                    }
                }
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    DetailsPatch details() {
        return new DetailsPatch(tags, mailingLists, attributes, extendedFields, children, vehicles, loyalty,
                removeLoyalty, canonicalId, loyaltyRemoved);
    }

    List<ConsentInput> consents() {
        return consents;
    }

    List<PushInput> pushSubscriptions() {
        return push;
    }

    boolean removeAllPush() {
        return removeAllPush;
    }

    private void readConsents(JsonNode node) {
        if (node.isNull()) {
            violations.add(new Violation("/consents", "consents-not-removable",
                    "consents can't be removed: record a withdrawal, e.g. {\"email\": \"withdrawn\"}"));
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation("/consents", "invalid-type", "consents must be an object keyed by channel"));
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String at = "/consents/" + escape(entry.getKey());
            try {
                Channel channel = Channel.parse(entry.getKey());
                JsonNode value = entry.getValue();
                if (value.isString()) {
                    consents.add(new ConsentInput(channel, ConsentStatus.parse(value.getStringValue()), null, null,
                            null, null));
                } else if (value.isObject()) {
                    ConsentInput input = consent(at, channel, value);
                    if (input != null) {
                        consents.add(input);
                    }
                } else {
                    violations.add(new Violation(at, "invalid-type",
                            "a consent is \"granted\", \"withdrawn\" or an object with status, at, source, evidence"));
                }
            } catch (InvalidValueException e) {
                violations.add(Violation.of(at, e));
            }
        }
    }

    /** A consent event object {channel, status, at, source, evidence, policyVersion} (pointers from its root). */
    ConsentInput consentEvent(JsonNode node) {
        JsonNode channel = node.get("channel");
        Channel parsed = null;
        if (channel == null || !channel.isString()) {
            violations.add(new Violation("/channel", "required",
                    "channel (email, sms, push, post, profiling) is required"));
        } else {
            try {
                parsed = Channel.parse(channel.getStringValue());
            } catch (InvalidValueException e) {
                violations.add(Violation.of("/channel", e));
            }
        }
        // the rest of the event is read either way, so one answer names every broken field (a bad status was only
        // reported once the channel was fixed)
        ConsentInput input = consent("", parsed == null ? Channel.EMAIL : parsed, node);
        return parsed == null ? null : input;
    }

    private ConsentInput consent(String at, Channel channel, JsonNode value) {
        onlyKnownKeys(at, value, at.isEmpty() ? CONSENT_EVENT_KEYS : CONSENT_KEYS);
        JsonNode status = value.get("status");
        if (status == null || !status.isString()) {
            violations.add(new Violation(at + "/status", "required", "status (granted or withdrawn) is required"));
            return null;
        }
        Instant given = instant(at + "/at", value.get("at"));
        if (given != null && given.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            // the current state is the latest event by time: one dated ahead would outrank every later withdrawal
            violations.add(new Violation(at + "/at", "consent-in-the-future",
                    "a consent can't be dated in the future (more than " + CLOCK_SKEW.toMinutes()
                            + " minutes ahead of the server's clock)"));
            return null;
        }
        try {
            return new ConsentInput(channel, ConsentStatus.parse(status.getStringValue()),
                    given, optionalText(at + "/source", value.get("source")),
                    optionalText(at + "/evidence", value.get("evidence")),
                    optionalText(at + "/policyVersion", value.get("policyVersion")));
        } catch (InvalidValueException e) {
            violations.add(Violation.of(at + "/status", e));
            return null;
        }
    }

    private void readPush(JsonNode node) {
        if (node.isNull()) {
            removeAllPush = true;
            return;
        }
        if (!node.isArray()) {
            violations.add(new Violation("/pushSubscriptions", "invalid-type", "pushSubscriptions must be an array"));
            return;
        }
        removeAllPush = mergePatch;
        for (int i = 0; i < node.size(); i++) {
            String at = "/pushSubscriptions/" + i;
            JsonNode item = node.get(i);
            if (!item.isObject()) {
                violations.add(new Violation(at, "invalid-type", "a push subscription must be an object"));
                continue;
            }
            onlyKnownKeys(at, item, PUSH_KEYS);
            try {
                PushSubscription.Provider provider = PushSubscription.Provider.parse(
                        optionalText(at + "/provider", item.get("provider")));
                String token = optionalText(at + "/token", item.get("token"));
                JsonNode dev = item.get("devEnvironment");
                if (dev != null && !dev.isNull() && !dev.isBoolean()) {
                    violations.add(new Violation(at + "/devEnvironment", "invalid-type",
                            "devEnvironment must be true or false"));
                }
                PushInput input = new PushInput(provider, token, optionalText(at + "/applicationId",
                        item.get("applicationId")), optionalText(at + "/fcmProjectId", item.get("fcmProjectId")),
                        dev == null || dev.isNull() || !dev.isBoolean() ? null : dev.getBooleanValue(),
                        instant(at + "/createdAt", item.get("createdAt")));
                // validate now (token length, ids) so the pointer is right
                new PushSubscription(provider, token, input.applicationId(), input.fcmProjectId(),
                        input.devEnvironment(), Instant.EPOCH);
                push.add(input);
            } catch (InvalidValueException e) {
                violations.add(Violation.of(at, e));
            }
        }
    }

    private SetEdit readSet(String at, JsonNode node) {
        if (node.isNull()) {
            return SetEdit.replace(Set.of());
        }
        if (node.isArray()) {
            Set<String> members = strings(at, node);
            check(at, () -> CustomerDetails.checkMembers(at.substring(1), members));
            return SetEdit.replace(members);
        }
        if (node.isObject()) {
            Set<String> add = new LinkedHashSet<>();
            Set<String> remove = new LinkedHashSet<>();
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                switch (entry.getKey()) {
                    case "add" -> add.addAll(strings(at + "/add", entry.getValue()));
                    case "remove" -> remove.addAll(strings(at + "/remove", entry.getValue()));
                    default -> violations.add(new Violation(at + "/" + escape(entry.getKey()), "unknown-field",
                            "use {\"add\": [...], \"remove\": [...]}"));
                }
            }
            // each entry is checked as it is read; the count once applied (add then remove), but what is added and
            // not removed is there whatever was held: more than the limit of those is refused here, naming them
            Set<String> stays = new LinkedHashSet<>(add);
            stays.removeAll(remove);
            check(at + "/add", () -> CustomerDetails.checkMembers(at.substring(1), stays));
            return SetEdit.edit(add, remove);
        }
        violations.add(new Violation(at, "invalid-type", "must be an array (replace) or {\"add\": [...], \"remove\": [...]}"));
        return null;
    }

    private Set<String> strings(String at, JsonNode node) {
        Set<String> values = new LinkedHashSet<>();
        if (!node.isArray()) {
            violations.add(new Violation(at, "invalid-type", "must be an array of strings"));
            return values;
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            if (!item.isString() || item.getStringValue().isBlank() || item.getStringValue().trim().length() > 100) {
                violations.add(new Violation(at + "/" + i, "invalid-member", "must be a string of 1 to 100 characters"));
            } else {
                values.add(item.getStringValue().trim());
            }
        }
        return values;
    }

    private MapEdit<String> readAttributes(JsonNode node) {
        if (node.isNull()) {
            return MapEdit.replace(Map.of());
        }
        if (!node.isObject()) {
            violations.add(new Violation("/attributes", "invalid-type", "attributes must be an object of strings"));
            return null;
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            JsonNode value = entry.getValue();
            String at = "/attributes/" + escape(entry.getKey());
            if (value.isNull()) {
                remove.add(entry.getKey());
            } else if (value.isString() || value.isNumber() || value.isBoolean()) {
                String text = value.isString() ? value.getStringValue()
                        : value.isNumber() ? JsonNumbers.text(value) : Boolean.toString(value.getBooleanValue());
                if (text == null) {
                    violations.add(new Violation(at, "invalid-number", JsonNumbers.NOT_FINITE));
                } else if (check(at, () -> CustomerDetails.checkAttribute(entry.getKey(), text))) {
                    set.put(entry.getKey(), text);
                }
            } else {
                violations.add(new Violation(at, "invalid-type", "custom attribute values are strings"));
            }
        }
        return new MapEdit<>(set, remove);
    }

    private MapEdit<Object> readExtended(JsonNode node) {
        if (node.isNull()) {
            return MapEdit.replace(Map.of());
        }
        if (!node.isObject()) {
            violations.add(new Violation("/extendedFields", "invalid-type", "extendedFields must be an object"));
            return null;
        }
        Map<String, Object> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                remove.add(entry.getKey());
            } else if (value.isString()) {
                set.put(entry.getKey(), value.getStringValue());
            } else if (value.isNumber()) {
                BigDecimal number = JsonNumbers.decimal(value);
                if (number == null) {
                    violations.add(new Violation("/extendedFields/" + escape(entry.getKey()), "invalid-number",
                            JsonNumbers.NOT_FINITE));
                } else {
                    set.put(entry.getKey(), number);
                }
            } else if (value.isBoolean()) {
                set.put(entry.getKey(), value.getBooleanValue());
            } else {
                violations.add(new Violation("/extendedFields/" + escape(entry.getKey()), "invalid-type",
                        "extended field values are strings, numbers or booleans"));
            }
        }
        return new MapEdit<>(set, remove);
    }

    private interface ItemReader<T> {
        T read(String at, JsonNode item);
    }

    private <T> List<T> readList(String at, JsonNode node, ItemReader<T> reader) {
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            violations.add(new Violation(at, "invalid-type", "must be an array"));
            return null;
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            String itemAt = at + "/" + i;
            JsonNode item = node.get(i);
            if (!item.isObject()) {
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
        onlyKnownKeys(at, item, CHILD_KEYS);
        String gender = optionalText(at + "/gender", item.get("gender"));
        JsonNode birth = item.get("birthDate");
        LocalDate birthDate = null;
        if (birth != null && !birth.isNull()) {
            try {
                birthDate = (LocalDate) ProfileField.BIRTH_DATE.normalize(birth.isString() ? birth.getStringValue()
                        : birth.toString(), zone);
            } catch (InvalidValueException e) {
                violations.add(Violation.of(at + "/birthDate", e));
                return null;
            }
        }
        return new Child(gender == null ? null : (String) ProfileField.GENDER.normalize(gender, zone), birthDate);
    }

    private Vehicle vehicle(String at, JsonNode item) {
        onlyKnownKeys(at, item, VEHICLE_KEYS);
        return new Vehicle(optionalText(at + "/brand", item.get("brand")), optionalText(at + "/model", item.get("model")),
                optionalText(at + "/vin", item.get("vin")), optionalText(at + "/vds", item.get("vds")));
    }

    private void readLoyalty(JsonNode node) {
        if (node.isNull()) {
            removeLoyalty = true;
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation("/loyalty", "invalid-type", "loyalty must be an object"));
            return;
        }
        onlyKnownKeys("/loyalty", node, LOYALTY_KEYS);
        // merge patch: a value sent as null goes (enrolments: all of them)
        for (String field : Loyalty.FIELDS) {
            JsonNode value = node.get(field);
            if (value != null && value.isNull()) {
                loyaltyRemoved.add(field);
            }
        }
        List<Enrolment> enrolments = List.of();
        JsonNode enrolmentNode = node.get("enrolments");
        if (enrolmentNode != null && !enrolmentNode.isNull()) {
            enrolments = readList("/loyalty/enrolments", enrolmentNode, this::enrolment);
            if (mergePatch) {
                loyaltyRemoved.add("enrolments");
            }
        }
        try {
            loyalty = new Loyalty(optionalText("/loyalty/loyaltyId", node.get("loyaltyId")),
                    optionalText("/loyalty/status", node.get("status")),
                    whole("/loyalty/bonuses", node.get("bonuses")),
                    whole("/loyalty/bonusesToNextLevel", node.get("bonusesToNextLevel")),
                    optionalText("/loyalty/cardLocation", node.get("cardLocation")), enrolments);
        } catch (InvalidValueException e) {
            violations.add(Violation.of("/loyalty", e));
        }
    }

    private Enrolment enrolment(String at, JsonNode item) {
        onlyKnownKeys(at, item, ENROLMENT_KEYS);
        Long programme = whole(at + "/programmeId", item.get("programmeId"));
        if (programme == null) {
            violations.add(new Violation(at + "/programmeId", "required", "programmeId is required"));
            return null;
        }
        Long tier = whole(at + "/tierNumber", item.get("tierNumber"));
        Integer programmeId = small(at + "/programmeId", programme);
        Integer tierNumber = small(at + "/tierNumber", tier);
        if (programmeId == null || tier != null && tierNumber == null) {
            return null;
        }
        return new Enrolment(programmeId, tierNumber,
                whole(at + "/points", item.get("points")), instant(at + "/tierExpiry", item.get("tierExpiry")),
                instant(at + "/pointsExpiry", item.get("pointsExpiry")));
    }

    /** A whole number that must fit an int (programme and tier numbers); null (reported) when it doesn't. */
    private Integer small(String at, Long number) {
        if (number == null) {
            return null;
        }
        if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
            violations.add(new Violation(at, "invalid-integer", "must be at most " + Integer.MAX_VALUE));
            return null;
        }
        return number.intValue();
    }

    private Long whole(String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            BigDecimal number = node.isNumber() ? JsonNumbers.decimal(node)
                    : node.isString() ? new BigDecimal(node.getStringValue().trim()) : null;
            if (number != null && number.stripTrailingZeros().scale() <= 0) {
                return number.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        violations.add(new Violation(at, "invalid-integer", "must be a whole number"));
        return null;
    }

    private Instant instant(String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            violations.add(new Violation(at, "invalid-datetime", "must be an ISO-8601 datetime string"));
            return null;
        }
        try {
            return (Instant) ProfileField.DATE_JOINED.normalize(node.getStringValue(), zone);
        } catch (InvalidValueException e) {
            violations.add(e.code().equals("datetime-out-of-range")
                    ? new Violation(at, e.code(), "must be between 1000-01-01 and 9999-12-31 (UTC)")
                    : new Violation(at, "invalid-datetime", "must be an ISO-8601 datetime such as 2024-01-01T10:00:00Z"));
            return null;
        }
    }

    private String text(String at, JsonNode node) {
        if (node.isString() && !node.getStringValue().isBlank()) {
            return node.getStringValue();
        }
        violations.add(new Violation(at, "invalid-type", "must be a non-empty string"));
        return null;
    }

    private String optionalText(String at, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            return node.getStringValue().isBlank() ? null : node.getStringValue().trim();
        }
        if (node.isNumber()) {
            String text = JsonNumbers.text(node);
            if (text == null) {
                violations.add(new Violation(at, "invalid-number", JsonNumbers.NOT_FINITE));
            }
            return text;
        }
        violations.add(new Violation(at, "invalid-type", "must be a string"));
        return null;
    }

    /** Runs a rule of the registry's on a value read at {@code at}: false (and a violation naming it) when broken. */
    private boolean check(String at, Runnable rule) {
        try {
            rule.run();
            return true;
        } catch (InvalidValueException e) {
            violations.add(Violation.of(at, e));
            return false;
        }
    }

    /**
     * A key a nested object doesn't have is refused, naming it, as at the top level: a misspelt key ({@code birthday}
     * for {@code birthDate}, {@code evidance}) would otherwise be dropped without a word.
     */
    private void onlyKnownKeys(String at, JsonNode object, Set<String> known) {
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            if (!known.contains(entry.getKey())) {
                violations.add(new Violation(at + "/" + escape(entry.getKey()), "unknown-field",
                        "unknown field " + entry.getKey() + "; expected one of " + new java.util.TreeSet<>(known)));
            }
        }
    }

    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
