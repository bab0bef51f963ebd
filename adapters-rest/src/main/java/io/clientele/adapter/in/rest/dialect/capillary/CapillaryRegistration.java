package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.PushInput;
import io.clientele.domain.customer.Enrolment;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.IdentifierKey;

import java.util.List;
import java.util.Map;

/**
 * One "Add Customer" request, read and checked: identifiers (one per key, each with the source and account of the
 * profile it came in, and where in the request it was), profile values, custom fields (with card series details),
 * extended fields, programme enrolments, push tokens and the newsletter subscriptions of email and mobile channels.
 *
 * @param defaultSource the first profile's source: what the write is recorded under
 */
record CapillaryRegistration(List<IdentifierEntry> identifiers, String defaultSource,
                             Map<ProfileField, Object> profile, Map<String, String> attributes,
                             Map<String, Object> extendedFields, List<EnrolmentEntry> enrolments,
                             List<PushInput> pushSubscriptions, List<ConsentInput> consents) {

    CapillaryRegistration {
        identifiers = List.copyOf(identifiers);
        profile = Map.copyOf(profile);
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        extendedFields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(extendedFields));
        enrolments = List.copyOf(enrolments);
        pushSubscriptions = List.copyOf(pushSubscriptions);
        consents = List.copyOf(consents);
    }

    /**
     * @param path  where the identifier is in the request ({@code profiles[0].identifiers[1]})
     * @param key   its normalised key, as the registry compares it
     * @param input what is passed to the upsert (value as sent, with the profile's source and account)
     */
    record IdentifierEntry(String path, IdentifierKey key, IdentifierInput input) {

        /** The profile field that holds this identifier's source ({@code profiles[0].source}). */
        String profilePath() {
            return path.substring(0, path.indexOf(']') + 1);
        }

        IdentifierEntry withFlags(Boolean primary, Boolean verified, Boolean subscribed) {
            return new IdentifierEntry(path, key, new IdentifierInput(input.type(), input.name(), input.value(),
                    input.source(), input.accountId(), primary != null ? primary : input.primary(),
                    verified != null ? verified : input.verified(),
                    subscribed != null ? subscribed : input.subscribed()));
        }
    }

    /** @param path where the enrolment is in the request ({@code loyaltyProgramEnrollments[0]}) */
    record EnrolmentEntry(String path, Enrolment enrolment) {
    }
}
