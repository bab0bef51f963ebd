package io.clientele.application.service;

import io.clientele.application.port.in.IdentifierInput;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.shared.Violation;
import io.clientele.domain.tenant.Tenant;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Normalises identifiers as sent into domain identifiers, naming every bad one by its JSON Pointer. */
final class IdentifierInputs {

    private IdentifierInputs() {
    }

    /**
     * @return the identifiers, one per key (a repeated key adds its sighting; its channel flags, when sent, win)
     * @throws ValidationException listing every invalid identifier
     */
    static List<Identifier> normalize(List<IdentifierInput> inputs, Tenant tenant, String defaultSource,
                                      String pointer) {
        return normalize(inputs, tenant, defaultSource, pointer, true);
    }

    /**
     * @param indexed whether pointers include the index ({@code /identifiers/0/value}) or name the fields directly
     *                ({@code /value}, for a single identifier given as query parameters)
     */
    static List<Identifier> normalize(List<IdentifierInput> inputs, Tenant tenant, String defaultSource,
                                      String pointer, boolean indexed) {
        Map<IdentifierKey, Identifier> unique = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            IdentifierInput input = inputs.get(i);
            String at = indexed ? pointer + "/" + i : pointer;
            try {
                Identifier identifier = normalize(input, tenant, defaultSource, at, violations);
                if (identifier != null) {
                    // sent twice (two of a Capillary registration's profiles, from two sources): both sightings
                    unique.merge(identifier.key(), identifier, Identifier::seenAgain);
                }
            } catch (InvalidValueException e) {
                String field = e.code().equals("invalid-soft-link-name") ? "/name" : "/value";
                violations.add(Violation.of(at + field, e));
            }
        }
        if (!violations.isEmpty()) {
            throw new ValidationException(violations);
        }
        return List.copyOf(unique.values());
    }

    private static Identifier normalize(IdentifierInput input, Tenant tenant, String defaultSource, String at,
                                        List<Violation> violations) {
        IdentifierType type;
        try {
            type = IdentifierType.parse(input.type());
        } catch (InvalidValueException e) {
            violations.add(Violation.of(at + "/type", e));
            return null;
        }
        if (type == IdentifierType.SOFT_LINK && (input.name() == null || input.name().isBlank())) {
            violations.add(new Violation(at + "/name", "invalid-soft-link-name", "a soft link needs a name"));
            return null;
        }
        Identifier identifier = Identifier.parse(type, type == IdentifierType.SOFT_LINK ? input.name() : null,
                input.value(), input.region() != null ? input.region() : tenant.defaultRegion(),
                tenant.placeholderPolicy());
        String source = input.source() != null ? input.source() : defaultSource;
        try {
            return identifier.seenAt(source, input.accountId(), input.primary(), input.verified(),
                    input.subscribed());
        } catch (InvalidValueException e) {
            violations.add(Violation.of(at + (e.code().equals("invalid-source") ? "/source" : "/accountId"), e));
            return null;
        }
    }
}
