package io.clientele.adapter.in.rest.dialect.capillary;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One entry of Capillary's {@code warnings} or {@code errors} arrays: {@code {"status": false, "code": 8006,
 * "message": "…"}}. {@code field} is ours, added beside the vendor's keys: where in the request the problem is, in
 * Capillary's dotted form ({@code profiles[0].identifiers[1].value}, {@code extendedFields.gender}).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
record CapillaryMessage(boolean status, int code, String message, String field) {

    static CapillaryMessage of(CapillaryCode code, String message, String field) {
        return new CapillaryMessage(false, code.code(), message, field == null || field.isEmpty() ? null : field);
    }

    static CapillaryMessage of(CapillaryCode code) {
        return of(code, code.message(), null);
    }
}
