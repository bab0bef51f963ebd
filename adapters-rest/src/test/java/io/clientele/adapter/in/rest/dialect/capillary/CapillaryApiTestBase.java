package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.in.rest.ApiTest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of the Capillary dialect's HTTP tests: the native {@link ApiTest} plus this dialect's helpers. */
abstract class CapillaryApiTestBase extends ApiTest {

    /** @return {tenantId, key} */
    String[] newTenantKey(String role, String region) {
        return newTenantKey(role, region, "MERGE");
    }

    /** @return {tenantId, key} */
    @Override
    protected String[] newTenantKey(String role, String region, String policy) {
        String tenant = createTenant(region, "Asia/Kolkata", policy);
        return new String[]{tenant, issueKey(tenant, role)};
    }



    /** Sends a request that must fail with {@code status}; returns its (non problem+json) body. */
    Map<String, Object> failure(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<?> response = client().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus().getCode());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body.toString()).doesNotContain("Exception", "at io.", "at java.");
            return body;
        }
    }
}
