package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushSubscriptionTest {

    private static final Instant AT = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Test
    void theCreationTimeIsKeptToTheMicrosecondTheTableStores() {
        PushSubscription push = new PushSubscription(PushSubscription.Provider.FCM, "t-1", "app", null, null,
                AT.plusNanos(999));

        assertThat(push.createdAt()).isEqualTo(AT);
    }

    @Test
    void theKeyIsTheProviderAndTheTrimmedToken() {
        PushSubscription push = new PushSubscription(PushSubscription.Provider.APNS, "  a:b  ", null, null, true, AT);

        assertThat(push.token()).isEqualTo("a:b");
        assertThat(push.key()).isEqualTo("apns:a:b").isEqualTo(PushSubscription.key(PushSubscription.Provider.APNS,
                " a:b "));
    }

    @Test
    void aTokenMustBeOneTo512Characters() {
        assertThatThrownBy(() -> new PushSubscription(PushSubscription.Provider.FCM, " ", null, null, null, AT))
                .isInstanceOf(InvalidValueException.class);
        assertThatThrownBy(() -> new PushSubscription(PushSubscription.Provider.FCM, "x".repeat(513), null, null,
                null, AT)).isInstanceOf(InvalidValueException.class);
    }
}
