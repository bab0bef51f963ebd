package io.clientele.adapter.in.rest.dialect.capillary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** Capillary's documented response bodies (empty lists included: clients read {@code warnings} unconditionally). */
final class CapillaryResponses {

    private CapillaryResponses() {
    }

    /** {@code POST v2/customers}: {@code createdId} is our opaque id as a string (Capillary's is a number). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Created(String createdId, List<CapillaryMessage> warnings, List<Object> sideEffects) {
    }

    /** {@code GET v2/customers/lookup}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Entity(String entity, List<CapillaryMessage> warnings) {
    }

    /** Any failure. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Failure(List<CapillaryMessage> warnings, List<CapillaryMessage> errors) {
    }
}
