package io.clientele.domain.customer;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A change to the details of a customer. Null members mean "not sent, keep"; {@code canonicalId} is
 * {@code Optional.empty()} to remove it; {@code children}/{@code vehicles} replace the lists when sent;
 * {@code loyaltyRemoved} names the loyalty values removed ({@link Loyalty#without}: sent as null, or enrolments a
 * merge patch replaces), applied before {@code loyalty}.
 */
public record DetailsPatch(SetEdit tags, SetEdit mailingLists, MapEdit<String> attributes,
                           MapEdit<Object> extendedFields, List<Child> children, List<Vehicle> vehicles,
                           Loyalty loyalty, boolean removeLoyalty, Optional<String> canonicalId,
                           Set<String> loyaltyRemoved) {

    private static final DetailsPatch NONE = new DetailsPatch(SetEdit.none(), SetEdit.none(), MapEdit.none(),
            MapEdit.none(), null, null, null, false, null, Set.of());

    public DetailsPatch(SetEdit tags, SetEdit mailingLists, MapEdit<String> attributes,
                        MapEdit<Object> extendedFields, List<Child> children, List<Vehicle> vehicles,
                        Loyalty loyalty, boolean removeLoyalty, Optional<String> canonicalId) {
        this(tags, mailingLists, attributes, extendedFields, children, vehicles, loyalty, removeLoyalty, canonicalId,
                Set.of());
    }

    public DetailsPatch {
        tags = tags == null ? SetEdit.none() : tags;
        mailingLists = mailingLists == null ? SetEdit.none() : mailingLists;
        attributes = attributes == null ? MapEdit.none() : attributes;
        extendedFields = extendedFields == null ? MapEdit.none() : extendedFields;
        children = children == null ? null : List.copyOf(children);
        vehicles = vehicles == null ? null : List.copyOf(vehicles);
        loyaltyRemoved = loyaltyRemoved == null ? Set.of() : Set.copyOf(loyaltyRemoved);
        for (String field : loyaltyRemoved) {
            if (!Loyalty.FIELDS.contains(field)) {
                throw new IllegalArgumentException("no loyalty value " + field);
            }
        }
    }

    public static DetailsPatch none() {
        return NONE;
    }
}
