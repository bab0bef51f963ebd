package io.clientele.adapter.in.rest;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compile-time OpenAPI document and Swagger UI are served without an API key. The static-resource mapping is the
 * one bootstrap's application.yml declares (this module has no application.yml of its own). Requests that match no
 * route are rejected here ({@code reject-not-found=true}): static resources are no routes, so with the server's
 * lenient setting they would pass security whatever the rules say, and only this way does the test show that
 * OpenDocumentationRule is what opens them, and only for reads.
 */
@MicronautTest(transactional = false)
class OpenApiDocumentTest extends ApiTest {

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = super.getProperties();
        properties.put("micronaut.router.static-resources.swagger.paths", "classpath:META-INF/swagger");
        properties.put("micronaut.router.static-resources.swagger.mapping", "/swagger/**");
        properties.put("micronaut.router.static-resources.swagger-ui.paths",
                "classpath:META-INF/swagger/views/swagger-ui");
        properties.put("micronaut.router.static-resources.swagger-ui.mapping", "/swagger-ui/**");
        properties.put("micronaut.security.reject-not-found", "true");
        return properties;
    }

    @Test
    void theOpenApiDocumentIsOpenAndDescribesTheNativeApi() {
        HttpResponse<String> response = client().exchange(HttpRequest.GET("/swagger/clientele.yml"), String.class);
        assertThat(response.getStatus().getCode()).isEqualTo(200);
        String yaml = response.body();
        assertThat(yaml).contains("title: Clientele", "/v1/customers:", "/v1/customers/{id}:", "/v1/merges:")
                .contains("apiKey:", "scheme: bearer");
    }

    @Test
    void everyWriteWithABodyCarriesAnExample() {
        String yaml = httpClient.toBlocking().retrieve(HttpRequest.GET("/swagger/clientele.yml"));
        for (String path : java.util.List.of("/v1/customers", "/v1/customers:batch", "/v1/customers/{id}",
                "/v1/customers/{id}/identifiers", "/v1/customers/{id}/consents", "/v1/merges",
                "/v1/extended-fields/{name}", "/v1/loyalty-programmes/{id}", "/v1/admin/tenants",
                "/v1/admin/tenants/{tenantId}/api-keys", "/dialects/retailrocket/customers",
                "/dialects/retailrocket/1.0/setContact", "/dialects/personaclick/profile/set",
                "/dialects/personaclick/mobile_push_tokens", "/dialects/capillary/v2/customers",
                "/dialects/custobar/api/customers/upload")) {
            int start = yaml.indexOf("\n  " + path + ":\n");
            assertThat(start).as(path + " is documented").isNotNegative();
            int end = yaml.indexOf("\n  /", start + 1);
            String section = yaml.substring(start, end < 0 ? yaml.length() : end);
            assertThat(section).as(path + " has a request example").contains("examples:");
        }
    }

    @Test
    void swaggerUiIsOpenAndLoadsTheDocumentFromThisServer() {
        HttpResponse<String> page = client().exchange(HttpRequest.GET("/swagger-ui/index.html"), String.class);
        assertThat(page.getStatus().getCode()).isEqualTo(200);
        assertThat(page.body()).contains("/swagger/clientele.yml");
        // the directory URL answers the page too, and its scripts are served locally (no CDN needed)
        assertThat(client().exchange(HttpRequest.GET("/swagger-ui/"), String.class).body())
                .contains("swagger-ui");
        assertThat(client().exchange(HttpRequest.GET("/swagger-ui/res/swagger-ui-bundle.js"), String.class)
                .getStatus().getCode()).isEqualTo(200);
    }

    @Test
    void onlyReadsOfTheDocumentationAreOpen() {
        problem(HttpRequest.POST("/swagger/clientele.yml", "{}"), 401);
        problem(HttpRequest.DELETE("/swagger-ui/index.html"), 401);
        problem(HttpRequest.GET("/v1/customers?limit=1"), 401);
        problem(HttpRequest.GET("/swaggerish/clientele.yml"), 401);
    }
}
