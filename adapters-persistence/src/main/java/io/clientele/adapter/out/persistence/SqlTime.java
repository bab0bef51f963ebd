package io.clientele.adapter.out.persistence;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** DATETIME columns hold UTC wall time; converting here keeps the JVM's and the session's time zones out of it. */
final class SqlTime {

    private SqlTime() {
    }

    static LocalDateTime toColumn(Instant instant) {
        // not LocalDateTime.ofInstant: it builds the offset's ZoneRules anew on every call (seen in bulk profiles)
        return instant == null ? null
                : LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }

    static Instant fromColumn(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
