package io.clientele.adapter.in.rest.dialect.capillary;

import io.micronaut.http.HttpStatus;

import java.util.List;

/** A request this dialect refuses, with the errors to answer in Capillary's shape. */
final class CapillaryFailure extends RuntimeException {

    private final HttpStatus status;
    private final List<CapillaryMessage> errors;

    CapillaryFailure(HttpStatus status, List<CapillaryMessage> errors) {
        super(errors.isEmpty() ? "rejected" : errors.get(0).message(), null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    static CapillaryFailure badRequest(CapillaryCode code, String message, String field) {
        return new CapillaryFailure(HttpStatus.BAD_REQUEST, List.of(CapillaryMessage.of(code, message, field)));
    }

    HttpStatus status() {
        return status;
    }

    List<CapillaryMessage> errors() {
        return errors;
    }
}
