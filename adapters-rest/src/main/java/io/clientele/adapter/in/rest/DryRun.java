package io.clientele.adapter.in.rest;

import io.clientele.domain.shared.ValidationException;

import java.util.Locale;

/**
 * The {@code dryRun} query parameter, read one way everywhere. Micronaut's Boolean binding took {@code yes}, {@code on}
 * and {@code y} for true and {@code 1} for false: a client that meant a dry run with {@code ?dryRun=1} got a real
 * write, and the idempotency check, which only knew {@code true}, ran the others inside a committing unit of work.
 */
final class DryRun {

    private DryRun() {
    }

    /** @throws ValidationException naming {@code /dryRun} when the value is neither true nor false */
    static boolean requested(String value) {
        if (value == null || value.isBlank()) {
            // ?dryRun= with nothing after it: not asked for, as the framework's binding read it
            return false;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ValidationException.of("/dryRun", "invalid-value",
                    "dryRun must be true or false");
        };
    }
}
