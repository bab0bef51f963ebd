package io.clientele.application.port.in;

import io.clientele.domain.customer.PushSubscription;

/** A push subscription as sent; {@code createdAt} null: now. */
public record PushInput(PushSubscription.Provider provider, String token, String applicationId, String fcmProjectId,
                        Boolean devEnvironment, java.time.Instant createdAt) {

    /** The device this names, as {@link PushSubscription#key()} will: one token belongs to one customer at a time. */
    public String deviceKey() {
        return PushSubscription.key(provider, token);
    }
}
