package io.clientele.adapter.in.rest.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI per error code; {@code errors} locate each broken rule
 * by JSON Pointer; {@code customers} names the customers of a conflict (always of the caller's own tenant).
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String code, List<FieldError> errors,
                      List<String> customers) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://clientele.dev/problems/";

    /** One broken rule, located by a JSON Pointer into the request. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record FieldError(String pointer, String code, String message) {
    }

    public static Problem of(int status, String title, String code, String detail) {
        return new Problem(TYPE_BASE + code, title, status, detail, code, List.of(), List.of());
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, code, fieldErrors, customers);
    }

    public Problem withCustomers(List<String> customerIds) {
        return new Problem(type, title, status, detail, code, errors, customerIds);
    }
}
