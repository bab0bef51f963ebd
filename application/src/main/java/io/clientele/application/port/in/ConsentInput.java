package io.clientele.application.port.in;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A consent event as a caller states it. {@code at} null: now; {@code source} null: the path's default source.
 * {@code onlyIfChanged}: record it only when the channel's current state differs (decided inside the write's
 * transaction), for paths that restate a consent on every call (RetailRocket tracking, Custobar uploads).
 */
public record ConsentInput(Channel channel, ConsentStatus status, Instant at, String source, String evidence,
                           String policyVersion, boolean onlyIfChanged) {

    public ConsentInput {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
    }

    public ConsentInput(Channel channel, ConsentStatus status, Instant at, String source, String evidence,
                        String policyVersion) {
        this(channel, status, at, source, evidence, policyVersion, false);
    }
}
