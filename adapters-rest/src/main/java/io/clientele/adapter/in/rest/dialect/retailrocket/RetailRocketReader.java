package io.clientele.adapter.in.rest.dialect.retailrocket;

import io.clientele.adapter.in.rest.JsonNumbers;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.micronaut.json.tree.JsonNode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads RetailRocket's {@code rrApi.setCustomer} object and the tracking API's {@code setContact} body into the
 * application's terms, collecting every bad value with a pointer into the vendor's document.
 *
 * <p>Keys are matched case-insensitively at every level: RetailRocket's own examples write soft links as
 * {@code name/value} on one page and {@code Name/Value} on the other (its backend binds keys without regard to
 * case), so a migrating site may send either. Unknown keys are refused rather than dropped, so a misspelt field
 * never loses data silently. Blank optional strings count as not sent: tracking code often fills a template
 * variable with "" when the visitor is unknown.
 */
final class RetailRocketReader {

    static final String SOURCE = "RETAILROCKET";

    private static final Set<String> SET_CUSTOMER_KEYS = Set.of("customerid", "email", "phone", "softlinks",
            "defaultstockid", "customdata", "isagreedtoreceivemarketingmail", "mobilepushsubscription");
    private static final Set<String> SET_CONTACT_KEYS = Set.of("sessionexternalid", "contactexternalid",
            "timestamp", "email", "stockid", "phone", "customdata");
    /** RetailRocket's rule for sessionExternalId: any string up to 50 characters. */
    private static final int MAX_SESSION_ID = 50;

    /**
     * What one RetailRocket write asks for. {@code agreedToMail}: the consent flag as sent, null when omitted (its
     * default, true, is applied as a default: see the controller).
     */
    record Write(String externalId, VendorIdentifiers identifiers, CustomerChanges changes, Boolean agreedToMail) {
    }

    private final ZoneId zone;
    private final List<Violation> violations = new ArrayList<>();
    private final VendorIdentifiers identifiers = new VendorIdentifiers();
    private final Map<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
    private MapEdit<String> customData;
    private final List<PushInput> push = new ArrayList<>();

    RetailRocketReader(ZoneId zone) {
        this.zone = zone;
    }

    /** {@code rrApi.setCustomer({...})}. */
    Write setCustomer(JsonNode document) {
        Map<String, Field> fields = fields("", document, SET_CUSTOMER_KEYS);
        String externalId = externalId(fields.get("customerid"), "customerId");
        identifier(fields.get("email"), "email");
        identifier(fields.get("phone"), "phone");
        Field links = fields.get("softlinks");
        if (links != null) {
            softLinks(links);
        }
        profileField(fields.get("defaultstockid"), ProfileField.DEFAULT_REGION);
        Field data = fields.get("customdata");
        if (data != null) {
            customData(data);
        }
        Boolean agreed = agreed(fields.get("isagreedtoreceivemarketingmail"));
        Field subscription = fields.get("mobilepushsubscription");
        if (subscription != null) {
            mobilePush(subscription);
        }
        return finish(externalId, agreed);
    }

    /** Tracking API {@code POST /1.0/setContact}. */
    Write setContact(JsonNode document) {
        Map<String, Field> fields = fields("", document, SET_CONTACT_KEYS);
        String externalId = externalId(fields.get("contactexternalid"), "contactExternalId");
        identifier(fields.get("email"), "email");
        identifier(fields.get("phone"), "phone");
        profileField(fields.get("stockid"), ProfileField.DEFAULT_REGION);
        Field data = fields.get("customdata");
        if (data != null) {
            customData(data);
        }
        sessionExternalId(fields.get("sessionexternalid"));
        timestamp(fields.get("timestamp"));
        // setContact carries no consent flag: it must not grant anything
        return finish(externalId, Boolean.FALSE);
    }

    private Write finish(String externalId, Boolean agreed) {
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        DetailsPatch details = new DetailsPatch(null, null, customData, null, null, null, null, false, null);
        CustomerChanges changes = new CustomerChanges(new ProfilePatch(profile, Set.of()), details, List.of(), push,
                false);
        return new Write(externalId, identifiers, changes, agreed);
    }

