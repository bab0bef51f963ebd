package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.VendorErrorShape;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * PersonaClick's shape for errors raised outside its controller (API.md: failure → {@code {"status": "error",
 * "payload": {"message": "…"}}} with a 4xx status); the problem's code goes beside the message.
 */
@ServerFilter("/dialects/personaclick/**")
class PersonaClickErrorShape extends VendorErrorShape {

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        reshape(response);
    }

    @Override
    protected Object body(Problem problem) {
        return PersonaClickController.errorBody(message(problem), problem.code(), java.util.List.of());
    }
}
