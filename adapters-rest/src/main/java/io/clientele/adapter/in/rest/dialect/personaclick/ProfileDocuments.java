package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.domain.customer.Child;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.Loyalty;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.customer.Vehicle;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A customer in PersonaClick's field names: the full profile, or the depersonalised one of {@code profile get}. */
final class ProfileDocuments {

    private ProfileDocuments() {
    }

    /**
     * Everything {@code profile set} can write, in its names, for callers allowed to see personal data. {@code id} is
     * the store's user id (as {@code set} sent it, so the profile round-trips); {@code clientele_id} is ours.
     */
    static Map<String, Object> full(Customer customer) {
        Map<String, Object> document = new LinkedHashMap<>();
        put(document, "id", storeId(customer).orElse(null));
        document.put("clientele_id", customer.id().value());
        put(document, "email", first(customer, IdentifierType.EMAIL).map(Identifier::displayValue).orElse(null));
        document.put("has_email", first(customer, IdentifierType.EMAIL).isPresent());
        put(document, "phone", first(customer, IdentifierType.PHONE).map(Identifier::value).orElse(null));
        put(document, "did", first(customer, IdentifierType.DEVICE_ID).map(Identifier::value).orElse(null));
        put(document, "first_name", customer.profile().get(ProfileField.FIRST_NAME));
        put(document, "last_name", customer.profile().get(ProfileField.LAST_NAME));
        put(document, "gender", customer.profile().get(ProfileField.GENDER));
        put(document, "birthday", text(customer.profile().get(ProfileField.BIRTH_DATE)));
        put(document, "age", customer.profile().effectiveAge(LocalDate.now(ZoneOffset.UTC)));
        put(document, "location", customer.profile().get(ProfileField.LOCATION));
        put(document, "bought_something", customer.profile().get(ProfileField.BOUGHT_SOMETHING));
        Loyalty loyalty = customer.details().loyalty();
        put(document, "loyalty_id", loyalty.loyaltyId());
        put(document, "loyalty_card_location", loyalty.cardLocation());
        put(document, "loyalty_status", loyalty.status());
        put(document, "loyalty_bonuses", loyalty.bonuses());
        put(document, "loyalty_bonuses_to_next_level", loyalty.bonusesToNextLevel());
        put(document, "fb_id", first(customer, IdentifierType.FB_ID).map(Identifier::value).orElse(null));
        put(document, "vk_id", first(customer, IdentifierType.VK_ID).map(Identifier::value).orElse(null));
        put(document, "telegram_id", first(customer, IdentifierType.TELEGRAM_ID).map(Identifier::value).orElse(null));
        document.put("kids", customer.details().children().stream().map(ProfileDocuments::child).toList());
        document.put("auto", customer.details().vehicles().stream().map(v -> {
            Map<String, Object> auto = new LinkedHashMap<>();
            put(auto, "brand", v.brand());
            put(auto, "model", v.model());
            put(auto, "vds", vds(v));
            return auto;
        }).toList());
        document.put("custom_properties", customer.details().attributes());
        return document;
    }

    /**
     * The depersonalised profile of {@code profile get}: no names, contact data or identifiers. {@code id} is our
     * opaque customer id, which identifies nobody outside the registry. Of the page's {@code get} table only what
     * the registry holds is given (gender, children, vds); the behavioural ones no write supplies are left out.
     */
    static Map<String, Object> depersonalized(Customer customer) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", customer.id().value());
        document.put("has_email", first(customer, IdentifierType.EMAIL).isPresent());
        put(document, "gender", customer.profile().get(ProfileField.GENDER));
        put(document, "bought_something", customer.profile().get(ProfileField.BOUGHT_SOMETHING));
        // not those named after an identifier (a Capillary card's details carry the card number in their names)
        document.put("custom_properties", customer.depersonalisedAttributes());
        document.put("children", customer.details().children().stream().map(ProfileDocuments::child).toList());
        // the VDS only: a VIN sent by another path names one car, so it stays out of this view (as natively)
        customer.details().vehicles().stream().map(Vehicle::vds).filter(v -> v != null).findFirst()
                .ifPresent(vds -> document.put("vds", vds));
        return document;
    }

    /** The store-side user id: the external id PersonaClick wrote, else the first one held. */
    private static Optional<String> storeId(Customer customer) {
        List<Identifier> ids = customer.identifiers().stream()
                .filter(i -> i.type() == IdentifierType.EXTERNAL_ID).toList();
        return ids.stream().filter(i -> i.sources().stream().anyMatch(s -> ProfileSetReader.SOURCE.equals(s.source())))
                .findFirst().or(() -> ids.stream().findFirst()).map(Identifier::value);
    }

    private static Optional<Identifier> first(Customer customer, IdentifierType type) {
        return customer.identifiers().stream().filter(i -> i.type() == type).findFirst();
    }

    private static Map<String, Object> child(Child child) {
        Map<String, Object> kid = new LinkedHashMap<>();
        put(kid, "gender", child.gender());
        put(kid, "birthday", text(child.birthDate()));
        return kid;
    }

    private static String vds(Vehicle vehicle) {
        return vehicle.vds() != null ? vehicle.vds() : vehicle.vin();
    }

    private static String text(Object value) {
        return value == null ? null : ProfileField.format(value);
    }

    private static void put(Map<String, Object> document, String key, Object value) {
        if (value != null) {
            document.put(key, value);
        }
    }
}
