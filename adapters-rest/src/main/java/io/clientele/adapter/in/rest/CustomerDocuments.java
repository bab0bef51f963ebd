package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.MalformedRequestException;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The native customer document (API.md) read into commands and written from the aggregate. Reading works on the JSON
 * tree, not on bound records, because a merge patch must tell a key sent as {@code null} (remove) from a key not sent
 * (keep), and every bad value must be reported with its JSON Pointer.
 */
@Singleton
class CustomerDocuments {

    /** Output-only keys a client may echo back from a GET; they are ignored on input. */
    private static final Set<String> READ_ONLY = Set.of("id", "state", "version", "createdAt", "updatedAt",
            "outcome", "mergedFrom");
    /** Parts of the document this version does not store yet: refused rather than silently dropped. */
    private static final Set<String> NOT_YET_STORED = Set.of("consents", "pushSubscriptions", "tags",
            "mailingLists", "attributes", "extendedFields", "children", "vehicles", "loyalty", "canonicalId");
    private static final Set<String> IDENTIFIER_KEYS = Set.of("type", "name", "value", "source", "accountId",
            "primary", "verified", "subscribed", "displayValue", "country", "reformatted", "unverified", "sources");

    private final JsonMapper json;

    CustomerDocuments(JsonMapper json) {
        this.json = json;
    }

    /** What an upsert body asks for. */
    record UpsertRequest(List<IdentifierInput> identifiers, ProfilePatch profile) {
    }

    JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequestException("", "the request body is empty; send a JSON object");
        }
        JsonNode node;
        try {
            node = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequestException("", "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException("", "the request body must be a JSON object");
        }
        return node;
    }

    UpsertRequest readUpsert(JsonNode document, ZoneId zone) {
        List<Violation> violations = new ArrayList<>();
        ProfilePatch profile = ProfilePatch.none();
        List<IdentifierInput> identifiers = List.of();
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String key = entry.getKey();
            switch (key) {
                case "profile" -> profile = readProfile(entry.getValue(), zone, violations);
                case "identifiers" -> identifiers = readIdentifiers(entry.getValue(), violations);
                default -> checkOtherKey(key, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new UpsertRequest(identifiers, profile);
    }

    ProfilePatch readPatch(JsonNode document, ZoneId zone) {
        List<Violation> violations = new ArrayList<>();
        ProfilePatch profile = ProfilePatch.none();
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String key = entry.getKey();
            switch (key) {
                case "profile" -> profile = readProfile(entry.getValue(), zone, violations);
                case "identifiers" -> violations.add(new Violation("/identifiers", "not-patchable",
                        "identifiers are added by POST /v1/customers (upsert), not by PATCH"));
                default -> checkOtherKey(key, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return profile;
    }

    private static void checkOtherKey(String key, List<Violation> violations) {
        if (READ_ONLY.contains(key)) {
            return;
        }
        String pointer = "/" + escape(key);
        if (NOT_YET_STORED.contains(key)) {
            violations.add(new Violation(pointer, "not-supported",
                    key + " is not stored by this version of Clientele; leave it out"));
        } else {
            violations.add(new Violation(pointer, "unknown-field", "unknown field " + key));
        }
    }

    private static ProfilePatch readProfile(JsonNode node, ZoneId zone, List<Violation> violations) {
        if (node.isNull()) {
            return ProfilePatch.none();
        }
        if (!node.isObject()) {
            violations.add(new Violation("/profile", "invalid-type", "profile must be an object"));
            return ProfilePatch.none();
        }
        Map<ProfileField, Object> set = new EnumMap<>(ProfileField.class);
        Set<ProfileField> removed = EnumSet.noneOf(ProfileField.class);
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String pointer = "/profile/" + escape(entry.getKey());
            ProfileField field = ProfileField.byJsonName(entry.getKey());
            if (field == null) {
                violations.add(new Violation(pointer, "unknown-field", "unknown profile field " + entry.getKey()));
                continue;
            }
            JsonNode value = entry.getValue();
            if (value.isNull()) {
                removed.add(field);
                continue;
            }
            try {
                set.put(field, field.normalize(scalar(value, field.jsonName()), zone));
            } catch (InvalidValueException e) {
                violations.add(Violation.of(pointer, e));
            }
        }
        return new ProfilePatch(set, removed);
    }

    /** One identifier object, as the body of POST /v1/customers/{id}/identifiers. */
    IdentifierInput readIdentifier(JsonNode node) {
        List<Violation> violations = new ArrayList<>();
        IdentifierInput input = readIdentifier(node, "", violations);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return input;
    }

    private static List<IdentifierInput> readIdentifiers(JsonNode node, List<Violation> violations) {
        if (!node.isArray()) {
            violations.add(new Violation("/identifiers", "invalid-type", "identifiers must be an array"));
            return List.of();
        }
        List<IdentifierInput> identifiers = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            IdentifierInput input = readIdentifier(node.get(i), "/identifiers/" + i, violations);
            if (input != null) {
                identifiers.add(input);
            }
        }
        return identifiers;
    }

    private static IdentifierInput readIdentifier(JsonNode item, String at, List<Violation> violations) {
        if (item == null || !item.isObject()) {
            violations.add(new Violation(at, "invalid-type",
                    "an identifier must be an object like {\"type\": \"email\", \"value\": \"anna@example.com\"}"));
            return null;
        }
        int before = violations.size();
        for (Map.Entry<String, JsonNode> entry : item.entries()) {
            if (!IDENTIFIER_KEYS.contains(entry.getKey())) {
                violations.add(new Violation(at + "/" + escape(entry.getKey()), "unknown-field",
                        "unknown identifier field " + entry.getKey()));
            }
        }
        String type = text(item, "type", at, violations, true);
        String value = text(item, "value", at, violations, true);
        String name = text(item, "name", at, violations, false);
        String source = text(item, "source", at, violations, false);
        String accountId = text(item, "accountId", at, violations, false);
        Boolean primary = flag(item, "primary", at, violations);
        Boolean verified = flag(item, "verified", at, violations);
        Boolean subscribed = flag(item, "subscribed", at, violations);
        return violations.size() == before
                ? new IdentifierInput(type, name, value, source, accountId, primary, verified, subscribed)
                : null;
    }

    private static String text(JsonNode item, String key, String at, List<Violation> violations, boolean required) {
        JsonNode value = item.get(key);
        if (value == null || value.isNull()) {
            if (required) {
                violations.add(new Violation(at + "/" + key, "required", key + " is required"));
            }
            return null;
        }
        if (value.isString()) {
            return value.getStringValue();
        }
        if (value.isNumber() && "value".equals(key)) {
            // numeric ids and phones sent as JSON numbers are common; their text is what was meant
            return value.getNumberValue().toString();
        }
        violations.add(new Violation(at + "/" + key, "invalid-type", key + " must be a string"));
        return null;
    }

    private static Boolean flag(JsonNode item, String key, String at, List<Violation> violations) {
        JsonNode value = item.get(key);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.getBooleanValue();
        }
        violations.add(new Violation(at + "/" + key, "invalid-type", key + " must be true or false"));
        return null;
    }

    private static Object scalar(JsonNode value, String field) {
        if (value.isString()) {
            return value.getStringValue();
        }
        if (value.isNumber()) {
            return value.getNumberValue();
        }
        if (value.isBoolean()) {
            return value.getBooleanValue();
        }
        throw new InvalidValueException("invalid-type", field + " must be a string, number or boolean");
    }

    /** RFC 6901 escaping of a key inside a pointer. */
    private static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /**
     * The document of a customer. {@code depersonalized} leaves out names, addresses and identifiers (PersonaClick's
     * "get" view, for callers that must not see personal data).
     */
    Map<String, Object> write(Customer customer, boolean depersonalized) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", customer.id().value());
        document.put("state", customer.state().name());
        document.put("version", customer.version());
        Map<String, Object> profile = new LinkedHashMap<>();
        customer.profile().values().forEach((field, value) -> {
            if (!(depersonalized && field.personal())) {
                profile.put(field.jsonName(), value instanceof Integer || value instanceof Boolean ? value
                        : ProfileField.format(value));
            }
        });
        if (!profile.containsKey(ProfileField.AGE.jsonName())) {
            Integer age = customer.profile().effectiveAge(LocalDate.now(ZoneOffset.UTC));
            if (age != null) {
                profile.put(ProfileField.AGE.jsonName(), age);
            }
        }
        document.put("profile", profile);
        if (!depersonalized) {
            document.put("identifiers", customer.identifiers().stream().map(CustomerDocuments::write).toList());
        }
        document.put("createdAt", customer.createdAt().toString());
        document.put("updatedAt", customer.updatedAt().toString());
        return document;
    }

    private static Map<String, Object> write(Identifier identifier) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", identifier.type().label());
        if (identifier.type() == IdentifierType.SOFT_LINK) {
            document.put("name", identifier.name());
        }
        document.put("value", identifier.value());
        if (!identifier.displayValue().equals(identifier.value()) && identifier.type() == IdentifierType.EMAIL) {
            document.put("displayValue", identifier.displayValue());
        }
        if (identifier.type() == IdentifierType.PHONE) {
            if (identifier.country() != null) {
                document.put("country", identifier.country());
            }
            document.put("reformatted", identifier.reformatted());
            if (identifier.unplaced()) {
                document.put("unverified", true);
            }
        }
        putIfPresent(document, "source", identifier.source());
        putIfPresent(document, "accountId", identifier.accountId());
        putIfPresent(document, "primary", identifier.primary());
        putIfPresent(document, "verified", identifier.verified());
        putIfPresent(document, "subscribed", identifier.subscribed());
        if (identifier.sources().size() > 1) {
            document.put("sources", identifier.sources().stream().map(s -> {
                Map<String, Object> sighting = new LinkedHashMap<>();
                sighting.put("source", s.source());
                putIfPresent(sighting, "accountId", s.accountId());
                return sighting;
            }).toList());
        }
        return document;
    }

    private static void putIfPresent(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
