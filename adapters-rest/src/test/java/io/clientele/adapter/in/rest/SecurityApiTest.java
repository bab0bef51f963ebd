package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
class SecurityApiTest extends ApiTest {

    private static final Map<String, Object> BODY = Map.of("identifiers",
            List.of(Map.of("type", "email", "value", "sec@shop.ru")));

    @Test
    void requestsWithoutAValidKeyAre401() {
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=a%40b.ru"), 401);
        problem(HttpRequest.POST("/v1/customers", BODY).bearerAuth("nope"), 401);
        problem(HttpRequest.POST("/v1/customers", BODY).bearerAuth("demo.not-a-real-secret"), 401);
        problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "x", "defaultRegion", "RU")), 401);
    }

    @Test
    void theRoleDecidesWhatAKeyMayDo() {
        String[] tenant = newTenantKey("write", "RU", "MERGE");
        String readKey = issueKey(tenant[0], "read");
        String adminKey = issueKey(tenant[0], "admin");

        problem(HttpRequest.POST("/v1/customers", BODY).bearerAuth(readKey), 403);
        assertThat(send(HttpRequest.POST("/v1/customers", BODY), tenant[1]).getStatus().getCode()).isEqualTo(201);
        assertThat(send(HttpRequest.POST("/v1/customers", BODY), adminKey).getStatus().getCode()).isEqualTo(200);
        // X-API-Key works as well as Bearer, and a read key reads
        assertThat(client().exchange(HttpRequest.GET("/v1/customers/lookup?type=email&value=sec%40shop.ru")
                .header("X-API-Key", readKey), JSON).getStatus().getCode()).isEqualTo(200);
        // tenant keys can't administer tenants, and the operator sees no customers
        problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "x", "defaultRegion", "RU"))
                .bearerAuth(adminKey), 403);
        problem(HttpRequest.GET("/v1/customers/lookup?type=email&value=sec%40shop.ru").bearerAuth(OPERATOR_TOKEN),
                403);
    }

    @Test
    void vendorStyleCredentialsCarryTheSameKey() {
        String[] tenant = newTenantKey("read", "RU", "MERGE");
        String key = tenant[1];
        String lookup = "/v1/customers/lookup?type=email&value=anna.karenina%40shop.ru";
        String basic = java.util.Base64.getEncoder().encodeToString(("custobar:" + key)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));

        // authenticated: the lookup itself answers 404 (nobody has that email), not 401
        problem(HttpRequest.GET(lookup).header("Authorization", "Token " + key), 404);
        problem(HttpRequest.GET(lookup).header("Authorization", "Basic " + basic), 404);
        // PersonaClick's shop_secret in the query: on PersonaClick's paths only (a key in a URL reaches proxies' logs)
        String profile = "/dialects/personaclick/profile?email=anna.karenina%40shop.ru";
        assertThat(vendorStatus(HttpRequest.GET(profile + "&shop_secret=" + key))).isEqualTo(404);
        assertThat(vendorStatus(HttpRequest.GET(profile + "&shop_id=" + tenant[0] + "&shop_secret=" + key)))
                .isEqualTo(404);
        assertThat(vendorStatus(HttpRequest.GET(profile + "&shop_id=someone-else&shop_secret=" + key)))
                .isEqualTo(401);
        problem(HttpRequest.GET(lookup + "&shop_secret=" + key), 401);
        problem(HttpRequest.GET(lookup + "&shop_id=" + tenant[0] + "&shop_secret=" + key), 401);
        problem(HttpRequest.GET(lookup).header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("custobar:wrong".getBytes(java.nio.charset.StandardCharsets.UTF_8))), 401);
    }

    private int vendorStatus(io.micronaut.http.MutableHttpRequest<?> request) {
        try {
            return client().exchange(request, JSON).getStatus().getCode();
        } catch (io.micronaut.http.client.exceptions.HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    @Test
    void tenantCreationIsValidatedAndUnique() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> invalid = problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id,
                "defaultRegion", "XX", "timeZone", "Mars/Olympus", "mergePolicy", "SOMETIMES"))
                .bearerAuth(OPERATOR_TOKEN), 422);
        assertThat(invalid.get("errors").toString()).contains("/defaultRegion", "/timeZone", "/mergePolicy");
        Map<String, Object> badId = problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", "Not Valid!",
                "defaultRegion", "RU")).bearerAuth(OPERATOR_TOKEN), 422);
        assertThat(badId.get("errors").toString()).contains("/id");

        // a fixed offset is no time zone: it would not follow the place's daylight saving
        assertThat(problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id, "defaultRegion", "FI",
                "timeZone", "+03:00")).bearerAuth(OPERATOR_TOKEN), 422).get("errors").toString()).contains("/timeZone");

        assertThat(client().exchange(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id, "defaultRegion", "fi"))
                .bearerAuth(OPERATOR_TOKEN), JSON).body()).containsEntry("defaultRegion", "FI")
                .containsEntry("mergePolicy", "MERGE").containsEntry("timeZone", "UTC");
        problem(HttpRequest.POST("/v1/admin/tenants", Map.of("id", id, "defaultRegion", "FI"))
                .bearerAuth(OPERATOR_TOKEN), 409);
        problem(HttpRequest.POST("/v1/admin/tenants/no-such-tenant/api-keys", Map.of("role", "admin"))
                .bearerAuth(OPERATOR_TOKEN), 404);
        assertThat(problem(HttpRequest.POST("/v1/admin/tenants/" + id + "/api-keys", Map.of("role", "owner"))
                .bearerAuth(OPERATOR_TOKEN), 422).get("errors").toString()).contains("/role");
    }

    @Test
    void unknownRoutesAnswerProblemJson() {
        String key = newTenantKey("read");
        problem(HttpRequest.GET("/v1/nothing-here").bearerAuth(key), 404);
    }

    @Test
    void aBodyThatIsNotJsonIsAnsweredAlikeWhoeverReadsIt() {
        String key = newTenantKey("admin");
        for (String path : List.of("/v1/merges", "/v1/customers")) {
            Map<String, Object> problem = problem(HttpRequest.POST(path, "{not json").contentType("application/json")
                    .bearerAuth(key), 400);
            assertThat(problem).containsEntry("code", "malformed-request")
                    .containsEntry("detail", "the request body is not valid JSON").containsKey("errors");
        }
    }
}
