package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** A customer written with Custobar's field names, as the data retrieval API answers; fields without a value are left out. */
final class CustobarCustomers {

    private CustobarCustomers() {
    }

    /** @param fields the fields asked for (external_id is always there), or null for all */
    static Map<String, Object> write(Customer customer, Set<String> fields) {
        Map<String, Object> all = new LinkedHashMap<>();
        putIfPresent(all, CustobarFields.EXTERNAL_ID, identifier(customer, IdentifierType.EXTERNAL_ID));
        putIfPresent(all, CustobarFields.PHONE_NUMBER, identifier(customer, IdentifierType.PHONE));
        putIfPresent(all, CustobarFields.EMAIL, identifier(customer, IdentifierType.EMAIL));
        CustomerDetails details = customer.details();
        putIfPresent(all, CustobarFields.CANONICAL_ID, details.canonicalId());
        CustobarFields.PROFILE.forEach((name, field) -> putIfPresent(all, name, profileValue(customer, field)));
        // no ledger entry reads as false: Custobar's default for every permission
        CustobarFields.PERMISSIONS.forEach((name, channel) -> all.put(name, customer.consents().isGranted(channel)));
        if (!details.tags().isEmpty()) {
            all.put(CustobarFields.TAGS, List.copyOf(details.tags()));
        }
        if (!details.mailingLists().isEmpty()) {
            all.put(CustobarFields.MAILING_LISTS, List.copyOf(details.mailingLists()));
        }
        details.attributes().forEach((key, value) -> {
            if (CustobarFields.isCompanyField(key)) {
                all.put(key, value);
            }
        });
        if (fields == null) {
            return all;
        }
        Map<String, Object> chosen = new LinkedHashMap<>();
        putIfPresent(chosen, CustobarFields.EXTERNAL_ID, all.get(CustobarFields.EXTERNAL_ID));
        for (String field : fields) {
            putIfPresent(chosen, field, all.get(field));
        }
        return chosen;
    }

    /**
     * The document showing, for an identifier field the query named, the value asked for when the customer holds it:
     * a customer with several external ids (one added beside another by a later upload) found by the second answered
     * with the first, which a client matching answers to its query took for another customer.
     */
    static Map<String, Object> showingAsked(Map<String, Object> document, Customer customer,
                                            Map<String, String> filters) {
        CustobarFields.IDENTIFIERS.forEach((field, type) -> {
            String asked = filters.get(field);
            if (asked == null || !document.containsKey(field)) {
                return;
            }
            customer.identifiers().stream()
                    .filter(held -> held.type() == type && held.value().equalsIgnoreCase(asked.trim()))
                    .findFirst()
                    .ifPresent(held -> document.put(field, held.value()));
        });
        return document;
    }

    /** The value of one field as the data API shows it, for filtering by {@code <field>=value}. */
    static Object value(Customer customer, String field) {
        return write(customer, null).get(field);
    }

    /**
     * The customer's identifier of a type; an external id written through this dialect is preferred over one seen
     * from another source.
     */
    private static String identifier(Customer customer, IdentifierType type) {
        return customer.identifiers().stream()
                .filter(i -> i.type() == type)
                // the one only Custobar gave (its latest: a later import replaces it), then one Custobar also gave,
                // then one other sources added
                .min(Comparator.comparingInt(CustobarCustomers::custobarRank))
                .map(Identifier::value)
                .orElse(null);
    }

    private static int custobarRank(Identifier identifier) {
        long fromCustobar = identifier.sources().stream()
                .filter(sighting -> CustobarImporter.SOURCE.equals(sighting.source())).count();
        return fromCustobar == 0 ? 2 : fromCustobar == identifier.sources().size() ? 0 : 1;
    }

    private static Object profileValue(Customer customer, ProfileField field) {
        Object value = customer.profile().get(field);
        if (value == null) {
            return null;
        }
        if (field == ProfileField.GENDER) {
            return switch (value.toString()) {
                case "m" -> "male";
                case "f" -> "female";
                default -> value.toString();
            };
        }
        if (value instanceof Boolean || value instanceof Integer) {
            return value;
        }
        return ProfileField.format(value);
    }

    /** Whether a customer's field matches a filter value (lists: contains; codes and emails: any case). */
    static boolean matches(Customer customer, String field, String wanted) {
        Object value = value(customer, field);
        if (value == null) {
            return wanted.isEmpty() || CustobarFields.PERMISSIONS.containsKey(field) && isFalse(wanted);
        }
        if (value instanceof List<?> list) {
            return list.stream().anyMatch(member -> member.toString().equals(wanted));
        }
        if (value instanceof Boolean bool) {
            return bool ? isTrue(wanted) : isFalse(wanted);
        }
        String text = value.toString();
        return text.equals(wanted) || caseInsensitive(field) && text.equalsIgnoreCase(wanted);
    }

    private static boolean caseInsensitive(String field) {
        return field.equals(CustobarFields.EMAIL) || field.equals("country") || field.equals("language")
                || field.equals("gender");
    }

    static boolean isTrue(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return lower.equals("true") || lower.equals("1");
    }

    static boolean isFalse(String text) {
        String lower = text.trim().toLowerCase(Locale.ROOT);
        return lower.equals("false") || lower.equals("0");
    }

    static Channel channel(String field) {
        return CustobarFields.PERMISSIONS.get(field);
    }

    private static void putIfPresent(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
