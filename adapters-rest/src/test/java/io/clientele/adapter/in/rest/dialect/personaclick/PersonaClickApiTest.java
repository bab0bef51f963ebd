package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.ApiTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Base of the PersonaClick dialect's HTTP tests: the native {@link ApiTest} plus this dialect's helpers. */
abstract class PersonaClickApiTest extends ApiTest {

    /** A new tenant with region RU and a key of the given role: {tenantId, key}. */
    String[] tenantWithKey(String role) {
        String tenant = createTenant("RU", "Europe/Moscow", "MERGE");
        return new String[]{tenant, issueKey(tenant, role)};
    }




    Map<String, Object> customer(String key, String id) {
        return send(HttpRequest.GET("/v1/customers/" + id), key).body();
    }

    /**
     * Sends a request that must fail in PersonaClick's shape {"status": "error", "payload": {"message": "…"}};
     * returns the payload after checking the status.
     */
    @SuppressWarnings("unchecked")
    Map<String, Object> vendorError(MutableHttpRequest<?> request, int status) {
        try {
            HttpResponse<?> response = client().exchange(request, JSON);
            throw new AssertionError("expected " + status + " but got " + response.getStatus().getCode());
        } catch (HttpClientResponseException e) {
            assertThat(e.getStatus().getCode()).isEqualTo(status);
            Map<String, Object> body = e.getResponse().getBody(JSON).orElseThrow();
            assertThat(body).containsEntry("status", "error").containsKey("payload");
            assertThat(body.toString()).doesNotContain("Exception", "at io.", "at java.");
            Map<String, Object> payload = (Map<String, Object>) body.get("payload");
            assertThat(payload.get("message")).isInstanceOf(String.class);
            return payload;
        }
    }

    @SuppressWarnings("unchecked")
    static List<String> fields(Map<String, Object> payload) {
        return ((List<Map<String, Object>>) payload.get("errors")).stream()
                .map(error -> (String) error.get("field")).toList();
    }
}
