package io.clientele.application.port.out;

import java.time.Instant;

/** The current time, replaceable in tests and by host applications. */
public interface Clock {

    Instant now();
}
