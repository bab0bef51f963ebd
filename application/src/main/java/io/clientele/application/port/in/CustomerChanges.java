package io.clientele.application.port.in;

import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.ProfilePatch;

import java.util.List;

/**
 * Everything one write changes on a customer besides identifiers: profile (merge patch), details (tags, lists,
 * attributes, extended fields as sent, household, loyalty, canonical id), consent events to append, push
 * subscriptions to add or move here ({@code removeAllPush}: the listed ones replace those held; none listed drops
 * every one).
 */
public record CustomerChanges(ProfilePatch profile, DetailsPatch details, List<ConsentInput> consents,
                              List<PushInput> pushSubscriptions, boolean removeAllPush) {

    private static final CustomerChanges NONE = new CustomerChanges(ProfilePatch.none(), DetailsPatch.none(),
            List.of(), List.of(), false);

    public CustomerChanges {
        profile = profile == null ? ProfilePatch.none() : profile;
        details = details == null ? DetailsPatch.none() : details;
        consents = consents == null ? List.of() : List.copyOf(consents);
        pushSubscriptions = pushSubscriptions == null ? List.of() : List.copyOf(pushSubscriptions);
    }

    public static CustomerChanges none() {
        return NONE;
    }

    public static CustomerChanges of(ProfilePatch profile) {
        return new CustomerChanges(profile, DetailsPatch.none(), List.of(), List.of(), false);
    }
}
