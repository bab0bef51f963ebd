package io.clientele.domain.consent;

import io.clientele.domain.shared.InvalidValueException;

import java.util.Locale;

/** What a consent is about: a contact channel, or profiling. */
public enum Channel {
    EMAIL, SMS, PUSH, POST, PROFILING;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel parse(String raw) {
        if (raw != null) {
            for (Channel channel : values()) {
                if (channel.label().equalsIgnoreCase(raw.trim())) {
                    return channel;
                }
            }
        }
        throw new InvalidValueException("invalid-channel", "channel must be one of email, sms, push, post, profiling");
    }
}
