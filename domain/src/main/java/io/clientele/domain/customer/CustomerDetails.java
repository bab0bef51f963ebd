package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The customer's memberships, attributes, household and loyalty data. Limits (documented in the README):
 * at most 200 tags, 200 mailing lists and 200 custom attributes; tag, list and attribute names 1 to 100 characters;
 * attribute values at most 2,000 characters; canonical id at most 100 characters.
 */
public record CustomerDetails(Set<String> tags, Set<String> mailingLists, Map<String, String> attributes,
                              Map<String, Object> extendedFields, List<Child> children, List<Vehicle> vehicles,
                              Loyalty loyalty, String canonicalId) {

    public static final int MAX_MEMBERS = 200;
    public static final int MAX_NAME = 100;
    public static final int MAX_ATTRIBUTE_VALUE = 2000;
    private static final CustomerDetails EMPTY = new CustomerDetails(Set.of(), Set.of(), Map.of(), Map.of(), List.of(),
            List.of(), Loyalty.NONE, null);

    public CustomerDetails {
        tags = members("tags", tags);
        mailingLists = members("mailingLists", mailingLists);
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        if (attributes.size() > MAX_MEMBERS) {
            throw new InvalidValueException("too-many-attributes", "at most " + MAX_MEMBERS + " custom attributes");
        }
        attributes.forEach(CustomerDetails::checkAttribute);
        extendedFields = Collections.unmodifiableMap(new LinkedHashMap<>(extendedFields));
        children = List.copyOf(children);
        vehicles = List.copyOf(vehicles);
        loyalty = loyalty == null ? Loyalty.NONE : loyalty;
        if (canonicalId != null) {
            checkCanonicalId(canonicalId);
        }
    }

    /** The rules for one custom attribute, for readers that name the field it came from. */
    public static void checkAttribute(String key, String value) {
        if (!isAttributeKey(key)) {
            throw new InvalidValueException("invalid-attribute-name", "attribute name '" + key
                    + "' must be 1 to 100 letters, digits, spaces or _ . : -");
        }
        if (value == null || value.length() > MAX_ATTRIBUTE_VALUE) {
            throw new InvalidValueException("invalid-attribute-value", "attribute " + key
                    + " must be a string of at most " + MAX_ATTRIBUTE_VALUE + " characters");
        }
    }

    /** The rules for a set of tags or mailing lists ({@code what}), for readers that name the field. */
    public static void checkMembers(String what, Set<String> raw) {
        members(what, raw);
    }

    /** The rules for a canonical id, for readers that name the field. */
    public static void checkCanonicalId(String canonicalId) {
        if (canonicalId.isBlank() || canonicalId.length() > MAX_NAME) {
            throw new InvalidValueException("invalid-canonical-id", "canonicalId must be 1 to 100 characters");
        }
    }

    public static CustomerDetails empty() {
        return EMPTY;
    }

    private static Set<String> members(String what, Set<String> raw) {
        Set<String> clean = new LinkedHashSet<>();
        for (String member : raw) {
            String trimmed = member == null ? "" : member.trim();
            if (trimmed.isEmpty() || trimmed.length() > MAX_NAME) {
                throw new InvalidValueException("invalid-member", what + " entries must be 1 to " + MAX_NAME
                        + " characters");
            }
            clean.add(trimmed);
        }
        if (clean.size() > MAX_MEMBERS) {
            throw new InvalidValueException("too-many-members", "at most " + MAX_MEMBERS + " " + what);
        }
        return Collections.unmodifiableSet(clean);
    }

    /** The details with a patch applied; {@code changed} collects the names of the parts that really changed. */
    public CustomerDetails apply(DetailsPatch patch, Set<String> changed) {
        // what the patch removes goes first: an enrolments array it sends then replaces the list
        Loyalty kept = loyalty.without(patch.loyaltyRemoved());
        Loyalty nextLoyalty = patch.removeLoyalty() ? Loyalty.NONE
                : patch.loyalty() != null ? kept.updatedWith(patch.loyalty()) : kept;
        CustomerDetails next = new CustomerDetails(
                patch.tags().applyTo(tags),
                patch.mailingLists().applyTo(mailingLists),
                patch.attributes().applyTo(attributes),
                patch.extendedFields().applyTo(extendedFields),
                patch.children() != null ? patch.children() : children,
                patch.vehicles() != null ? patch.vehicles() : vehicles,
                // what the patch removes goes first: an enrolments array it sends then replaces the list
                nextLoyalty,
                patch.canonicalId() == null ? canonicalId : patch.canonicalId().orElse(null));
        next.diff(this, changed);
        return next;
    }

    /** Merge precedence: sets and lists united, per key the survivor's value wins, single values fill blanks. */
    public CustomerDetails absorbing(CustomerDetails other) {
        Set<String> allTags = new LinkedHashSet<>(tags);
        allTags.addAll(other.tags);
        Set<String> allLists = new LinkedHashSet<>(mailingLists);
        allLists.addAll(other.mailingLists);
        Map<String, String> allAttributes = new LinkedHashMap<>(other.attributes);
        allAttributes.putAll(attributes);
        Map<String, Object> allExtended = new LinkedHashMap<>(other.extendedFields);
        allExtended.putAll(extendedFields);
        List<Child> allChildren = new ArrayList<>(children);
        other.children.stream().filter(c -> !allChildren.contains(c)).forEach(allChildren::add);
        List<Vehicle> allVehicles = new ArrayList<>(vehicles);
        other.vehicles.stream().filter(v -> !allVehicles.contains(v)).forEach(allVehicles::add);
        return new CustomerDetails(capped(allTags), capped(allLists), allAttributes, allExtended, allChildren,
                allVehicles, loyalty.filledFrom(other.loyalty), canonicalId != null ? canonicalId : other.canonicalId);
    }

    private static Set<String> capped(Set<String> members) {
        // a merge must not fail on the limit: keep the survivor's first, then the absorbed's, up to the cap
        return members.size() <= MAX_MEMBERS ? members
                : new LinkedHashSet<>(new ArrayList<>(members).subList(0, MAX_MEMBERS));
    }

    void diff(CustomerDetails before, Set<String> changed) {
        if (!tags.equals(before.tags)) {
            changed.add("tags");
        }
        if (!mailingLists.equals(before.mailingLists)) {
            changed.add("mailingLists");
        }
        if (!attributes.equals(before.attributes)) {
            changed.add("attributes");
        }
        if (!extendedFields.equals(before.extendedFields)) {
            changed.add("extendedFields");
        }
        if (!children.equals(before.children)) {
            changed.add("children");
        }
        if (!vehicles.equals(before.vehicles)) {
            changed.add("vehicles");
        }
        if (!loyalty.equals(before.loyalty)) {
            changed.add("loyalty");
        }
        if (!java.util.Objects.equals(canonicalId, before.canonicalId)) {
            changed.add("canonicalId");
        }
    }

    /**
     * 1 to 100 letters, digits, spaces or {@code _ . : -} (the regex {@code [\p{L}\p{N}_.:\- ]{1,100}}, written out: a
     * customer is checked on every change and the regex was 4 % of a bulk upload).
     */
    static boolean isAttributeKey(String key) {
        int count = 0;
        for (int i = 0; i < key.length(); ) {
            int c = key.codePointAt(i);
            i += Character.charCount(c);
            if (++count > 100 || !(Character.isLetter(c) || isNumber(c) || c == '_' || c == '.' || c == ':'
                    || c == '-' || c == ' ')) {
                return false;
            }
        }
        return count > 0;
    }

    private static boolean isNumber(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
