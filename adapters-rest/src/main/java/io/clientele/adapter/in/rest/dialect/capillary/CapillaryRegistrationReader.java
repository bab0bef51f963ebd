package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.consent.Channel;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.adapter.in.rest.JsonNumbers;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.tree.JsonNode;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads one Capillary "Add Customer" (v2) body into a {@link CapillaryRegistration}, collecting every problem with
 * its place in the vendor's request ({@code profiles[0].identifiers[1].value}) instead of stopping at the first.
 *
 * <p>Keys are matched case-insensitively, because the vendor's page itself writes {@code Firstname}/{@code Lastname}
 * where its JSON uses {@code firstName}/{@code lastName}. Keys the page documents but the registry has nowhere to keep
 * ({@code activity}, which Capillary derives itself; {@code endPointsEnabled}, which marks test customers for
 * Capillary's internal endpoints; a comm channel's free-form {@code attributes} and {@code meta} other than
 * {@code lastViewedDate}) are accepted and not stored. Any other key is refused, so that a misspelt field is not lost
 * silently. Empty strings, which Capillary clients commonly send for "no value", count as not sent.
 */
final class CapillaryRegistrationReader {

    private static final Pattern SPACE_DATETIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}.*");

    private final Tenant tenant;
    private final List<CapillaryMessage> errors = new ArrayList<>();
    private final Map<Sighting, CapillaryRegistration.IdentifierEntry> identifiers = new LinkedHashMap<>();

    /** One identifier as seen from one source account: two profiles naming it are two sightings. */
    private record Sighting(IdentifierKey key, String source, String accountId) {
    }
    private final Map<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final Map<String, Object> extendedFields = new LinkedHashMap<>();
    private final List<CapillaryRegistration.EnrolmentEntry> enrolments = new ArrayList<>();
    private final List<PushInput> push = new ArrayList<>();
    private final Map<Channel, ConsentInput> consents = new EnumMap<>(Channel.class);
    private String defaultSource;

    CapillaryRegistrationReader(Tenant tenant) {
        this.tenant = tenant;
    }

    /** @throws CapillaryFailure (400) listing every problem found */
    CapillaryRegistration read(JsonNode body) {
        Map<String, JsonNode> top = fields(body, "", Set.of("loyaltyType", "profiles", "createDate", "associatedWith",
                "extendedFields", "loyaltyProgramEnrollments"), Set.of("activity", "endPointsEnabled"));
        JsonNode profiles = top.get("profiles");
        if (profiles == null || profiles.isNull() || (profiles.isArray() && profiles.size() == 0)) {
            error(CapillaryCode.NO_IDENTIFIER, "profiles with at least one identifier are required", "profiles");
        } else if (!profiles.isArray()) {
            error(CapillaryCode.INVALID_REQUEST, "profiles must be an array", "profiles");
        } else {
            for (int p = 0; p < profiles.size(); p++) {
                readProfile(profiles.get(p), "profiles[" + p + "]");
            }
        }
        readProfileValue(top.get("loyaltyType"), ProfileField.LOYALTY_TYPE, "loyaltyType");
        readProfileValue(top.get("associatedWith"), ProfileField.REGISTERED_TILL, "associatedWith");
        JsonNode createDate = top.get("createDate");
        if (present(createDate)) {
            Instant at = dateTime(createDate, "createDate", CapillaryCode.INVALID_FIELD);
            if (at != null) {
                // Capillary's one registration date is both when they registered and when they joined
                profile.put(ProfileField.REGISTERED_AT, at);
                profile.put(ProfileField.DATE_JOINED, at);
            }
        }
        readExtendedFields(top.get("extendedFields"));
        readEnrolments(top.get("loyaltyProgramEnrollments"));
        if (errors.isEmpty() && identifiers.isEmpty()) {
            error(CapillaryCode.NO_IDENTIFIER, "at least one identifier (mobile, email, externalId, card, ...) is "
                    + "required", "profiles[0].identifiers");
        }
        if (!errors.isEmpty()) {
            throw new CapillaryFailure(HttpStatus.BAD_REQUEST, errors);
        }
        return new CapillaryRegistration(List.copyOf(identifiers.values()), defaultSource, profile, attributes,
                extendedFields, enrolments, push, List.copyOf(consents.values()));
    }

    private void readProfile(JsonNode node, String path) {
        Map<String, JsonNode> fields = fields(node, path, Set.of("firstName", "lastName", "identifiers", "source",
                "accountId", "fields", "commChannels"), Set.of("activity"));
        if (node == null || !node.isObject()) {
            return;
        }
        String source = readSource(fields.get("source"), path + ".source");
        String accountId = readAccountId(fields.get("accountId"), path + ".accountId");
        if (accountId != null && source != null && !CapillaryIdentifiers.MULTI_ACCOUNT_SOURCES.contains(source)) {
            // an INSTORE "account" would make a second source account beside the plain one, so the same mobile
            // registered again from INSTORE would join instead of failing as the page says (8006)
            error(CapillaryCode.INVALID_ACCOUNT_ID, "accountId is only for sources with several accounts: "
                    + new java.util.TreeSet<>(CapillaryIdentifiers.MULTI_ACCOUNT_SOURCES), path + ".accountId");
            accountId = null;
        }
        if (source != null && defaultSource == null) {
            defaultSource = source;
        }
        readName(fields.get("firstName"), ProfileField.FIRST_NAME, path + ".firstName");
        readName(fields.get("lastName"), ProfileField.LAST_NAME, path + ".lastName");
        JsonNode ids = fields.get("identifiers");
        if (present(ids)) {
            if (!ids.isArray()) {
                error(CapillaryCode.INVALID_IDENTIFIER, "identifiers must be an array", path + ".identifiers");
            } else {
                for (int i = 0; i < ids.size(); i++) {
                    readIdentifier(ids.get(i), path + ".identifiers[" + i + "]", source, accountId);
                }
            }
        }
        JsonNode channels = fields.get("commChannels");
        if (present(channels)) {
            if (channels.isObject()) {
                // the page types it "obj" and lists one channel's members: one channel sent alone is read as one
                readChannel(channels, path + ".commChannels", source, accountId);
            } else if (!channels.isArray()) {
                error(CapillaryCode.INVALID_FIELD, "commChannels must be an array of channels or one channel",
                        path + ".commChannels");
            } else {
                for (int i = 0; i < channels.size(); i++) {
                    readChannel(channels.get(i), path + ".commChannels[" + i + "]", source, accountId);
                }
            }
        }
        readCustomFields(fields.get("fields"), path + ".fields");
    }

    private String readSource(JsonNode node, String path) {
        if (!present(node)) {
            error(CapillaryCode.INVALID_SOURCE, "source is required: one of " + sortedSources(), path);
            return null;
        }
        String source = node.isString() ? CapillaryIdentifiers.source(node.getStringValue(), false) : null;
        if (source == null) {
            error(CapillaryCode.INVALID_SOURCE, "Invalid source: use one of " + sortedSources(), path);
        }
        return source;
    }

    private String readAccountId(JsonNode node, String path) {
        if (!present(node)) {
            return null;
        }
        String accountId = scalarText(node);
        if (accountId == null || accountId.length() > 100) {
            error(CapillaryCode.INVALID_ACCOUNT_ID, "accountId must be a string of 1 to 100 characters", path);
            return null;
        }
        return accountId;
    }

    private void readName(JsonNode node, ProfileField field, String path) {
        if (!present(node) || profile.containsKey(field)) {
            // several profiles: the first one that names the customer wins
            return;
        }
        readProfileValue(node, field, path);
    }

    private void readProfileValue(JsonNode node, ProfileField field, String path) {
        if (!present(node)) {
            return;
        }
        String text = scalarText(node);
        if (text == null) {
            error(CapillaryCode.INVALID_FIELD, path + " must be a string", path);
            return;
        }
        try {
            profile.put(field, field.normalize(text, tenant.timeZone()));
        } catch (InvalidValueException e) {
            error(CapillaryCode.INVALID_FIELD, vendorMessage(e.getMessage(), field, path), path);
        }
    }

    private void readIdentifier(JsonNode node, String path, String source, String accountId) {
        Map<String, JsonNode> fields = fields(node, path, Set.of("type", "value", "seriesId", "seriesCode",
                "statusLabel"), Set.of());
        if (node == null || !node.isObject()) {
            return;
        }
        CapillaryIdentifiers.Kind kind = identifierKind(fields.get("type"), path + ".type");
        Identifier identifier = kind == null ? null
                : parseIdentifier(kind, fields.get("value"), path + ".value");
        JsonNode seriesId = fields.get("seriesId");
        JsonNode seriesCode = fields.get("seriesCode");
        JsonNode statusLabel = fields.get("statusLabel");
        if (kind == null) {
            return;
        }
        if (!kind.isCard()) {
            for (String key : new String[]{"seriesId", "seriesCode", "statusLabel"}) {
                if (present(fields.get(key))) {
                    error(CapillaryCode.INVALID_IDENTIFIER, key + " applies to card identifiers only",
                            path + "." + key);
                }
            }
            add(identifier, path, source, accountId, null, null, null);
            return;
        }
        // a card is issued from a series: Capillary's own (seriesId) or an external one (seriesCode), with a status
        Long series = present(seriesId) ? whole(seriesId, path + ".seriesId", CapillaryCode.INVALID_IDENTIFIER) : null;
        String code = present(seriesCode) ? scalarText(seriesCode) : null;
        String status = present(statusLabel) ? scalarText(statusLabel) : null;
        if (!present(seriesId) && code == null) {
            error(CapillaryCode.INVALID_IDENTIFIER, "a card needs seriesId (Capillary card series) or seriesCode "
                    + "(external card series)", path + ".seriesId");
        }
        if (status == null) {
            error(CapillaryCode.INVALID_IDENTIFIER, "statusLabel is required for a card", path + ".statusLabel");
        }
        if (identifier == null) {
            return;
        }
        // the card's series and status live with the customer's custom attributes, keyed by the card number
        String prefix = "card." + identifier.value() + ".";
        Map<String, String> cardDetails = new LinkedHashMap<>();
        if (series != null) {
            cardDetails.put(prefix + "seriesId", series.toString());
        }
        if (code != null) {
            cardDetails.put(prefix + "seriesCode", code);
        }
        if (status != null) {
            cardDetails.put(prefix + "statusLabel", status);
        }
        for (Map.Entry<String, String> detail : cardDetails.entrySet()) {
            if (!validAttribute(detail.getKey(), detail.getValue())) {
                error(CapillaryCode.INVALID_IDENTIFIER, "a card number must be letters, digits, '_', '-', '.' or ':' "
                        + "and series texts at most 2000 characters", path + ".value");
                return;
            }
        }
        attributes.putAll(cardDetails);
        add(identifier, path, source, accountId, null, null, null);
    }

    private void readChannel(JsonNode node, String path, String source, String accountId) {
        Map<String, JsonNode> fields = fields(node, path, Set.of("type", "value", "primary", "verified",
                "subscribed", "meta"), Set.of("attributes"));
        if (node == null || !node.isObject()) {
            return;
        }
        Boolean primary = flag(fields.get("primary"), path + ".primary");
        Boolean verified = flag(fields.get("verified"), path + ".verified");
        Boolean subscribed = flag(fields.get("subscribed"), path + ".subscribed");
        readMeta(fields.get("meta"), path + ".meta");
        JsonNode typeNode = fields.get("type");
        String type = present(typeNode) ? scalarText(typeNode) : null;
        if (type == null) {
            error(CapillaryCode.INVALID_FIELD, "type is required: mobile, email, wechat, ios, android, line or "
                    + "mobilePush", path + ".type");
            return;
        }
        String lower = type.trim().toLowerCase(Locale.ROOT);
        if (lower.equals("ios") || lower.equals("android")) {
            // an app's device token: a push subscription (APNs for iOS, FCM for Android)
            String token = present(fields.get("value")) ? scalarText(fields.get("value")) : null;
            PushSubscription.Provider provider = lower.equals("ios") ? PushSubscription.Provider.APNS
                    : PushSubscription.Provider.FCM;
            try {
                new PushSubscription(provider, token, null, null, null, Instant.EPOCH);
                push.add(new PushInput(provider, token.trim(), null, null, null, null));
            } catch (InvalidValueException e) {
                error(CapillaryCode.INVALID_FIELD, "value must be the device token (1 to "
                        + PushSubscription.MAX_TOKEN + " characters)", path + ".value");
                return;
            }
            // subscribed to the org's newsletters on this device: the push consent, as email and mobile give theirs
            // (it was accepted and dropped); a device has no primary or verified flag to keep
            consent(Channel.PUSH, subscribed, source, lower);
            return;
        }
        CapillaryIdentifiers.Kind kind = switch (lower) {
            case "mobile", "email", "wechat", "line", "mobilepush" -> CapillaryIdentifiers.kind(lower);
            default -> null;
        };
        if (kind == null) {
            error(CapillaryCode.INVALID_FIELD, "type must be one of mobile, email, wechat, ios, android, line, "
                    + "mobilePush", path + ".type");
            return;
        }
        // a channel's address is an identifier of the customer; the flags are the identifier's channel flags
        Identifier identifier = parseIdentifier(kind, fields.get("value"), path + ".value");
        add(identifier, path, source, accountId, primary, verified, subscribed);
        // "subscribed for the org's newsletters": the customer's consent for that channel, recorded when it differs
        // from the state held (a re-sent registration adds no event); the first channel of a kind sent decides
        Channel channel = lower.equals("email") ? Channel.EMAIL : lower.equals("mobile") ? Channel.SMS : null;
        if (identifier != null && channel != null) {
            consent(channel, subscribed, source, lower);
        }
    }

    /** A channel's subscribed flag as its consent; the first channel of a kind sent decides. */
    private void consent(Channel channel, Boolean subscribed, String source, String type) {
        if (subscribed != null && !consents.containsKey(channel)) {
            consents.put(channel, new ConsentInput(channel, subscribed ? ConsentStatus.GRANTED
                    : ConsentStatus.WITHDRAWN, null, source, "Capillary commChannels." + type + ".subscribed",
                    null, ConsentInput.Recording.IF_CHANGED));
        }
    }

    private void readMeta(JsonNode node, String path) {
        if (!present(node)) {
            return;
        }
        if (!node.isObject()) {
            error(CapillaryCode.INVALID_FIELD, "meta must be an object", path);
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            if (entry.getKey().equalsIgnoreCase("lastViewedDate") && present(entry.getValue())) {
                // when the customer last opened the app: the registry's last login
                Instant at = dateTime(entry.getValue(), path + ".lastViewedDate", CapillaryCode.INVALID_FIELD);
                if (at != null) {
                    profile.merge(ProfileField.LAST_LOGIN, at,
                            (a, b) -> ((Instant) a).isAfter((Instant) b) ? a : b);
                }
            }
        }
    }

    private CapillaryIdentifiers.Kind identifierKind(JsonNode node, String path) {
        String type = present(node) ? scalarText(node) : null;
        if (type == null) {
            error(CapillaryCode.INVALID_IDENTIFIER, "type is required", path);
            return null;
        }
        CapillaryIdentifiers.Kind kind = CapillaryIdentifiers.kind(type);
        if (kind == null) {
            error(CapillaryCode.INVALID_IDENTIFIER, "Invalid identifier type: use mobile, email, externalId, wechat, "
                    + "martjackId, fbId, tmall_uname, cuid, ali_uname, jd_uname, vip_uname, mobilePush, line or card",
                    path);
        }
        return kind;
    }

    private Identifier parseIdentifier(CapillaryIdentifiers.Kind kind, JsonNode value, String path) {
        String raw = present(value) ? scalarText(value) : null;
        if (raw == null) {
            error(CapillaryCode.INVALID_IDENTIFIER, "value is required", path);
            return null;
        }
        try {
            return Identifier.parse(kind.type(), kind.softLinkName(), CapillaryIdentifiers.asSent(kind, raw, tenant.defaultRegion()),
                    tenant.defaultRegion(),
                    PlaceholderPolicy.defaults());
        } catch (InvalidValueException e) {
            error(CapillaryCode.INVALID_IDENTIFIER, "Invalid identifier: " + e.getMessage(), path);
            return null;
        }
    }

    /**
     * Keeps one entry per identifier and source account: flags sent again from the same one (a comm channel repeating
     * an identifier) are added to it; another profile naming it from another source is another sighting (it was
     * dropped, so a later registration from that source joined with 8050 instead of answering 8006).
     */
    private void add(Identifier identifier, String path, String source, String accountId, Boolean primary,
                     Boolean verified, Boolean subscribed) {
        if (identifier == null) {
            return;
        }
        IdentifierKey key = identifier.key();
        Sighting sighting = new Sighting(key, source, accountId);
        CapillaryRegistration.IdentifierEntry held = identifiers.get(sighting);
        if (held != null) {
            identifiers.put(sighting, held.withFlags(primary, verified, subscribed));
            return;
        }
        IdentifierInput input = new IdentifierInput(identifier.type().label(), identifier.name(),
                identifier.displayValue(), source, accountId, primary, verified, subscribed);
        identifiers.put(sighting, new CapillaryRegistration.IdentifierEntry(path, key, input));
    }

    private void readCustomFields(JsonNode node, String path) {
        if (!present(node)) {
            return;
        }
        if (!node.isObject()) {
            error(CapillaryCode.INVALID_FIELD, "fields must be an object of custom field values", path);
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String at = path + "." + entry.getKey();
            JsonNode value = entry.getValue();
            if (value == null || value.isNull()) {
                continue;
            }
            String text = scalarText(value);
            if (entry.getKey().toLowerCase(Locale.ROOT).startsWith("card.")) {
                // the card series details a card identifier carries are kept under card.<number>.: a custom field
                // named so was stored but never read back, and could pose as a card's details
                error(CapillaryCode.INVALID_FIELD, "custom field names starting with card. are reserved for the "
                        + "details of card identifiers (seriesId, seriesCode, statusLabel on the identifier)", at);
            } else if (text == null && !(value.isString())) {
                error(CapillaryCode.INVALID_FIELD, "a custom field value must be a string, number or boolean", at);
            } else if (text != null && !attributes.containsKey(entry.getKey())) {
                if (validAttribute(entry.getKey(), text)) {
                    attributes.put(entry.getKey(), text);
                } else {
                    error(CapillaryCode.INVALID_FIELD, "a custom field name is 1 to 100 letters, digits, spaces or "
                            + "_ . : - and its value at most " + CustomerDetails.MAX_ATTRIBUTE_VALUE + " characters",
                            at);
                }
            }
        }
    }

    private void readExtendedFields(JsonNode node) {
        if (!present(node)) {
            return;
        }
        if (!node.isObject()) {
            error(CapillaryCode.INVALID_EXTENDED_FIELD, "extendedFields must be an object", "extendedFields");
            return;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            JsonNode value = entry.getValue();
            String at = "extendedFields." + entry.getKey();
            if (value == null || value.isNull() || (value.isString() && value.getStringValue().isBlank())) {
                continue;
            }
            if (value.isString()) {
                extendedFields.put(entry.getKey(), value.getStringValue().trim());
            } else if (value.isNumber()) {
                BigDecimal number = JsonNumbers.decimal(value);
                if (number == null) {
                    error(CapillaryCode.INVALID_EXTENDED_FIELD, "an extended field value " + JsonNumbers.NOT_FINITE,
                            at);
                } else {
                    extendedFields.put(entry.getKey(), number);
                }
            } else if (value.isBoolean()) {
                extendedFields.put(entry.getKey(), value.getBooleanValue());
            } else {
                error(CapillaryCode.INVALID_EXTENDED_FIELD, "an extended field value must be a string, number or "
                        + "boolean", at);
            }
        }
    }

    private void readEnrolments(JsonNode node) {
        if (!present(node)) {
            return;
        }
        // the page calls it an object; Capillary clients send an array of them: both are read
        List<JsonNode> items = new ArrayList<>();
        boolean single = node.isObject();
        if (single) {
            items.add(node);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                items.add(node.get(i));
            }
        } else {
            error(CapillaryCode.INVALID_ENROLMENT, "loyaltyProgramEnrollments must be an array of enrolments",
                    "loyaltyProgramEnrollments");
            return;
        }
        Set<Long> programmes = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String path = single ? "loyaltyProgramEnrollments" : "loyaltyProgramEnrollments[" + i + "]";
            JsonNode item = items.get(i);
            Map<String, JsonNode> fields = fields(item, path, Set.of("programId", "tierNumber", "loyaltyPoints",
                    "tierExpiryDate", "pointsExpiryDate"), Set.of("endPointsEnabled"));
            if (item == null || !item.isObject()) {
                continue;
            }
            int before = errors.size();
            Long programme = present(fields.get("programId"))
                    ? whole(fields.get("programId"), path + ".programId", CapillaryCode.INVALID_ENROLMENT) : null;
            if (programme == null && !present(fields.get("programId"))) {
                error(CapillaryCode.INVALID_ENROLMENT, "programId is required", path + ".programId");
            }
            Long tier = present(fields.get("tierNumber"))
                    ? whole(fields.get("tierNumber"), path + ".tierNumber", CapillaryCode.INVALID_ENROLMENT) : null;
            Long points = present(fields.get("loyaltyPoints"))
                    ? whole(fields.get("loyaltyPoints"), path + ".loyaltyPoints", CapillaryCode.INVALID_ENROLMENT)
                    : null;
            Instant tierExpiry = present(fields.get("tierExpiryDate"))
                    ? dateTime(fields.get("tierExpiryDate"), path + ".tierExpiryDate", CapillaryCode.INVALID_ENROLMENT)
                    : null;
            Instant pointsExpiry = present(fields.get("pointsExpiryDate"))
                    ? dateTime(fields.get("pointsExpiryDate"), path + ".pointsExpiryDate",
                    CapillaryCode.INVALID_ENROLMENT) : null;
            if (errors.size() > before || programme == null) {
                continue;
            }
            if (programme <= 0 || programme > Integer.MAX_VALUE) {
                error(CapillaryCode.INVALID_ENROLMENT, "programId must be a positive integer", path + ".programId");
                continue;
            }
            if (!programmes.add(programme)) {
                error(CapillaryCode.INVALID_ENROLMENT, "program " + programme + " is listed twice",
                        path + ".programId");
                continue;
            }
            if (tier != null && (tier <= 0 || tier > Integer.MAX_VALUE)) {
                error(CapillaryCode.INVALID_ENROLMENT, "tierNumber must be a positive integer", path + ".tierNumber");
                continue;
            }
            try {
                enrolments.add(new CapillaryRegistration.EnrolmentEntry(path, new Enrolment(programme.intValue(),
                        tier == null ? null : tier.intValue(), points, tierExpiry, pointsExpiry)));
            } catch (InvalidValueException e) {
                error(CapillaryCode.INVALID_ENROLMENT, e.getMessage(),
                        path + (e.code().equals("out-of-range") ? ".loyaltyPoints" : ".programId"));
            }
        }
    }

    /**
     * The members of an object by their documented names, matched case-insensitively; reports anything else.
     * A non-object is reported too (and gives an empty map).
     */
    private Map<String, JsonNode> fields(JsonNode node, String path, Set<String> known, Set<String> ignored) {
        Map<String, JsonNode> found = new LinkedHashMap<>();
        if (node == null || !node.isObject()) {
            error(CapillaryCode.INVALID_REQUEST, (path.isEmpty() ? "the body" : path) + " must be a JSON object",
                    path);
            return found;
        }
        for (Map.Entry<String, JsonNode> entry : node.entries()) {
            String name = canonical(entry.getKey(), known);
            if (name != null) {
                found.put(name, entry.getValue());
            } else if (canonical(entry.getKey(), ignored) == null) {
                error(CapillaryCode.INVALID_FIELD, "unknown field " + entry.getKey(),
                        path.isEmpty() ? entry.getKey() : path + "." + entry.getKey());
            }
        }
        return found;
    }

    private static String canonical(String key, Set<String> names) {
        for (String name : names) {
            if (name.equalsIgnoreCase(key.trim())) {
                return name;
            }
        }
        return null;
    }

    private Instant dateTime(JsonNode node, String path, CapillaryCode code) {
        String text = scalarText(node);
        if (text != null && SPACE_DATETIME.matcher(text).matches()) {
            // "2019-09-09 11:24:38", as Capillary writes its own dates
            text = text.replaceFirst(" ", "T");
        }
        try {
            if (text == null) {
                throw new InvalidValueException("invalid-datetime", "not a string");
            }
            return (Instant) ProfileField.REGISTERED_AT.normalize(text, tenant.timeZone());
        } catch (InvalidValueException e) {
            error(code, "must be a date-time such as 2024-01-01T10:00:00+05:30 (without an offset the org's time "
                    + "zone applies)", path);
            return null;
        }
    }

    private Long whole(JsonNode node, String path, CapillaryCode code) {
        try {
            BigDecimal number = node.isNumber() ? JsonNumbers.decimal(node)
                    : node.isString() ? new BigDecimal(node.getStringValue().trim()) : null;
            if (number != null && number.stripTrailingZeros().scale() <= 0) {
                return number.longValueExact();
            }
        } catch (NumberFormatException | ArithmeticException ignored) {
            // reported below
        }
        error(code, "must be a whole number", path);
        return null;
    }

    private Boolean flag(JsonNode node, String path) {
        if (!present(node)) {
            return null;
        }
        if (node.isBoolean()) {
            return node.getBooleanValue();
        }
        if (node.isString() && (node.getStringValue().equalsIgnoreCase("true")
                || node.getStringValue().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(node.getStringValue().toLowerCase(Locale.ROOT));
        }
        error(CapillaryCode.INVALID_FIELD, "must be true or false", path);
        return null;
    }

    private static boolean validAttribute(String key, String value) {
        try {
            new CustomerDetails(Set.of(), Set.of(), Map.of(key, value), Map.of(), List.of(), List.of(), null, null);
            return true;
        } catch (InvalidValueException e) {
            return false;
        }
    }

    /** Not sent: missing, null, or an empty string. */
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !(node.isString() && node.getStringValue().isBlank());
    }

    /** The text of a string, number or boolean; null for anything else or a blank string. */
    private static String scalarText(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isString()) {
            String text = node.getStringValue().trim();
            return text.isEmpty() ? null : text;
        }
        if (node.isNumber()) {
            // not finite (1e400): no text, as for anything else that can't be one
            BigDecimal number = JsonNumbers.decimal(node);
            return number == null ? null : number.toPlainString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.getBooleanValue());
        }
        return null;
    }

    /** Domain messages name the native field ("registeredTill must ..."); say the vendor's name instead. */
    private static String vendorMessage(String message, ProfileField field, String path) {
        String name = path.substring(path.lastIndexOf('.') + 1);
        return message.startsWith(field.jsonName()) ? name + message.substring(field.jsonName().length()) : message;
    }

    private static String sortedSources() {
        return String.join(", ", new java.util.TreeSet<>(CapillaryIdentifiers.SOURCES));
    }

    private void error(CapillaryCode code, String message, String field) {
        errors.add(CapillaryMessage.of(code, message, field));
    }
}
