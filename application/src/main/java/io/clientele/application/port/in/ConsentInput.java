package io.clientele.application.port.in;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;

import java.time.Instant;
import java.util.Objects;

/**
 * A consent event as a caller states it. {@code at} null: now; {@code source} null: the path's default source.
 * {@code recording}: when it is recorded (decided inside the write's transaction, on the customer it resolves to).
 */
public record ConsentInput(Channel channel, ConsentStatus status, Instant at, String source, String evidence,
                           String policyVersion, Recording recording) {

    /** When a stated consent becomes an event in the ledger. */
    public enum Recording {
        /** Every time it is stated. */
        ALWAYS,
        /**
         * Only when the channel's current state differs: for paths that restate a consent on every call (Custobar
         * uploads, an explicit RetailRocket flag).
         */
        IF_CHANGED,
        /**
         * A dialect's default, not the person's act (RetailRocket's omitted {@code isAgreedToReceiveMarketingMail}):
         * only while the channel has no state at all, so it never overrides a decision recorded before, and only when
         * the customer can be reached on it (holds an email for {@code email}, a phone for {@code sms}).
         */
        AS_DEFAULT
    }

    public ConsentInput {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recording, "recording");
    }

    public ConsentInput(Channel channel, ConsentStatus status, Instant at, String source, String evidence,
                        String policyVersion) {
        this(channel, status, at, source, evidence, policyVersion, Recording.ALWAYS);
    }
}
