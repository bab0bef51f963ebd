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
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;

/** The operator's endpoints: tenants and their API keys (operator token only). */
@Controller("/v1/admin/tenants")
@Secured(Roles.OPERATOR)
@ExecuteOn(TaskExecutors.BLOCKING)
public class TenantAdminController {

    /** What a tenant id may be. */
    static final String ID_PATTERN = "[a-z0-9-]{1,40}";

    private final ManageTenantsUseCase tenants;
    private final IdempotentRequests idempotent;
    private final CustomerDocuments documents;

    TenantAdminController(ManageTenantsUseCase tenants, IdempotentRequests idempotent, CustomerDocuments documents) {
        this.tenants = tenants;
        this.idempotent = idempotent;
        this.documents = documents;
    }

    /** A tenant to create. Unknown keys and values of another JSON type are refused, naming them. */
    @Serdeable
    record CreateTenantRequest(@io.swagger.v3.oas.annotations.media.Schema(pattern = ID_PATTERN,
            requiredMode = io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED) String id,
                               @io.swagger.v3.oas.annotations.media.Schema(minLength = 1, maxLength = 200)
                               @Nullable String name,
                               String defaultRegion, @Nullable String timeZone, @Nullable String mergePolicy) {

        private static final java.util.Set<String> KEYS = java.util.Set.of("id", "name", "defaultRegion", "timeZone",
                "mergePolicy");

        static CreateTenantRequest read(StrictBody body) {
            String id = body.requiredText("id");
            if (id != null && !id.isBlank() && !id.matches(ID_PATTERN)) {
                body.invalid("id", "invalid-value", "must be 1 to 40 characters of a-z, 0-9 and '-'");
            }
            String name = body.text("name");
            if (name != null && (name.isEmpty() || name.length() > 200)) {
                body.invalid("name", "invalid-value", "must be 1 to 200 characters");
            }
            CreateTenantRequest request = new CreateTenantRequest(id, name, body.requiredText("defaultRegion"),
                    body.text("timeZone"), body.text("mergePolicy"));
            body.check();
            return request;
        }
    }

    @Serdeable
    record TenantDocument(String id, String name, String defaultRegion, String timeZone, String mergePolicy,
                          String createdAt) {

        static TenantDocument of(Tenant tenant) {
            return new TenantDocument(tenant.id().value(), tenant.name(), tenant.defaultRegion(),
                    tenant.timeZone().getId(), tenant.mergePolicy().name(), tenant.createdAt().toString());
        }
    }

    /** The role of a key to issue. */
    @Serdeable
    record IssueKeyRequest(String role) {
    }

    @Serdeable
    record ApiKeyDocument(String key, String keyId, String tenantId, String role) {
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = CreateTenantRequest.class), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "tenant", value = ApiExamples.TENANT)))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> create(@Body String json, HttpRequest<?> http) {
        CreateTenantRequest request = CreateTenantRequest.read(StrictBody.of(documents.parse(json),
                CreateTenantRequest.KEYS));
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
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = IssueKeyRequest.class), examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "admin key", value = ApiExamples.API_KEY)))
    @Post("/{tenantId}/api-keys")
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<ApiKeyDocument> issueKey(@PathVariable String tenantId, @Body String json) {
        StrictBody body = StrictBody.of(documents.parse(json), java.util.Set.of("role"));
        String roleName = body.requiredText("role");
        body.check();
        AccessRole role;
        try {
            role = AccessRole.parse(roleName);
        } catch (io.clientele.domain.shared.InvalidValueException e) {
            throw io.clientele.domain.shared.ValidationException.of("/role", e.code(), e.getMessage());
        }
        IssuedApiKey key = tenants.issueApiKey(TenantId.of(tenantId), role);
        return HttpResponse.<ApiKeyDocument>status(HttpStatus.CREATED)
                .body(new ApiKeyDocument(key.secret(), key.keyId(), key.tenantId().value(), key.role().label()));
    }
}
