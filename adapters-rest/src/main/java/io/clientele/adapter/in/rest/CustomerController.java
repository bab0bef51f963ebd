package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.CustomerPage;
import io.clientele.application.port.in.ListCustomersQuery;
import io.clientele.application.port.in.ManageConsentsUseCase;
import io.clientele.domain.consent.Channel;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.IdentifierCommand;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.ManageIdentifiersUseCase;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.PatchCustomerCommand;
import io.clientele.application.port.in.UpdateCustomerUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The native customer API: upsert, read, lookup and merge-patch (API.md). */
@Controller("/v1/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustomerController {

    /** The query parameters of the list, in the order API.md gives them. */
    private static final List<String> LIST_PARAMETERS = List.of("tag", "mailingList", "consent", "canonicalId",
            "limit", "cursor", "view");

    static final String MERGE_PATCH = "application/merge-patch+json";
    private static final String NATIVE_SOURCE = "API";

    private final UpsertCustomerUseCase upserts;
    private final UpdateCustomerUseCase updates;
    private final FindCustomersUseCase finder;
    private final ManageTenantsUseCase tenants;
    private final ManageIdentifiersUseCase identifiers;
    private final ManageConsentsUseCase consents;
    private final CustomerDocuments documents;
    private final IdempotentRequests idempotent;

    CustomerController(UpsertCustomerUseCase upserts, UpdateCustomerUseCase updates, FindCustomersUseCase finder,
                       ManageTenantsUseCase tenants, ManageIdentifiersUseCase identifiers,
                       ManageConsentsUseCase consents, CustomerDocuments documents,
                       IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.consents = consents;
        this.upserts = upserts;
        this.updates = updates;
        this.finder = finder;
        this.tenants = tenants;
        this.identifiers = identifiers;
        this.documents = documents;
    }

    /** Upsert by identifiers: 201 + Location when created, 200 when an existing customer was updated. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "upsert", value = ApiExamples.UPSERT)))
    @Post
    @Secured(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> upsert(@Body String body, @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "boolean")) @Nullable @QueryValue String dryRun, Authentication caller,
                                  HttpRequest<?> http) {
        boolean dry = DryRun.requested(dryRun);
        java.util.function.Supplier<MutableHttpResponse<?>> action = () -> {
            Tenant tenant = tenants.getTenant(Callers.tenant(caller));
            CustomerDocuments.UpsertRequest request = documents.readUpsert(documents.parse(body), tenant.timeZone());
            UpsertResult result = upserts.upsert(new UpsertCustomerCommand(tenant.id(), request.identifiers(),
                    request.changes(), "/identifiers", NATIVE_SOURCE, Callers.key(caller), dry));
            Map<String, Object> document = documents.write(result.customer(), false);
            if (dry) {
                // what would happen; nothing was written, so no Location and no ETag
                document.put("dryRun", true);
                document.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
                if (!result.mergedFrom().isEmpty()) {
                    document.put("mergedFrom", result.mergedFrom().stream().map(CustomerId::value).toList());
                }
                return HttpResponse.ok(document);
            }
            document.put("outcome", result.outcome().name().toLowerCase(java.util.Locale.ROOT));
            if (!result.mergedFrom().isEmpty()) {
                document.put("mergedFrom", result.mergedFrom().stream().map(CustomerId::value).toList());
            }
            MutableHttpResponse<Map<String, Object>> response = result.outcome() == UpsertResult.Outcome.CREATED
                    ? HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                    .headers(h -> h.location(location(result.customer())))
                    : HttpResponse.<Map<String, Object>>status(HttpStatus.OK);
            return withEtag(response.body(document), result.customer());
        };
        // a dry run has no effect for an Idempotency-Key to protect (and must not join a unit of work that commits)
        return dry ? action.get() : idempotent.run(http, caller, body, action);
    }

    @Get("/{id}")
    @Secured(Roles.READ)
    MutableHttpResponse<Map<String, Object>> get(@PathVariable String id, @Nullable @QueryValue String view,
                                                 Authentication caller) {
        TenantId tenant = Callers.tenant(caller);
        Customer customer = finder.get(tenant, CustomerId.fromRequest(id));
        return at(id, document(customer, isDepersonalized(view)), customer);
    }

    @Get("/lookup")
    @Secured(Roles.READ)
    MutableHttpResponse<Map<String, Object>> lookup(@QueryValue String type, @QueryValue String value,
                                                    @Nullable @QueryValue String name,
                                                    @Nullable @QueryValue String view, Authentication caller) {
        Customer customer = finder.lookup(new LookupCustomerQuery(Callers.tenant(caller), type, name, value));
        return document(customer, isDepersonalized(view));
    }

    /** JSON Merge Patch (RFC 7396) of one customer; {@code If-Match} guards against lost updates (412). */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/merge-patch+json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "merge patch", value = ApiExamples.PATCH)))
    @Patch("/{id}")
    @Secured(Roles.WRITE)
    @Consumes({MERGE_PATCH, MediaType.APPLICATION_JSON})
    MutableHttpResponse<?> patch(@PathVariable String id, @Body String body,
                                                   @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                                   Authentication caller,
                                 HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> {
            Tenant tenant = tenants.getTenant(Callers.tenant(caller));
            CustomerChanges patch = documents.readPatch(documents.parse(body), tenant.timeZone());
            Customer customer = updates.patch(new PatchCustomerCommand(tenant.id(), CustomerId.fromRequest(id),
                    EntityTags.expectedVersion(ifMatch), patch, Callers.key(caller), NATIVE_SOURCE));
            return at(id, document(customer, false), customer);
        });
    }

    /** Adds one identifier; 409 naming the holder when another customer has it. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "identifier", value = ApiExamples.IDENTIFIER)))
    @Post("/{id}/identifiers")
    @Secured(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> addIdentifier(@PathVariable String id, @Body String body,
                                                           Authentication caller,
                                 HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> {
            IdentifierInput input = documents.readIdentifier(documents.parse(body));
            Customer customer = identifiers.add(new IdentifierCommand(Callers.tenant(caller),
                    CustomerId.fromRequest(id), input, NATIVE_SOURCE, Callers.key(caller)));
            return at(id, document(customer, false), customer);
        });
    }

    /** Removes one identifier ({@code value} as sent or normalised; soft links add {@code ?name=}). */
    @Delete("/{id}/identifiers/{type}/{value}")
    @Secured(Roles.WRITE)
    MutableHttpResponse<?> removeIdentifier(@PathVariable String id, @PathVariable String type,
                                                              @PathVariable String value,
                                                              @Nullable @QueryValue String name,
                                                              Authentication caller,
                                 HttpRequest<?> http) {
        return idempotent.run(http, caller, null, () -> {
            Customer customer = identifiers.remove(new IdentifierCommand(Callers.tenant(caller),
                    CustomerId.fromRequest(id), new IdentifierInput(type, name, value, null, null, null, null, null),
                    NATIVE_SOURCE, Callers.key(caller)));
            return at(id, document(customer, false), customer);
        });
    }

    /** Active customers, filtered (all filters optional), in a stable order with cursor paging. */
    @Get
    @Secured(Roles.READ)
    Map<String, Object> list(@Nullable @QueryValue String tag, @Nullable @QueryValue String mailingList,
                             @Nullable @QueryValue String consent, @Nullable @QueryValue String canonicalId,
                             @Nullable @QueryValue Integer limit, @Nullable @QueryValue String cursor,
                             @Nullable @QueryValue String view, Authentication caller, HttpRequest<?> http) {
        // a misspelt filter (?mailinglist=) must not widen the list to everyone, nor a repeated one pick one
        List<io.clientele.domain.shared.Violation> unknown = new java.util.ArrayList<>();
        http.getParameters().asMap().forEach((name, values) -> {
            if (!LIST_PARAMETERS.contains(name)) {
                unknown.add(new io.clientele.domain.shared.Violation("/" + name, "unknown-parameter",
                        "unknown parameter " + name + "; the list takes " + LIST_PARAMETERS));
            } else if (values.size() > 1) {
                unknown.add(new io.clientele.domain.shared.Violation("/" + name, "repeated-parameter",
                        name + " may be given once"));
            }
        });
        if (!unknown.isEmpty()) {
            throw new io.clientele.domain.shared.ValidationException(unknown);
        }
        Channel channel;
        try {
            channel = consent == null ? null : Channel.parse(consent);
        } catch (io.clientele.domain.shared.InvalidValueException e) {
            throw io.clientele.domain.shared.ValidationException.of("/consent", e.code(), e.getMessage());
        }
        CustomerPage page = finder.list(new ListCustomersQuery(Callers.tenant(caller), tag, mailingList, channel,
                canonicalId, limit == null ? 100 : limit, cursor));
        boolean depersonalized = isDepersonalized(view);
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("items", page.items().stream().map(c -> documents.write(c, depersonalized)).toList());
        body.put("nextCursor", page.nextCursor());
        return body;
    }

    @Get("/{id}/consents")
    @Secured(Roles.READ)
    Map<String, Object> consents(@PathVariable String id, Authentication caller) {
        return documents.writeConsents(consents.ledger(Callers.tenant(caller), CustomerId.fromRequest(id)));
    }

    /** Appends one event to the ledger (201 with the customer document); the ledger itself is never edited. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "consent event", value = ApiExamples.CONSENT)))
    @Post("/{id}/consents")
    @Secured(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> recordConsent(@PathVariable String id, @Body String body,
                                                           Authentication caller,
                                 HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> {
            Tenant tenant = tenants.getTenant(Callers.tenant(caller));
            ConsentInput consent = documents.readConsent(documents.parse(body), tenant.timeZone());
            Customer customer = consents.record(tenant.id(), CustomerId.fromRequest(id), consent,
                    Callers.key(caller));
            return at(id, withEtag(HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                    .body(documents.write(customer, false)), customer), customer);
        });
    }

    /** Who changed what and when (field names, never values). */
    @Get("/{id}/history")
    @Secured(Roles.READ)
    Map<String, Object> history(@PathVariable String id, Authentication caller) {
        return Map.of("items", documents.writeHistory(finder.history(Callers.tenant(caller),
                CustomerId.fromRequest(id))));
    }

    /**
     * The answer about the customer the path named; for an absorbed id the survivor answers (reads and writes alike)
     * and says where it lives.
     */
    private MutableHttpResponse<Map<String, Object>> at(String pathId, MutableHttpResponse<Map<String, Object>> response,
                                                        Customer customer) {
        return customer.id().value().equals(pathId) ? response
                : response.header(HttpHeaders.CONTENT_LOCATION, location(customer).toString());
    }

    private MutableHttpResponse<Map<String, Object>> document(Customer customer, boolean depersonalized) {
        return withEtag(HttpResponse.ok(documents.write(customer, depersonalized)), customer);
    }

    private static MutableHttpResponse<Map<String, Object>> withEtag(MutableHttpResponse<Map<String, Object>> response,
                                                                     Customer customer) {
        return response.header(HttpHeaders.ETAG, EntityTags.of(customer.version()));
    }

    private static boolean isDepersonalized(String view) {
        return "depersonalized".equalsIgnoreCase(view) || "depersonalised".equalsIgnoreCase(view);
    }

    private static URI location(Customer customer) {
        return URI.create("/v1/customers/" + customer.id().value());
    }
}
