package io.clientele.adapter.in.rest;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

/**
 * Root of the OpenAPI document that micronaut-openapi writes to {@code META-INF/swagger/} at compile time, so the
 * published contract always matches the controllers that were compiled. Served at {@code /swagger/} with Swagger
 * UI at {@code /swagger-ui/}; both are open (see {@link io.clientele.adapter.in.rest.security.OpenDocumentationRule}).
 */
@OpenAPIDefinition(
        info = @Info(
                title = "Clientele",
                version = "0.1",
                description = "Multi-tenant customer registry. Every /v1 call needs a tenant API key "
                        + "(Authorization: Bearer <key> or X-API-Key: <key>); /v1/admin takes the operator token."),
        security = @SecurityRequirement(name = ApiDocumentation.API_KEY_SCHEME))
@SecurityScheme(name = ApiDocumentation.API_KEY_SCHEME, type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A tenant API key (role read, write or admin) or the operator token")
public final class ApiDocumentation {

    static final String API_KEY_SCHEME = "apiKey";

    private ApiDocumentation() {
    }
}
