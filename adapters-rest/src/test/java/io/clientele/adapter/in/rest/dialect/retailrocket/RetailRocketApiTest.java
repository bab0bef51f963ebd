package io.clientele.adapter.in.rest.dialect.retailrocket;

import io.clientele.adapter.in.rest.ApiTest;
import io.micronaut.http.HttpRequest;

import java.util.List;
import java.util.Map;


/** Base of the RetailRocket dialect's HTTP tests: the native {@link ApiTest} plus this dialect's helpers. */
abstract class RetailRocketApiTest extends ApiTest {

    /** A new tenant with region RU and a key of the given role: {tenantId, key}. */
    String[] tenantWithKey(String role) {
        String tenant = createTenant("RU", "Europe/Moscow", "MERGE");
        return new String[]{tenant, issueKey(tenant, role)};
    }




    Map<String, Object> customer(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id), key).body();
    }


    @SuppressWarnings("unchecked")
    static List<String> pointers(Map<String, Object> problem) {
        return ((List<Map<String, Object>>) problem.get("errors")).stream()
                .map(error -> (String) error.get("pointer")).toList();
    }
}
