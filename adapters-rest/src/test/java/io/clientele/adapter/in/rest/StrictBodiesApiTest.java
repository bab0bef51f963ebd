package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bodies of the operator, merge, settings and catalog endpoints: a misspelt key or a value of the wrong JSON type
 * is a 422 naming it, as on the customer endpoints (the framework's binding read 5 as "5" and dropped unknown keys).
 */
@MicronautTest(transactional = false)
class StrictBodiesApiTest extends ApiTest {

    private List<String> pointers(MutableHttpRequest<?> request) {
        Map<String, Object> problem = problem(request, 422);
        return ((List<?>) problem.get("errors")).stream().map(e -> (String) ((Map<?, ?>) e).get("pointer")).toList();
    }

    @Test
    void tenantBodiesNameTheirMisspeltKeysAndWronglyTypedValues() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        // the misspelt policy would have left the tenant merging without a word
        assertThat(pointers(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id, "defaultRegion", "FI",
                "mergePolcy", "REJECT")).bearerAuth(OPERATOR_TOKEN))).containsExactly("/mergePolcy");
        assertThat(pointers(HttpRequest.POST("/v1/admin/tenants", Map.of("id", 5, "defaultRegion", List.of("FI"),
                "timeZone", true)).bearerAuth(OPERATOR_TOKEN)))
                .containsExactlyInAnyOrder("/id", "/defaultRegion", "/timeZone");
        assertThat(pointers(HttpRequest.POST("/v1/admin/tenants", Map.of("name", ""))
                .bearerAuth(OPERATOR_TOKEN))).containsExactlyInAnyOrder("/id", "/name", "/defaultRegion");
        problem(HttpRequest.GET("/v1/admin/tenants/" + id).bearerAuth(OPERATOR_TOKEN), 404);

        assertThat(client().exchange(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id, "defaultRegion", "FI",
                "mergePolicy", "REJECT")).bearerAuth(OPERATOR_TOKEN), JSON).body())
                .containsEntry("mergePolicy", "REJECT");
        assertThat(pointers(HttpRequest.POST("/v1/admin/tenants/" + id + "/api-keys", Map.of("role", List.of("admin")))
                .bearerAuth(OPERATOR_TOKEN))).containsExactly("/role");
        assertThat(pointers(HttpRequest.POST("/v1/admin/tenants/" + id + "/api-keys", Map.of("rol", "admin"))
                .bearerAuth(OPERATOR_TOKEN))).containsExactlyInAnyOrder("/rol", "/role");
    }

    @Test
    void mergeSettingsAndCatalogBodiesNameTheirMisspeltKeysAndWronglyTypedValues() {
        String key = newTenantKey("admin");
        assertThat(pointers(HttpRequest.POST("/v1/merges", Map.of("survivorId", 5, "absorbed", "x")).bearerAuth(key)))
                .containsExactlyInAnyOrder("/survivorId", "/absorbed", "/absorbedId");
        assertThat(pointers(HttpRequest.PUT("/v1/settings/placeholder-values", Map.of("values", List.of("guest", 7)))
                .bearerAuth(key))).containsExactly("/values/1");
        assertThat(pointers(HttpRequest.PUT("/v1/settings/placeholder-values", Map.of("value", List.of("guest")))
                .bearerAuth(key))).containsExactlyInAnyOrder("/value", "/values");
        assertThat(pointers(HttpRequest.PUT("/v1/extended-fields/size", Map.of("type", "enum",
                "allowedValue", List.of("S"))).bearerAuth(key))).containsExactly("/allowedValue");
        assertThat(pointers(HttpRequest.PUT("/v1/loyalty-programmes/7", Map.of("name", "Club", "tiers", List.of(
                Map.of("number", "1", "name", "Silver"), Map.of("number", 2.5, "name", "Gold"),
                Map.of("number", 3, "nmae", "Platinum")))).bearerAuth(key)))
                .containsExactlyInAnyOrder("/tiers/0/number", "/tiers/1/number", "/tiers/2/nmae", "/tiers/2/name");

        // well-formed bodies still pass
        assertThat(send(HttpRequest.PUT("/v1/loyalty-programmes/7", Map.of("name", "Club", "tiers", List.of(
                Map.of("number", 1, "name", "Silver")))), key).body()).containsEntry("name", "Club");
        assertThat(send(HttpRequest.PUT("/v1/settings/placeholder-values", Map.of("values", List.of("guest"))), key)
                .body()).containsEntry("values", List.of("guest"));
    }
}