    /** A key as sent (its spelling is what pointers name) and its value. */
    private record Field(String pointer, String key, JsonNode value) {
    }

    /** The members of an object by lower-cased key; unknown and case-duplicated keys are violations. */
    private Map<String, Field> fields(String at, JsonNode object, Set<String> known) {
        Map<String, Field> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : object.entries()) {
            String key = entry.getKey();
            String lower = key.toLowerCase(Locale.ROOT);
            String pointer = at + "/" + escape(key);
            if (!known.contains(lower)) {
                violations.add(new Violation(pointer, "unknown-field", "unknown field " + key));
            } else if (fields.containsKey(lower)) {
                violations.add(new Violation(pointer, "duplicate-field",
                        key + " is sent twice (keys are compared without regard to case)"));
            } else {
                fields.put(lower, new Field(pointer, key, entry.getValue()));
            }
        }
        return fields;
    }

    private String externalId(Field field, String name) {
        String value = field == null ? null : text(field);
        if (value == null) {
            if (field == null || violationsFor(field.pointer()) == 0) {
                violations.add(new Violation(field == null ? "/" + name : field.pointer(), "required",
                        name + " is required"));
            }
            return null;
        }
        identifiers.scalar(IdentifierInput.of("externalId", value), field.pointer());
        return value.trim();
    }

    private void identifier(Field field, String type) {
        String value = field == null ? null : text(field);
        if (value != null) {
            identifiers.scalar(IdentifierInput.of(type, value), field.pointer());
        }
    }

    /**
     * {@code [{name, value}, ...]} (any case of the keys), one such object on its own, or a dictionary
     * {@code {"loyalty card": "7700123"}}.
     */
    private void softLinks(Field field) {
        JsonNode node = field.value();
        if (node.isNull()) {
            return;
        }
        if (node.isObject() && isOneLink(node)) {
            // {"Name": "card", "Value": "7"} sent without its array: one link (its missing or unknown keys named), not
            // links named "Name" and "Value"
            softLink(field.pointer(), node);
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> entry : node.entries()) {
                Field link = new Field(field.pointer() + "/" + escape(entry.getKey()), entry.getKey(), entry.getValue());
                String value = text(link);
                if (value != null) {
                    identifiers.scalar(IdentifierInput.softLink(entry.getKey(), value), link.pointer());
                }
            }
            return;
        }
        if (!node.isArray()) {
            violations.add(new Violation(field.pointer(), "invalid-type",
                    "softLinks must be an array of {name, value} objects"));
            return;
        }
        for (int i = 0; i < node.size(); i++) {
            String at = field.pointer() + "/" + i;
            JsonNode item = node.get(i);
            if (item == null || !item.isObject()) {
                violations.add(new Violation(at, "invalid-type", "a soft link is an object {name, value}"));
                continue;
            }
            softLink(at, item);
        }
    }

    /** One {@code {name, value}} object at {@code at}. */
    private void softLink(String at, JsonNode item) {
        int before = violations.size();
        Map<String, Field> parts = fields(at, item, Set.of("name", "value"));
        Field name = parts.get("name");
        Field value = parts.get("value");
        if (name == null) {
            violations.add(new Violation(at + "/name", "required", "a soft link needs a name"));
        }
        if (value == null) {
            violations.add(new Violation(at + "/value", "required", "a soft link needs a value"));
        }
        if (violations.size() > before) {
            return;
        }
        String linkName = text(name);
        String linkValue = text(value);
        if (linkName == null && violationsFor(name.pointer()) == 0) {
            violations.add(new Violation(name.pointer(), "required", "a soft link needs a name"));
        }
        if (linkValue == null && violationsFor(value.pointer()) == 0) {
            violations.add(new Violation(value.pointer(), "required", "a soft link needs a value"));
        }
        if (linkName != null && linkValue != null) {
            identifiers.object(IdentifierInput.softLink(linkName, linkValue), at, name.key(), value.key());
        }
    }

    private void profileField(Field field, ProfileField target) {
        String value = field == null ? null : text(field);
        if (value == null) {
            return;
        }
        try {
            profile.put(target, target.normalize(value, zone));
        } catch (InvalidValueException e) {
            violations.add(new Violation(field.pointer(), e.code(),
                    e.getMessage().replaceFirst("^" + target.jsonName(), field.key())));
        }
    }

    /** customData: string keys and values; null removes a key; the keys not sent stay as they are. */
    private void customData(Field field) {
        JsonNode node = field.value();
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation(field.pointer(), "invalid-type",
                    "customData must be an object with string values"));
            return;
        }
        Map<String, String> set = new LinkedHashMap<>();
        Set<String> remove = new LinkedHashSet<>();
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String at = field.pointer() + "/" + escape(entry.getKey());
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                remove.add(entry.getKey());
                continue;
            }
            String text = value.isString() ? value.getStringValue()
                    : value.isNumber() ? JsonNumbers.text(value)
                    : value.isBoolean() ? Boolean.toString(value.getBooleanValue()) : null;
            if (text == null) {
                violations.add(value.isNumber() ? new Violation(at, "invalid-number", JsonNumbers.NOT_FINITE)
                        : new Violation(at, "invalid-type", "customData values are strings"));
                continue;
            }
            try {
                // the registry's own limits on names and values, checked here so the error names this key
                new CustomerDetails(Set.of(), Set.of(), Map.of(entry.getKey(), text), Map.of(), List.of(), List.of(),
                        null, null);
                set.put(entry.getKey(), text);
            } catch (InvalidValueException e) {
                violations.add(Violation.of(at, e));
            }
        }
        customData = new MapEdit<>(set, remove);
    }

    /** The flag as sent; null when omitted (or null), which the page defaults to true. Anything but a boolean is refused. */
    private Boolean agreed(Field field) {
        if (field == null || field.value().isNull()) {
            return null;
        }
        JsonNode node = field.value();
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isString()) {
            String text = node.getStringValue().trim().toLowerCase(Locale.ROOT);
            if (text.equals("true") || text.equals("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        violations.add(new Violation(field.pointer(), "invalid-boolean", field.key() + " must be true or false"));
        return false;
    }

    private static boolean isOneLink(JsonNode node) {
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String key = entry.getKey().toLowerCase(Locale.ROOT);
            if (key.equals("name") || key.equals("value")) {
                return true;
            }
        }
        return false;
    }

    /** {@code {"fcmSubscription": {...}}}, {@code {"apnsSubscription": {...}}} or {@code {"huaweiSubscription": {...}}}. */
    private void mobilePush(Field field) {
        JsonNode node = field.value();
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            violations.add(new Violation(field.pointer(), "invalid-type",
                    "mobilePushSubscription must be an object holding fcmSubscription, apnsSubscription or huaweiSubscription"));
            return;
        }
        Map<String, Field> kinds = fields(field.pointer(), node,
                Set.of("fcmsubscription", "apnssubscription", "huaweisubscription"));
        subscription(kinds.get("fcmsubscription"), PushSubscription.Provider.FCM);
        subscription(kinds.get("apnssubscription"), PushSubscription.Provider.APNS);
        subscription(kinds.get("huaweisubscription"), PushSubscription.Provider.HUAWEI);
    }

    private void subscription(Field field, PushSubscription.Provider provider) {
        if (field == null || field.value().isNull()) {
            return;
        }
        if (!field.value().isObject()) {
            violations.add(new Violation(field.pointer(), "invalid-type", field.key() + " must be an object"));
            return;
        }
        Set<String> known = switch (provider) {
            case FCM -> Set.of("token", "applicationid", "fcmprojectid", "creationtimestamp");
            case APNS -> Set.of("token", "applicationid", "isdevenvironment", "creationtimestamp");
            case HUAWEI -> Set.of("token", "applicationid", "creationtimestamp");
        };
        int before = violations.size();
        Map<String, Field> parts = fields(field.pointer(), field.value(), known);
        Field tokenField = parts.get("token");
        String token = tokenField == null ? null : text(tokenField);
        if (token == null) {
            if (tokenField == null || violationsFor(tokenField.pointer()) == 0) {
                violations.add(new Violation(field.pointer() + "/token", "required", "token is required"));
            }
        }
        String applicationId = optional(parts.get("applicationid"));
        String fcmProjectId = optional(parts.get("fcmprojectid"));
        Boolean dev = null;
        Field devField = parts.get("isdevenvironment");
        if (devField != null && !devField.value().isNull()) {
            if (devField.value().isBoolean()) {
                dev = devField.value().getBooleanValue();
            } else {
                violations.add(new Violation(devField.pointer(), "invalid-boolean",
                        devField.key() + " must be true or false"));
            }
        }
        Instant createdAt = null;
        Field created = parts.get("creationtimestamp");
        String createdText = optional(created);
        if (createdText != null) {
            try {
                createdAt = (Instant) ProfileField.DATE_JOINED.normalize(createdText, zone);
            } catch (InvalidValueException e) {
                violations.add(e.code().equals("datetime-out-of-range")
                        ? new Violation(created.pointer(), e.code(),
                        created.key() + " must be between 1000-01-01 and 9999-12-31 (UTC)")
                        : new Violation(created.pointer(), "invalid-datetime",
                        created.key() + " must be an ISO-8601 datetime such as 2025-03-31T11:03:02.3564674+03:00"));
            }
        }
        if (violations.size() > before) {
            return;
        }
        try {
            // the registry's limits (token length, ids), checked here so the error names the vendor's object
            new PushSubscription(provider, token, applicationId, fcmProjectId, dev, Instant.EPOCH);
            push.add(new PushInput(provider, token, applicationId, fcmProjectId, dev, createdAt));
        } catch (InvalidValueException e) {
            violations.add(Violation.of(field.pointer(), e));
        }
    }

    /**
     * Accepted so tracking calls port as they are, and validated, but not stored: it names an app installation,
     * which several accounts may share, so as an identifier it would merge different people.
     */
    private void sessionExternalId(Field field) {
        String value = optional(field);
        if (value != null && value.length() > MAX_SESSION_ID) {
            violations.add(new Violation(field.pointer(), "value-too-long",
                    field.key() + " must be at most " + MAX_SESSION_ID + " characters"));
        }
    }

    /** The event time: unix seconds or milliseconds, or an ISO-8601 datetime. */
    private void timestamp(Field field) {
        if (field == null || field.value().isNull()) {
            return;
        }
        JsonNode node = field.value();
        if (node.isNumber()) {
            return;
        }
        if (node.isString()) {
            String text = node.getStringValue().trim();
            if (text.matches("\\d{1,13}")) {
                return;
            }
            try {
                ProfileField.DATE_JOINED.normalize(text, zone);
                return;
            } catch (InvalidValueException ignored) {
                // reported below
            }
        }
        violations.add(new Violation(field.pointer(), "invalid-datetime",
                field.key() + " must be a unix time or an ISO-8601 datetime"));
    }

    private String optional(Field field) {
        return field == null ? null : text(field);
    }

    /** A string (or a number, which tracking code often sends for ids and phones); blank or null is "not sent". */
    private String text(Field field) {
        JsonNode node = field.value();
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isString()) {
            String value = node.getStringValue();
            return value.isBlank() ? null : value;
        }
        if (node.isNumber()) {
            String text = JsonNumbers.text(node);
            if (text == null) {
                violations.add(new Violation(field.pointer(), "invalid-number", JsonNumbers.NOT_FINITE));
            }
            return text;
        }
        violations.add(new Violation(field.pointer(), "invalid-type", field.key() + " must be a string"));
        return null;
    }

    private int violationsFor(String pointer) {
        return (int) violations.stream().filter(v -> v.pointer().equals(pointer)).count();
    }

    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
