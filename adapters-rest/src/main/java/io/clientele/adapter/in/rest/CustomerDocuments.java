package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.MalformedRequestException;
import io.clientele.application.port.in.HistoryEntry;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.Loyalty;
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
    private static final Set<String> IDENTIFIER_KEYS = Set.of("type", "name", "value", "source", "accountId",
            "primary", "verified", "subscribed", "displayValue", "country", "reformatted", "unverified", "sources");

    private final JsonMapper json;

    CustomerDocuments(JsonMapper json) {
        this.json = json;
    }

    /** What an upsert body asks for. */
    record UpsertRequest(List<IdentifierInput> identifiers, CustomerChanges changes) {
    }

    /**
     * A history as answered: who (key id), when, source, which fields (never values); {@code customerId} names the
     * record each change was made on (a record merged into the customer has its own).
     */
    List<Map<String, Object>> writeHistory(List<HistoryEntry> history) {
        return history.stream().map(item -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("kind", item.change().kind());
            entry.put("at", item.change().at().toString());
            entry.put("actor", item.change().actor());
            entry.put("source", item.change().source());
            entry.put("fields", item.change().parts());
            entry.put("customerId", item.customerId().value());
            return entry;
        }).toList();
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
        CustomerPartsReader parts = new CustomerPartsReader(zone, violations);
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String key = entry.getKey();
            switch (key) {
                case "profile" -> profile = readProfile(entry.getValue(), zone, violations);
                case "identifiers" -> identifiers = readIdentifiers(entry.getValue(), violations);
                default -> checkOtherKey(key, entry.getValue(), parts, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return new UpsertRequest(identifiers, changes(profile, parts));
    }

    CustomerChanges readPatch(JsonNode document, ZoneId zone) {
        List<Violation> violations = new ArrayList<>();
        ProfilePatch profile = ProfilePatch.none();
        CustomerPartsReader parts = new CustomerPartsReader(zone, violations, true);
        for (Map.Entry<String, JsonNode> entry : document.entries()) {
            String key = entry.getKey();
            switch (key) {
                case "profile" -> profile = readProfile(entry.getValue(), zone, violations);
                case "identifiers" -> violations.add(new Violation("/identifiers", "not-patchable",
                        "identifiers are added by POST /v1/customers (upsert) or POST /v1/customers/{id}/identifiers"));
                default -> checkOtherKey(key, entry.getValue(), parts, violations);
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return changes(profile, parts);
    }

    private static CustomerChanges changes(ProfilePatch profile, CustomerPartsReader parts) {
        return new CustomerChanges(profile, parts.details(), parts.consents(), parts.pushSubscriptions(),
                parts.removeAllPush());
    }

    private static void checkOtherKey(String key, JsonNode value, CustomerPartsReader parts,
                                      List<Violation> violations) {
        if (READ_ONLY.contains(key) || parts.read(key, value)) {
            return;
        }
        violations.add(new Violation("/" + escape(key), "unknown-field", "unknown field " + key));
    }

    private static ProfilePatch readProfile(JsonNode node, ZoneId zone, List<Violation> violations) {
        if (node.isNull()) {
            // merge patch: null removes the member, so every profile field (it was read as "no change")
            return new ProfilePatch(Map.of(), EnumSet.allOf(ProfileField.class));
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

    /** One consent event, as the body of POST /v1/customers/{id}/consents. */
    ConsentInput readConsent(JsonNode node, ZoneId zone) {
        List<Violation> violations = new ArrayList<>();
        ConsentInput input = new CustomerPartsReader(zone, violations).consentEvent(node);
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return input;
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
        String country = text(item, "country", at, violations, false);
        String region = country != null && "phone".equalsIgnoreCase(type)
                ? region(country, at + "/country", violations) : null;
        return violations.size() == before
                ? new IdentifierInput(type, name, value, source, accountId, primary, verified, subscribed, region)
                : null;
    }

    /**
     * A phone's {@code country} (as a GET answers it) is the region its national digits are read in, instead of the
     * tenant's: {@code 0401234567} with {@code "country": "FI"} is Finnish in a Russian tenant (it was accepted and
     * ignored). An international number ({@code +} or {@code 00}) says its own country. Other types' {@code country}
     * is output only and ignored.
     */
    private static String region(String country, String at, List<Violation> violations) {
        try {
            return (String) ProfileField.COUNTRY.normalize(country, ZoneOffset.UTC);
        } catch (InvalidValueException e) {
            violations.add(new Violation(at, e.code(), "country must be an ISO 3166-1 alpha-2 code such as FI"));
            return null;
        }
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
            String text = JsonNumbers.text(value);
            if (text == null) {
                violations.add(new Violation(at + "/" + key, "invalid-number", JsonNumbers.NOT_FINITE));
            }
            return text;
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
        Map<String, Object> consents = new LinkedHashMap<>();
        customer.consents().currentStates().forEach((channel, event) -> {
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("status", event.status().label());
            state.put("at", event.at().toString());
            state.put("source", event.source());
            consents.put(channel.label(), state);
        });
        document.put("consents", consents);
        if (!depersonalized) {
            document.put("pushSubscriptions", customer.pushSubscriptions().stream().map(p -> {
                Map<String, Object> push = new LinkedHashMap<>();
                push.put("provider", p.provider().label());
                push.put("token", p.token());
                putIfPresent(push, "applicationId", p.applicationId());
                putIfPresent(push, "fcmProjectId", p.fcmProjectId());
                putIfPresent(push, "devEnvironment", p.devEnvironment());
                push.put("createdAt", p.createdAt().toString());
                return push;
            }).toList());
        }
        CustomerDetails details = customer.details();
        document.put("tags", List.copyOf(details.tags()));
        document.put("mailingLists", List.copyOf(details.mailingLists()));
        // depersonalised: no free value that may name the person (contact data, names, identifier values)
        document.put("attributes", depersonalized ? customer.depersonalisedAttributes() : details.attributes());
        document.put("extendedFields", depersonalized ? customer.depersonalisedExtendedFields()
                : details.extendedFields());
        document.put("children", details.children().stream().map(c -> {
            Map<String, Object> child = new LinkedHashMap<>();
            putIfPresent(child, "gender", c.gender());
            putIfPresent(child, "birthDate", c.birthDate() == null ? null : c.birthDate().toString());
            return child;
        }).toList());
        document.put("vehicles", details.vehicles().stream().map(v -> {
            Map<String, Object> vehicle = new LinkedHashMap<>();
            putIfPresent(vehicle, "brand", v.brand());
            putIfPresent(vehicle, "model", v.model());
            if (!depersonalized) {
                putIfPresent(vehicle, "vin", v.vin());
            }
            putIfPresent(vehicle, "vds", v.vds());
            return vehicle;
        }).toList());
        if (!details.loyalty().isEmpty()) {
            document.put("loyalty", loyalty(details.loyalty(), depersonalized));
        }
        if (!depersonalized || details.canonicalId() == null
                || !customer.namesThePerson("canonicalId", details.canonicalId())) {
            putIfPresent(document, "canonicalId", details.canonicalId());
        }
        document.put("createdAt", customer.createdAt().toString());
        document.put("updatedAt", customer.updatedAt().toString());
        return document;
    }

    private static Map<String, Object> loyalty(Loyalty loyalty, boolean depersonalized) {
        Map<String, Object> document = new LinkedHashMap<>();
        if (!depersonalized) {
            putIfPresent(document, "loyaltyId", loyalty.loyaltyId());
        }
        putIfPresent(document, "status", loyalty.status());
        putIfPresent(document, "bonuses", loyalty.bonuses());
        putIfPresent(document, "bonusesToNextLevel", loyalty.bonusesToNextLevel());
        putIfPresent(document, "cardLocation", loyalty.cardLocation());
        document.put("enrolments", loyalty.enrolments().stream().map(e -> {
            Map<String, Object> enrolment = new LinkedHashMap<>();
            enrolment.put("programmeId", e.programmeId());
            putIfPresent(enrolment, "tierNumber", e.tierNumber());
            putIfPresent(enrolment, "points", e.points());
            putIfPresent(enrolment, "tierExpiry", e.tierExpiry() == null ? null : e.tierExpiry().toString());
            putIfPresent(enrolment, "pointsExpiry", e.pointsExpiry() == null ? null : e.pointsExpiry().toString());
            return enrolment;
        }).toList());
        return document;
    }

    /** The ledger: current state per channel and every event, oldest first. */
    Map<String, Object> writeConsents(ConsentLedger ledger) {
        Map<String, Object> document = new LinkedHashMap<>();
        Map<String, Object> current = new LinkedHashMap<>();
        ledger.currentStates().forEach((channel, event) -> current.put(channel.label(), consentEvent(event)));
        document.put("current", current);
        document.put("history", ledger.events().stream().map(CustomerDocuments::consentEvent).toList());
        return document;
    }

    private static Map<String, Object> consentEvent(ConsentEvent event) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", event.id());
        document.put("channel", event.channel().label());
        document.put("status", event.status().label());
        document.put("at", event.at().toString());
        document.put("recordedAt", event.recordedAt().toString());
        document.put("source", event.source());
        putIfPresent(document, "evidence", event.evidence());
        putIfPresent(document, "policyVersion", event.policyVersion());
        putIfPresent(document, "actor", event.actor());
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
