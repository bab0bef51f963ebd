package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.VendorErrorShape;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/** Capillary's shape for errors raised outside its controller: {@code {"warnings": [], "errors": [{…8001…}]}}. */
@ServerFilter("/dialects/capillary/**")
class CapillaryErrorShape extends VendorErrorShape {

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        reshape(response);
    }

    @Override
    protected Object body(Problem problem) {
        return new CapillaryResponses.Failure(List.of(), List.of(
                CapillaryMessage.of(CapillaryCode.INVALID_REQUEST, message(problem), null)));
    }
}
