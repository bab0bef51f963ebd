package io.clientele.domain.customer;

import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.identity.Identifier;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A customer as it was at one moment: what the merge journal keeps to undo a merge. */
public record CustomerSnapshot(CustomerId id, LifecycleState state, long version, Profile profile,
                               List<Identifier> identifiers, Instant createdAt, Instant updatedAt,
                               CustomerId mergedInto, CustomerDetails details, List<ConsentEvent> consents,
                               List<PushSubscription> pushSubscriptions) {

    public CustomerSnapshot {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(profile, "profile");
        identifiers = List.copyOf(identifiers);
        details = details == null ? CustomerDetails.empty() : details;
        consents = consents == null ? List.of() : List.copyOf(consents);
        pushSubscriptions = pushSubscriptions == null ? List.of() : List.copyOf(pushSubscriptions);
    }

    /** This snapshot without personal data: only the id, state, version, merge pointer and timestamps remain. */
    public CustomerSnapshot withoutPersonalData() {
        return new CustomerSnapshot(id, state, version, Profile.empty(), List.of(), createdAt, updatedAt, mergedInto,
                CustomerDetails.empty(), List.of(), List.of());
    }
}
