package io.clientele.domain.consent;

import io.clientele.domain.shared.InvalidValueException;

import java.util.Locale;

public enum ConsentStatus {
    GRANTED, WITHDRAWN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsentStatus parse(String raw) {
        if (raw != null) {
            for (ConsentStatus status : values()) {
                if (status.label().equalsIgnoreCase(raw.trim())) {
                    return status;
                }
            }
        }
        throw new InvalidValueException("invalid-consent-status", "status must be granted or withdrawn");
    }
}
