package io.clientele.adapter.in.rest.dialect.capillary;

import io.clientele.adapter.in.rest.IdempotentRequests;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.identity.SourceAccount;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.io.IOException;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Capillary's customer API (v2 "Add Customer" and lookups), on the registry's use cases.
 *
 * <p>Answers in Capillary's shapes: {@code {"createdId", "warnings", "sideEffects"}} on success,
 * {@code {"warnings": [], "errors": [{"status": false, "code", "message", "field"}]}} on failure ({@code field}, where
 * in the request the problem is, is ours beside the vendor's keys). HTTP status of a failure, chosen here since the
 * page names none:
 * <ul>
 *   <li>400: the request is unreadable or breaks a rule (8001, 8011 invalid source, 8012, 8013 invalid identifier,
 *       8014, 8016 invalid value, 8017 extended field, 8018 enrolment);</li>
 *   <li>409: the registry's state refuses it (8006 customer already exists for the same source; 8019 an identifier is
 *       reserved by a deleted customer, or the org's policy forbids combining the customers the identifiers name);</li>
 *   <li>404: a lookup finds nobody (8015).</li>
 * </ul>
 * Authentication failures (401/403) are the server's problem+json, as for every endpoint. Capillary's ids are
 * numbers; ours are opaque strings, returned as strings in {@code createdId}, {@code entity} and {@code id}.
 */
@Controller("/dialects/capillary/v2/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CapillaryCustomerController {

    /** A Capillary registration (OpenAPI). */
    static final String ADD_CUSTOMER_EXAMPLE = """
            {"profiles": [{"firstName": "Anna", "lastName": "Ivanova", "source": "INSTORE",
              "identifiers": [{"type": "mobile", "value": "919845012345"}, {"type": "email", "value": "anna@example.com"}],
              "fields": {"gender": "female"}}], "loyaltyType": "loyalty"}""";


    private final CapillaryRegistrations registrations;
    private final FindCustomersUseCase finder;
    private final ManageTenantsUseCase tenants;
    private final JsonMapper json;
    private final IdempotentRequests idempotent;

    CapillaryCustomerController(CapillaryRegistrations registrations, FindCustomersUseCase finder,
                                ManageTenantsUseCase tenants, JsonMapper json, IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.registrations = registrations;
        this.finder = finder;
        this.tenants = tenants;
        this.json = json;
    }

    /** Add Customer: create only; joining a customer known from another source answers with warning 8050. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "add customer", value = ADD_CUSTOMER_EXAMPLE)))
    @Post
    @Secured(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> add(@Body @Nullable String body, Authentication caller, HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> (MutableHttpResponse<?>) answer(() -> {
            Tenant tenant = tenants.getTenant(CapillaryCallers.tenant(caller));
            CapillaryRegistration registration = new CapillaryRegistrationReader(tenant).read(parse(body));
            CapillaryRegistrations.Registered registered = registrations.register(tenant, registration,
                    CapillaryCallers.key(caller));
            List<CapillaryMessage> warnings = registered.combined()
                    ? List.of(CapillaryMessage.of(CapillaryCode.COMBINED_WITH_OTHER_SOURCE)) : List.of();
            return HttpResponse.ok(new CapillaryResponses.Created(registered.customerId(), warnings, List.of()));
        }), false);
    }

    /** The id of the customer holding an identifier, seen from {@code source} ({@code ALL}: from any source). */
    @Get("/lookup")
    @Secured(Roles.READ)
    HttpResponse<?> lookup(@Nullable @QueryValue String source, @Nullable @QueryValue String identifierName,
                           @Nullable @QueryValue String identifierValue, @Nullable @QueryValue String accountId,
                           Authentication caller) {
        return answer(() -> {
            Found found = find(caller, source, identifierName, identifierValue, accountId);
            return HttpResponse.ok(new CapillaryResponses.Entity(found.customer().id().value(), List.of()));
        });
    }

    /** The customer holding an identifier, in Capillary's profile-per-source-account form. */
    @Get("/lookup/customerDetails")
    @Secured(Roles.READ)
    HttpResponse<?> customerDetails(@Nullable @QueryValue String source, @Nullable @QueryValue String identifierName,
                                    @Nullable @QueryValue String identifierValue,
                                    @Nullable @QueryValue String accountId, Authentication caller) {
        return answer(() -> {
            Found found = find(caller, source, identifierName, identifierValue, accountId);
            return HttpResponse.ok(CapillaryCustomerDetails.write(found.customer(), found.sighting()));
        });
    }

    private record Found(Customer customer, Predicate<SourceAccount> sighting) {
    }

    /**
     * With a specific source, only a customer whose identifier was seen from that source (and account, when given)
     * matches; {@code ALL} matches any source.
     */
    private Found find(Authentication caller, String rawSource, String identifierName, String identifierValue,
                       String accountId) {
        String source = CapillaryIdentifiers.source(rawSource, true);
        if (source == null) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_SOURCE, rawSource == null || rawSource.isBlank()
                    ? "source is required (ALL for any source)" : "Invalid source", "source");
        }
        CapillaryIdentifiers.Kind kind = CapillaryIdentifiers.kind(identifierName);
        if (kind == null) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_IDENTIFIER, "identifierName must be one of mobile, "
                    + "email, externalId, cardnumber, wechat, fbId, line, ...", "identifierName");
        }
        if (identifierValue == null || identifierValue.isBlank()) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_IDENTIFIER, "identifierValue is required",
                    "identifierValue");
        }
        String account = accountId == null || accountId.isBlank() ? null : accountId.trim();
        Tenant tenant = tenants.getTenant(CapillaryCallers.tenant(caller));
        String value = CapillaryIdentifiers.asSent(kind, identifierValue, tenant.defaultRegion());
        IdentifierKey key;
        try {
            key = Identifier.parse(kind.type(), kind.softLinkName(), value, tenant.defaultRegion(),
                    PlaceholderPolicy.defaults()).key();
        } catch (InvalidValueException e) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_IDENTIFIER, "Invalid identifier: " + e.getMessage(),
                    "identifierValue");
        }
        Customer customer;
        try {
            customer = finder.lookup(new LookupCustomerQuery(tenant.id(), kind.type().label(), kind.softLinkName(),
                    value));
        } catch (NotFoundException e) {
            throw notFound();
        }
        Predicate<SourceAccount> sighting = s -> (source.equals(CapillaryIdentifiers.ALL_SOURCES)
                || s.source().equals(source)) && (account == null || account.equals(s.accountId()));
        Identifier held = customer.identifier(key);
        if (held == null || held.sources().stream().noneMatch(sighting)) {
            throw notFound();
        }
        return new Found(customer, sighting);
    }

    private static CapillaryFailure notFound() {
        return new CapillaryFailure(HttpStatus.NOT_FOUND, List.of(CapillaryMessage.of(
                CapillaryCode.CUSTOMER_NOT_FOUND)));
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_REQUEST, "the request body is empty", null);
        }
        try {
            JsonNode node = json.readValue(body, JsonNode.class);
            if (node == null || !node.isObject()) {
                throw CapillaryFailure.badRequest(CapillaryCode.INVALID_REQUEST,
                        "the request body must be a JSON object", null);
            }
            return node;
        } catch (IOException | RuntimeException e) {
            if (e instanceof CapillaryFailure failure) {
                throw failure;
            }
            throw CapillaryFailure.badRequest(CapillaryCode.INVALID_REQUEST, "the request body is not valid JSON", null);
        }
    }

    /** Runs a request and turns refusals into Capillary's error shape (never a stack trace). */
    private static HttpResponse<?> answer(Supplier<HttpResponse<?>> work) {
        try {
            return work.get();
        } catch (CapillaryFailure failure) {
            return failure(failure.status(), failure.errors());
        } catch (WriteContendedException e) {
            // answered 409 in this dialect's shape by CapillaryErrorShape, and not kept for an Idempotency-Key
            throw e;
        } catch (DomainException e) {
            // what the checks above don't catch first (e.g. the tenant vanished): the same shape, a fitting status
            return switch (e.kind()) {
                case NOT_FOUND -> failure(HttpStatus.NOT_FOUND,
                        List.of(CapillaryMessage.of(CapillaryCode.CUSTOMER_NOT_FOUND, e.getMessage(), null)));
                case CONFLICT, PRECONDITION_FAILED -> failure(HttpStatus.CONFLICT,
                        List.of(CapillaryMessage.of(CapillaryCode.IDENTIFIER_CONFLICT, e.getMessage(), null)));
                case INVALID -> failure(HttpStatus.BAD_REQUEST,
                        List.of(CapillaryMessage.of(CapillaryCode.INVALID_FIELD, e.getMessage(), null)));
            };
        }
    }

    private static HttpResponse<?> failure(HttpStatus status, List<CapillaryMessage> errors) {
        return HttpResponse.status(status).body(new CapillaryResponses.Failure(List.of(), errors));
    }
}
