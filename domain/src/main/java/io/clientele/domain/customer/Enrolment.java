package io.clientele.domain.customer;

import io.clientele.domain.shared.InvalidValueException;

import java.time.Instant;

/** Membership in one of the tenant's loyalty programmes. */
public record Enrolment(int programmeId, Integer tierNumber, Long points, Instant tierExpiry, Instant pointsExpiry) {

    public Enrolment {
        if (programmeId <= 0) {
            throw new InvalidValueException("invalid-programme", "programmeId must be a positive integer");
        }
        if (points != null && points < 0) {
            throw new InvalidValueException("out-of-range", "points must not be negative");
        }
    }
}
