package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.CreateTenantCommand;
import io.clientele.application.port.in.IdempotencyUseCase;
import io.clientele.application.port.in.IssuedApiKey;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.net.URI;

/** The operator's endpoints: tenants and their API keys (operator token only). */
@Controller("/v1/admin/tenants")
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantAdminController {

    private final ManageTenantsUseCase tenants;
    private final IdempotentRequests idempotent;

    TenantAdminController(ManageTenantsUseCase tenants, IdempotentRequests idempotent) {
        this.tenants = tenants;
        this.idempotent = idempotent;
    }

    @Serdeable
    record CreateTenantRequest(@NotBlank @Pattern(regexp = "[a-z0-9-]{1,40}",
                                       message = "must be 1 to 40 characters of a-z, 0-9 and '-'") String id,
                               @Nullable @Size(min = 1, max = 200) String name,
                               @NotBlank String defaultRegion,
                               @Nullable String timeZone,
                               @Nullable String mergePolicy) {
    }

    @Serdeable
    record TenantDocument(String id, String name, String defaultRegion, String timeZone, String mergePolicy,
                          String createdAt) {

        static TenantDocument of(Tenant tenant) {
            return new TenantDocument(tenant.id().value(), tenant.name(), tenant.defaultRegion(),
                    tenant.timeZone().getId(), tenant.mergePolicy().name(), tenant.createdAt().toString());
        }
    }

    @Serdeable
    record IssueKeyRequest(@NotBlank String role) {
    }

    @Serdeable
    record ApiKeyDocument(String key, String keyId, String tenantId, String role) {
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "tenant", value = ApiExamples.TENANT)))
    @Post
    MutableHttpResponse<?> create(@Body @Valid CreateTenantRequest request, HttpRequest<?> http) {
        String body = request.id() + "\n" + request.name() + "\n" + request.defaultRegion() + "\n"
                + request.timeZone() + "\n" + request.mergePolicy();
        return idempotent.run(http, IdempotencyUseCase.OPERATOR_SCOPE, body, () -> {
            Tenant tenant = tenants.createTenant(new CreateTenantCommand(request.id(), request.name(),
                    request.defaultRegion(), request.timeZone(), request.mergePolicy()));
            return HttpResponse.<TenantDocument>status(HttpStatus.CREATED)
                    .headers(h -> h.location(URI.create("/v1/admin/tenants/" + tenant.id().value())))
                    .body(TenantDocument.of(tenant));
        }, true);
    }

    @Get("/{tenantId}")
    TenantDocument get(@PathVariable String tenantId) {
        return TenantDocument.of(tenants.getTenant(TenantId.of(tenantId)));
    }

    /**
     * A new API key; the key is in this response only (it is stored hashed). Deliberately not idempotent: replaying
     * the answer would mean storing the secret.
     */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "admin key", value = ApiExamples.API_KEY)))
    @Post("/{tenantId}/api-keys")
    MutableHttpResponse<ApiKeyDocument> issueKey(@PathVariable String tenantId, @Body @Valid IssueKeyRequest request) {
        AccessRole role;
        try {
            role = AccessRole.parse(request.role());
        } catch (io.clientele.domain.shared.InvalidValueException e) {
            throw io.clientele.domain.shared.ValidationException.of("/role", e.code(), e.getMessage());
        }
        IssuedApiKey key = tenants.issueApiKey(TenantId.of(tenantId), role);
        return HttpResponse.<ApiKeyDocument>status(HttpStatus.CREATED)
                .body(new ApiKeyDocument(key.secret(), key.keyId(), key.tenantId().value(), key.role().label()));
    }
}
