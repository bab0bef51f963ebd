package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's own settings. {@code placeholder-values}: values that never identify anyone in this tenant, on top of
 * the built-in blocklist (e.g. a till's "guest" or "walk-in" customer numbers); compared case-insensitively.
 */
@Controller("/v1/settings")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SettingsController {

    private final ManageTenantsUseCase tenants;
    private final CustomerDocuments documents;

    SettingsController(ManageTenantsUseCase tenants, CustomerDocuments documents) {
        this.tenants = tenants;
        this.documents = documents;
    }

    @Serdeable
    record PlaceholderValues(List<String> values) {
    }

    @Get("/placeholder-values")
    @Secured(Roles.READ)
    PlaceholderValues placeholderValues(Authentication caller) {
        return document(tenants.getTenant(Callers.tenant(caller)));
    }

    /** Replaces the tenant's extra placeholder values (admin). */
    @Put("/placeholder-values")
    @Secured(Roles.ADMIN)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(
            mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(
            name = "till placeholders", value = "{\"values\": [\"guest\", \"walk-in\", \"99999999\"]}"),
            schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = PlaceholderValues.class)))
    @Consumes(MediaType.APPLICATION_JSON)
    PlaceholderValues setPlaceholderValues(@Body String json, Authentication caller) {
        StrictBody body = StrictBody.of(documents.parse(json), Set.of("values"));
        List<String> values = body.texts("values");
        if (values == null) {
            body.invalid("values", "required", "values is required (an empty array clears them)");
        }
        body.check();
        return document(tenants.setPlaceholderValues(Callers.tenant(caller), Set.copyOf(values)));
    }

    private static PlaceholderValues document(Tenant tenant) {
        return new PlaceholderValues(List.copyOf(new TreeSet<>(tenant.placeholderValues())));
    }
}
