package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.VendorErrorShape;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;
import java.util.Map;

/** Custobar's shape for errors raised outside its controller: {@code {"error": {"message": ["…"]}}}, as its own. */
@ServerFilter("/dialects/custobar/**")
class CustobarErrorShape extends VendorErrorShape {

    @ResponseFilter
    void vendorShape(MutableHttpResponse<?> response) {
        reshape(response);
    }

    @Override
    protected Object body(Problem problem) {
        return Map.of("error", Map.of("message", List.of(message(problem))));
    }
}
