package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.SourceAccount;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The {@code customerDetails} document: Capillary keeps one profile per source account, so the registry's one
 * customer is shown as one profile per (source, account id) its identifiers were seen from, each with the
 * identifiers and comm channels of that source account. Names, custom fields and extended fields are the customer's
 * (the registry keeps one set, not one per source account). Push subscriptions are the customer's too and appear as
 * {@code ios}/{@code android} channels in every profile. Card series details come back on the card identifier rather
 * than among the custom fields they are stored with. Mobile numbers are written as Capillary writes them: digits
 * with the country code, no {@code +}.
 */
final class CapillaryCustomerDetails {

    private static final String CARD_PREFIX = "card.";

    private CapillaryCustomerDetails() {
    }

    /** @param sighting which source accounts to show (a lookup for one source shows that source's profiles) */
    static Map<String, Object> write(Customer customer, Predicate<SourceAccount> sighting) {
        Map<SourceAccount, List<Identifier>> bySource = new LinkedHashMap<>();
        for (Identifier identifier : customer.identifiers()) {
            for (SourceAccount source : identifier.sources()) {
                if (sighting.test(source)) {
                    bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(identifier);
                }
            }
        }
        CustomerDetails details = customer.details();
        Map<String, String> fields = new LinkedHashMap<>();
        details.attributes().forEach((key, value) -> {
            if (!key.startsWith(CARD_PREFIX)) {
                fields.put(key, value);
            }
        });
        List<Map<String, Object>> profiles = new ArrayList<>();
        bySource.forEach((source, identifiers) -> {
            Map<String, Object> profile = new LinkedHashMap<>();
            profile.put("firstName", text(customer, ProfileField.FIRST_NAME));
            profile.put("lastName", text(customer, ProfileField.LAST_NAME));
            profile.put("identifiers", identifiers.stream().map(i -> identifier(i, details)).toList());
            List<Map<String, Object>> channels = new ArrayList<>();
            identifiers.stream().filter(CapillaryCustomerDetails::isChannel)
                    .forEach(i -> channels.add(channel(i)));
            customer.pushSubscriptions().forEach(p -> {
                Map<String, Object> channel = new LinkedHashMap<>();
                channel.put("type", p.provider() == PushSubscription.Provider.APNS ? "ios" : "android");
                channel.put("value", p.token());
                channels.add(channel);
            });
            profile.put("commChannels", channels);
            profile.put("fields", fields);
            profile.put("source", source.source());
            if (source.accountId() != null) {
                profile.put("accountId", source.accountId());
            }
            profiles.add(profile);
        });
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", customer.id().value());
        document.put("profiles", profiles);
        Map<String, Object> loyaltyInfo = new LinkedHashMap<>();
        loyaltyInfo.put("loyaltyType", text(customer, ProfileField.LOYALTY_TYPE));
        document.put("loyaltyInfo", loyaltyInfo);
        document.put("extendedFields", details.extendedFields());
        // beside the vendor's keys: the rest of what a registration sends, under the request's names
        document.put("createDate", text(customer, ProfileField.REGISTERED_AT));
        document.put("associatedWith", text(customer, ProfileField.REGISTERED_TILL));
        document.put("loyaltyProgramEnrollments", details.loyalty().enrolments().stream()
                .map(CapillaryCustomerDetails::enrolment).toList());
        document.put("warnings", List.of());
        return document;
    }

    private static Map<String, Object> identifier(Identifier identifier, CustomerDetails details) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("type", CapillaryIdentifiers.capillaryName(identifier));
        document.put("value", value(identifier));
        if (identifier.type() == IdentifierType.CARD) {
            String prefix = CARD_PREFIX + identifier.value() + ".";
            String seriesId = details.attributes().get(prefix + "seriesId");
            if (seriesId != null) {
                // a number as the card's registration wrote it; an attribute of that name written another way (any
                // path can write attributes) is answered as it is rather than failing the read
                document.put("seriesId", seriesId.matches("-?\\d{1,18}") ? (Object) Long.parseLong(seriesId) : seriesId);
            }
            putIfPresent(document, "seriesCode", details.attributes().get(prefix + "seriesCode"));
            putIfPresent(document, "statusLabel", details.attributes().get(prefix + "statusLabel"));
        }
        return document;
    }

    private static boolean isChannel(Identifier identifier) {
        return switch (identifier.type()) {
            case PHONE, EMAIL, WECHAT, LINE, MOBILE_PUSH -> true;
            default -> false;
        };
    }

    private static Map<String, Object> channel(Identifier identifier) {
        Map<String, Object> channel = new LinkedHashMap<>();
        channel.put("type", CapillaryIdentifiers.capillaryName(identifier));
        channel.put("value", value(identifier));
        putIfPresent(channel, "primary", identifier.primary());
        putIfPresent(channel, "verified", identifier.verified());
        putIfPresent(channel, "subscribed", identifier.subscribed());
        return channel;
    }

    private static String value(Identifier identifier) {
        return identifier.type() == IdentifierType.PHONE && identifier.value().startsWith("+")
                ? identifier.value().substring(1) : identifier.value();
    }

    private static Map<String, Object> enrolment(Enrolment enrolment) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("programId", enrolment.programmeId());
        putIfPresent(document, "tierNumber", enrolment.tierNumber());
        putIfPresent(document, "loyaltyPoints", enrolment.points());
        putIfPresent(document, "tierExpiryDate", enrolment.tierExpiry() == null ? null
                : enrolment.tierExpiry().toString());
        putIfPresent(document, "pointsExpiryDate", enrolment.pointsExpiry() == null ? null
                : enrolment.pointsExpiry().toString());
        return document;
    }

    private static String text(Customer customer, ProfileField field) {
        Object value = customer.profile().get(field);
        return value == null ? null : ProfileField.format(value);
    }

    private static void putIfPresent(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
