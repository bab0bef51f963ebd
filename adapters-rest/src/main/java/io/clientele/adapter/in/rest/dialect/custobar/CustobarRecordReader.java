package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.JsonNumbers;
import io.clientele.adapter.in.rest.dialect.custobar.CustobarRecord.FieldError;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.MapEdit;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.customer.SetEdit;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PhoneNumber;
import io.clientele.domain.shared.InvalidValueException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads one Custobar customer record (Custobar field names, Custobar value rules) into a {@link CustobarRecord}.
 * Only the keys sent change anything; {@code ""} removes a key (a {@code null} is a key not sent). Every bad field is reported, named as sent.
 */
@Singleton
class CustobarRecordReader {

    private final JsonMapper json;

    CustobarRecordReader(JsonMapper json) {
        this.json = json;
    }

    CustobarRecord read(Object raw, ZoneId zone, String region) {
        if (raw instanceof RowProblem problem) {
            return CustobarRecord.rejected(null, List.of(new FieldError("", problem.message())));
        }
        if (!(raw instanceof Map<?, ?> map)) {
            // a JSON string among the records was echoed back as if it were the reader's own message
            return CustobarRecord.rejected(null, List.of(new FieldError("", "a customer must be an object of fields")));
        }
        return new Reading(zone, region).read(map);
    }

    /** A CSV or TSV row that could not be read, in place of its record: its message is the record's error. */
    record RowProblem(String message) {
    }

    /** The state of reading one record. */
    private final class Reading {

        private final ZoneId zone;
        private final String region;
        private final List<FieldError> errors = new ArrayList<>();
        private final List<IdentifierInput> identifiers = new ArrayList<>();
        private final List<String> identifierFields = new ArrayList<>();
        private final Map<String, IdentifierType> removedIdentifiers = new LinkedHashMap<>();
        private final Map<ProfileField, Object> profileSet = new EnumMap<>(ProfileField.class);
        private final Set<ProfileField> profileRemoved = EnumSet.noneOf(ProfileField.class);
        private final Map<Channel, Boolean> permissions = new EnumMap<>(Channel.class);
        private final Map<String, String> attributesSet = new LinkedHashMap<>();
        private final Set<String> attributesRemoved = new LinkedHashSet<>();
        private final List<String> companyFields = new ArrayList<>();
        private final Membership tags = new Membership();
        private final Membership lists = new Membership();
        private Optional<String> canonicalId;
        private Boolean deleted;
        private Boolean forgotten;
        private String externalId;

        Reading(ZoneId zone, String region) {
            this.zone = zone;
            this.region = region;
        }

        CustobarRecord read(Map<?, ?> record) {
            for (Map.Entry<?, ?> entry : record.entrySet()) {
                String key = String.valueOf(entry.getKey());
                try {
                    field(key, entry.getValue());
                } catch (InvalidValueException e) {
                    errors.add(new FieldError(key, e.getMessage()));
                }
            }
            if (errors.isEmpty() && identifiers.isEmpty()) {
                errors.add(new FieldError(CustobarFields.EXTERNAL_ID,
                        "a customer must be identified by external_id, phone_number or email"));
            }
            if (!errors.isEmpty()) {
                return CustobarRecord.rejected(externalId, errors);
            }
            DetailsPatch details = new DetailsPatch(tags.edit(), lists.edit(),
                    new MapEdit<>(attributesSet, attributesRemoved), null, null, null, null, false, canonicalId);
            return new CustobarRecord(externalId, identifiers, identifierFields, removedIdentifiers,
                    new ProfilePatch(profileSet, profileRemoved), details, permissions, deleted, forgotten,
                    companyFields, List.of());
        }

        private void field(String key, Object value) {
            if (value == null && CustobarFields.isWritable(key)) {
                // only "" removes (the page); a null, as serializers write unset fields, is a field not sent: it
                // wiped an email and withdrew a granted can_* when read as "" (an unknown key is refused below)
                return;
            }
            IdentifierType identifier = CustobarFields.IDENTIFIERS.get(key);
            if (identifier != null) {
                identifier(key, identifier, value);
                return;
            }
            ProfileField profileField = CustobarFields.PROFILE.get(key);
            if (profileField != null) {
                profile(key, profileField, value);
                return;
            }
            Channel channel = CustobarFields.PERMISSIONS.get(key);
            if (channel != null) {
                // "" removes the permission, which Custobar defines as false
                permissions.put(channel, isEmpty(value) ? Boolean.FALSE : bool(key, value));
                return;
            }
            switch (key) {
                case CustobarFields.CANONICAL_ID -> canonicalId = isEmpty(value) ? Optional.empty()
                        : Optional.of(checkedName(key, scalarText(key, value)));
                case CustobarFields.TAGS -> tags.replace = isEmpty(value) ? Set.of() : members(key, value);
                case "tags.add" -> tags.add.addAll(members(key, value));
                case "tags.remove" -> tags.remove.addAll(members(key, value));
                case CustobarFields.MAILING_LISTS -> lists.replace = isEmpty(value) ? Set.of() : members(key, value);
                case "mailing_lists.add" -> lists.add.addAll(members(key, value));
                case "mailing_lists.remove" -> lists.remove.addAll(members(key, value));
                case CustobarFields.IS_DELETED -> deleted = isEmpty(value) ? null : bool(key, value);
                case CustobarFields.IS_FORGOTTEN -> forgotten = isEmpty(value) ? null : bool(key, value);
                default -> {
                    if (CustobarFields.isCompanyField(key)) {
                        companyField(key, value);
                    } else {
                        errors.add(new FieldError(key, "unknown field " + key + "; company-specific fields are "
                                + "named with an upper-case company prefix and a double underscore, e.g. "
                                + "COMPANY__loyalty_level"));
                    }
                }
            }
        }

