package io.clientele.application.port.in;

import io.clientele.domain.customer.PushSubscription;

/** A push subscription as sent; {@code createdAt} null: now. */
public record PushInput(PushSubscription.Provider provider, String token, String applicationId, String fcmProjectId,
                        Boolean devEnvironment, java.time.Instant createdAt) {
}
