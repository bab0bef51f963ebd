package io.clientele.domain.customer;

import java.util.List;
import java.util.Optional;

/**
 * A change to the details of a customer. Null members mean "not sent, keep"; {@code canonicalId} is
 * {@code Optional.empty()} to remove it; {@code children}/{@code vehicles} replace the lists when sent.
 */
public record DetailsPatch(SetEdit tags, SetEdit mailingLists, MapEdit<String> attributes,
                           MapEdit<Object> extendedFields, List<Child> children, List<Vehicle> vehicles,
                           Loyalty loyalty, boolean removeLoyalty, Optional<String> canonicalId) {

    private static final DetailsPatch NONE = new DetailsPatch(SetEdit.none(), SetEdit.none(), MapEdit.none(),
            MapEdit.none(), null, null, null, false, null);

    public DetailsPatch {
        tags = tags == null ? SetEdit.none() : tags;
        mailingLists = mailingLists == null ? SetEdit.none() : mailingLists;
        attributes = attributes == null ? MapEdit.none() : attributes;
        extendedFields = extendedFields == null ? MapEdit.none() : extendedFields;
        children = children == null ? null : List.copyOf(children);
        vehicles = vehicles == null ? null : List.copyOf(vehicles);
    }

    public static DetailsPatch none() {
        return NONE;
    }
}