        private void identifier(String key, IdentifierType type, Object value) {
            if (isEmpty(value)) {
                removedIdentifiers.put(key, type);
                return;
            }
            String text = scalarText(key, value).trim();
            if (type == IdentifierType.EXTERNAL_ID) {
                externalId = text;
                if (!CustobarFields.EXTERNAL_ID_RULE.matcher(text).matches()) {
                    errors.add(new FieldError(key, "external_id must consist of letters, numbers and dashes only"));
                    return;
                }
            }
            // "in a country prefixed format, e.g. +358101234567": digits without the + are read that way first
            identifiers.add(IdentifierInput.of(type.label(),
                    type == IdentifierType.PHONE ? PhoneNumber.withCountryCodeFirst(text, region) : text));
            identifierFields.add(key);
        }

        private void profile(String key, ProfileField field, Object value) {
            if (isEmpty(value)) {
                profileRemoved.add(field);
                return;
            }
            if (value instanceof List<?> || value instanceof Map<?, ?>) {
                errors.add(new FieldError(key, key + " must be a single value"));
                return;
            }
            try {
                profileSet.put(field, field.normalize(value, zone));
            } catch (InvalidValueException e) {
                errors.add(new FieldError(key, custobarMessage(e.getMessage(), field, key)));
            }
        }

        private void companyField(String key, Object value) {
            companyFields.add(key);
            if (isEmpty(value)) {
                attributesRemoved.add(key);
                return;
            }
            String text = scalarText(key, value);
            if (text.length() > CustomerDetails.MAX_ATTRIBUTE_VALUE) {
                errors.add(new FieldError(key, key + " must be at most " + CustomerDetails.MAX_ATTRIBUTE_VALUE
                        + " characters"));
                return;
            }
            if (key.length() > CustomerDetails.MAX_NAME) {
                errors.add(new FieldError(key, "a field name must be at most " + CustomerDetails.MAX_NAME
                        + " characters"));
                return;
            }
            attributesSet.put(key, text);
        }

        /** A single string or an array of strings (in CSV/TSV also a JSON array written in the cell). */
        private Set<String> members(String key, Object value) {
            Object members = value;
            if (value instanceof String text && text.trim().startsWith("[") && text.trim().endsWith("]")) {
                try {
                    members = CustobarBodies.plain(json.readValue(text.trim(), JsonNode.class));
                } catch (IOException | RuntimeException e) {
                    members = value;
                }
            }
            Set<String> result = new LinkedHashSet<>();
            if (members == null) {
                return result;
            }
            List<?> items = members instanceof List<?> list ? list : List.of(members);
            for (Object item : items) {
                if (!(item instanceof String || item instanceof Number)) {
                    errors.add(new FieldError(key, key + " must be a string or an array of strings"));
                    return result;
                }
                String member = item.toString().trim();
                if (member.isEmpty()) {
                    continue; // "" adds or removes nothing
                }
                if (member.length() > CustomerDetails.MAX_NAME) {
                    errors.add(new FieldError(key, key + " entries must be at most " + CustomerDetails.MAX_NAME
                            + " characters"));
                    return result;
                }
                result.add(member);
            }
            return result;
        }

        private String checkedName(String key, String text) {
            String trimmed = text.trim();
            if (trimmed.length() > CustomerDetails.MAX_NAME) {
                throw new InvalidValueException("value-too-long", key + " must be at most "
                        + CustomerDetails.MAX_NAME + " characters");
            }
            return trimmed;
        }
    }

    /** The tags or mailing_lists of a record: replaced (tags), edited (tags.add / tags.remove), or both. */
    private static final class Membership {
        private Set<String> replace;
        private final Set<String> add = new LinkedHashSet<>();
        private final Set<String> remove = new LinkedHashSet<>();

        SetEdit edit() {
            return new SetEdit(replace, add, remove);
        }
    }

    private static boolean isEmpty(Object value) {
        return value == null || value instanceof String text && text.isBlank();
    }

    private static String scalarText(String key, Object value) {
        if (value instanceof String text) {
            return text;
        }
        if (value instanceof Number number) {
            // 1 and 1.0 read the same; a loyalty number sent as a JSON number keeps its digits
            String text = JsonNumbers.text(number);
            if (text == null) {
                throw new InvalidValueException("invalid-number", key + " " + JsonNumbers.NOT_FINITE);
            }
            return text;
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        throw new InvalidValueException("invalid-type", key + " must be a string");
    }

    /**
     * Custobar booleans: true/false, and as CSV writes them, "true"/"false"/"1"/"0" in any case. Not "yes"/"no": the
     * page types these fields boolean, and is_deleted and is_forgotten can't be undone.
     */
    private static boolean bool(String key, Object value) {
        if (value instanceof Boolean bool) {
            return bool;
        }
        String text = value instanceof Number number ? number.toString() : value instanceof String s ? s : "";
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "1.0" -> {
                return true;
            }
            case "false", "0", "0.0" -> {
                return false;
            }
            default -> throw new InvalidValueException("invalid-boolean", key + " must be true or false");
        }
    }

    /** The domain names the native field ("zipCode must be ..."); the client sent zip_code. */
    static String custobarMessage(String message, ProfileField field, String key) {
        String nativeName = field.jsonName();
        if (message != null && message.startsWith(nativeName + " ")) {
            return key + message.substring(nativeName.length());
        }
        return message;
    }
}
