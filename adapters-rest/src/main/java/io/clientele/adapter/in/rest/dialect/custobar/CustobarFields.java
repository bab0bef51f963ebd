package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.IdentifierType;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Custobar's customer field names and what each one is in the registry (the mapping table of the dialect). */
final class CustobarFields {

    static final String EXTERNAL_ID = "external_id";
    static final String PHONE_NUMBER = "phone_number";
    static final String EMAIL = "email";
    static final String CANONICAL_ID = "canonical_id";
    static final String TAGS = "tags";
    static final String MAILING_LISTS = "mailing_lists";
    static final String IS_DELETED = "is_deleted";
    static final String IS_FORGOTTEN = "is_forgotten";

    /** The identifying fields, in the order their identifiers are sent to the upsert. */
    static final Map<String, IdentifierType> IDENTIFIERS;
    /** Plain profile fields. */
    static final Map<String, ProfileField> PROFILE;
    /** The can_* permissions. */
    static final Map<String, Channel> PERMISSIONS;
    private static final Map<ProfileField, String> PROFILE_NAMES;

    /** Letters, numbers and dashes only (the seed page's rule for external_id). */
    static final Pattern EXTERNAL_ID_RULE = Pattern.compile("[\\p{L}\\p{Nd}-]+");
    /**
     * A company-specific field: an upper-case company short name, a double underscore, a field name
     * ({@code COMPANY__loyalty_level}).
     */
    static final Pattern COMPANY_FIELD = Pattern.compile("[A-Z][A-Z0-9]*__[A-Za-z0-9_.:-]+");

    static {
        Map<String, IdentifierType> identifiers = new LinkedHashMap<>();
        identifiers.put(EXTERNAL_ID, IdentifierType.EXTERNAL_ID);
        identifiers.put(PHONE_NUMBER, IdentifierType.PHONE);
        identifiers.put(EMAIL, IdentifierType.EMAIL);
        IDENTIFIERS = Collections.unmodifiableMap(identifiers);

        Map<String, ProfileField> profile = new LinkedHashMap<>();
        profile.put("first_name", ProfileField.FIRST_NAME);
        profile.put("last_name", ProfileField.LAST_NAME);
        profile.put("date_joined", ProfileField.DATE_JOINED);
        profile.put("shop_id", ProfileField.SHOP_ID);
        profile.put("birth_date", ProfileField.BIRTH_DATE);
        profile.put("city", ProfileField.CITY);
        profile.put("company", ProfileField.COMPANY);
        profile.put("country", ProfileField.COUNTRY);
        profile.put("gender", ProfileField.GENDER);
        profile.put("house_number", ProfileField.HOUSE_NUMBER);
        profile.put("house_number_addition", ProfileField.HOUSE_NUMBER_ADDITION);
        profile.put("language", ProfileField.LANGUAGE);
        profile.put("last_login", ProfileField.LAST_LOGIN);
        profile.put("province", ProfileField.PROVINCE);
        profile.put("street_address", ProfileField.STREET_ADDRESS);
        profile.put("street_name", ProfileField.STREET_NAME);
        profile.put("vat_number", ProfileField.VAT_NUMBER);
        profile.put("zip_code", ProfileField.ZIP_CODE);
        PROFILE = Collections.unmodifiableMap(profile);
        Map<ProfileField, String> names = new EnumMap<>(ProfileField.class);
        profile.forEach((name, field) -> names.put(field, name));
        PROFILE_NAMES = Collections.unmodifiableMap(names);

        Map<String, Channel> permissions = new LinkedHashMap<>();
        permissions.put("can_email", Channel.EMAIL);
        permissions.put("can_sms", Channel.SMS);
        permissions.put("can_post", Channel.POST);
        permissions.put("can_push", Channel.PUSH);
        permissions.put("can_profile", Channel.PROFILING);
        PERMISSIONS = Collections.unmodifiableMap(permissions);
    }

    private CustobarFields() {
    }

    /** The Custobar name of a profile field, or null when Custobar has none for it. */
    static String nameOf(ProfileField field) {
        return PROFILE_NAMES.get(field);
    }

    /** Whether an uploaded record may carry this key: a field ({@link #isKnown}), a list edit or a lifecycle flag. */
    static boolean isWritable(String key) {
        return isKnown(key) || Set.of("tags.add", "tags.remove", "mailing_lists.add", "mailing_lists.remove",
                IS_DELETED, IS_FORGOTTEN).contains(key);
    }

    /** {@link #COMPANY_FIELD}, written out: it is asked for every field of every record of an upload. */
    static boolean isCompanyField(String key) {
        int separator = key.indexOf("__");
        if (separator < 1 || separator + 2 == key.length() || key.charAt(0) < 'A' || key.charAt(0) > 'Z') {
            return false;
        }
        for (int i = 1; i < separator; i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        for (int i = separator + 2; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'
                    || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code name} is a field a customer can carry in this dialect (for reads: fields= and filters). */
    static boolean isKnown(String name) {
        return IDENTIFIERS.containsKey(name) || PROFILE.containsKey(name) || PERMISSIONS.containsKey(name)
                || name.equals(CANONICAL_ID) || name.equals(TAGS) || name.equals(MAILING_LISTS)
                || isCompanyField(name);
    }
}
