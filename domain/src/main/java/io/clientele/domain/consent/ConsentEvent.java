package io.clientele.domain.consent;

import io.clientele.domain.shared.InvalidValueException;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One entry of the consent ledger: a grant or withdrawal for one channel, when it happened ({@code at}, as the caller
 * says), when the registry heard of it ({@code recordedAt}), from which source, with what evidence. Both times are
 * kept to the microsecond, the ledger's resolution: a time sent with nanoseconds would otherwise be answered as sent
 * but read back shortened, and two events of one channel differing below a microsecond would swap order on reload.
 */
public record ConsentEvent(String id, Channel channel, ConsentStatus status, Instant at, Instant recordedAt,
                           String source, String evidence, String policyVersion, String actor) {

    public static final int MAX_TEXT = 500;

    public ConsentEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(recordedAt, "recordedAt");
        at = at.truncatedTo(ChronoUnit.MICROS);
        recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(source, "source");
        check("evidence", evidence);
        check("policyVersion", policyVersion);
    }

    private static void check(String field, String value) {
        if (value != null && value.length() > MAX_TEXT) {
            throw new InvalidValueException("value-too-long", field + " must be at most " + MAX_TEXT + " characters");
        }
    }

    /** Ledger order: by when it happened, ties by arrival (ids are time-ordered UUIDv7). */
    public static int chronological(ConsentEvent a, ConsentEvent b) {
        int byTime = a.at.compareTo(b.at);
        if (byTime != 0) {
            return byTime;
        }
        int byArrival = a.recordedAt.compareTo(b.recordedAt);
        return byArrival != 0 ? byArrival : a.id.compareTo(b.id);
    }
}
