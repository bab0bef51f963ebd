package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;

/**
 * A device token for push messages. Within a tenant a token belongs to at most one customer at a time: sending it
 * for another customer moves it there.
 */
public record PushSubscription(Provider provider, String token, String applicationId, String fcmProjectId,
                               Boolean devEnvironment, Instant createdAt) {

    public static final int MAX_TOKEN = 512;

    public enum Provider {
        FCM, APNS, HUAWEI;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Provider parse(String raw) {
            if (raw != null) {
                for (Provider provider : values()) {
                    if (provider.label().equalsIgnoreCase(raw.trim())) {
                        return provider;
                    }
                }
            }
            throw new InvalidValueException("invalid-push-provider", "provider must be fcm, apns or huawei");
        }
    }

    public PushSubscription {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(createdAt, "createdAt");
        // to the microsecond the table keeps, so a time sent with nanoseconds is answered as it reads back
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN) {
            throw new InvalidValueException("invalid-push-token", "token must be 1 to " + MAX_TOKEN + " characters");
        }
        token = token.trim();
        for (String value : new String[]{applicationId, fcmProjectId}) {
            if (value != null && (value.isBlank() || value.length() > 200)) {
                throw new InvalidValueException("invalid-value", "applicationId and fcmProjectId must be 1 to 200 characters");
            }
        }
    }

    /** What makes two subscriptions the same device. */
    public String key() {
        return key(provider, token);
    }

    /** The {@link #key()} of the device a provider and token as sent name (trimmed, as the subscription keeps it). */
    public static String key(Provider provider, String token) {
        return (provider == null ? "" : provider.label()) + ":" + (token == null ? "" : token.trim());
    }

    @Override
    public String toString() {
        return "PushSubscription[" + provider.label() + ":***]";
    }
}
