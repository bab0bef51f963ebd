package io.clientele.adapter.in.rest.dialect.capillary;

import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Capillary's documented response bodies. */
final class CapillaryResponses {

    private CapillaryResponses() {
    }

    /** {@code POST v2/customers}: {@code createdId} is our opaque id as a string (Capillary's is a number). */
    @Serdeable
    record Created(String createdId, List<CapillaryMessage> warnings, List<Object> sideEffects) {
    }

    /** {@code GET v2/customers/lookup}. */
    @Serdeable
    record Entity(String entity, List<CapillaryMessage> warnings) {
    }

    /** Any failure. */
    @Serdeable
    record Failure(List<CapillaryMessage> warnings, List<CapillaryMessage> errors) {
    }
}
