package io.clientele.application.port.in;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A consent event as a caller states it. {@code at} null: now; {@code source} null: the path's default source.
 */
public record ConsentInput(Channel channel, ConsentStatus status, Instant at, String source, String evidence,
                           String policyVersion) {

    public ConsentInput {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }
}
