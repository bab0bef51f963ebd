package io.clientele.adapter.in.rest.dialect.retailrocket;

import io.clientele.adapter.in.rest.error.MalformedRequestException;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.ConsentInput;
import io.clientele.application.port.in.CustomerChanges;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpRequest;
import io.clientele.adapter.in.rest.IdempotentRequests;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The RetailRocket dialect: the customer card of {@code rrApi.setCustomer} and the tracking API's
 * {@code setContact}, written through the same upsert as the native API with source {@code RETAILROCKET}.
 *
 * <p>Marketing-mail consent follows the vendor's page: {@code isAgreedToReceiveMarketingMail} defaults to true and
 * records a grant; {@code false} records nothing, because the method "is not suitable for unsubscribing" and so must
 * never withdraw a consent given earlier. A grant is not repeated while the customer's current email consent is
 * already granted, so a tracking call on every page view doesn't flood the ledger.
 *
 * <p>Errors are problem+json (RetailRocket documents no error shape) with pointers into the vendor's document.
 */
@Controller("/dialects/retailrocket")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.WRITE)
public class RetailRocketController {

    /** A tracking-API contact (OpenAPI). */
    static final String SET_CONTACT_EXAMPLE = """
            {"sessionExternalId": "s-1", "contactExternalId": "100500", "timestamp": 1700000000,
             "email": "anna@example.com", "stockId": "msk-01", "customData": {"source": "checkout"}}""";


    /** The RetailRocket page's example, with real contact data (OpenAPI). */
    static final String SET_CUSTOMER_EXAMPLE = """
            {"customerId": "100500", "email": "anna@example.com", "phone": "+7 (111) 222-33-44",
             "softLinks": [{"name": "loyalty card", "value": "7700123"}], "defaultStockId": "msk-01",
             "customData": {"customDataName1": "value"}, "isAgreedToReceiveMarketingMail": true}""";


    private final UpsertCustomerUseCase upserts;
    private final ManageTenantsUseCase tenants;
    private final JsonMapper json;
    private final IdempotentRequests idempotent;

    RetailRocketController(UpsertCustomerUseCase upserts, ManageTenantsUseCase tenants,
                           JsonMapper json, IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.upserts = upserts;
        this.tenants = tenants;
        this.json = json;
    }

    /**
     * One {@code setCustomer} object. RetailRocket documents no response (its SDK ignores it), so the answer is the
     * native result: 201 with {@code Location} when created, 200 otherwise, with the id, the outcome and the
     * identifiers as normalised.
     */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "setCustomer", value = SET_CUSTOMER_EXAMPLE)))
    @Post("/customers")
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> setCustomer(@Body String body, Authentication caller, HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> doSetCustomer(body, caller));
    }

    private MutableHttpResponse<Map<String, Object>> doSetCustomer(String body, Authentication caller) {
        Tenant tenant = tenants.getTenant(tenant(caller));
        RetailRocketReader.Write write = new RetailRocketReader(tenant.timeZone()).setCustomer(parse(body));
        CustomerChanges changes = write.changes();
        if (!Boolean.FALSE.equals(write.agreedToMail())) {
            // restated on every tracking call: an explicit true is recorded when the customer isn't granted already;
            // the page's default (flag omitted) only while nothing is recorded for email and the customer has an
            // email, so a page view never re-subscribes someone who unsubscribed (decided in the upsert's own
            // transaction, so no lookup before it and no race)
            boolean byDefault = write.agreedToMail() == null;
            ConsentInput.Recording recording = byDefault ? ConsentInput.Recording.AS_DEFAULT
                    : ConsentInput.Recording.IF_CHANGED;
            // the evidence tells an audit whether the person said so or the page's default did
            List<ConsentInput> consents = List.of(new ConsentInput(Channel.EMAIL, ConsentStatus.GRANTED, null, null,
                    byDefault ? "rrApi.setCustomer isAgreedToReceiveMarketingMail omitted (default true)"
                            : "rrApi.setCustomer isAgreedToReceiveMarketingMail", null, recording));
            changes = new CustomerChanges(changes.profile(), changes.details(), consents, changes.pushSubscriptions(),
                    false);
        }
        UpsertResult result = upsert(tenant, write, changes, caller);
        Map<String, Object> document = result(result);
        if (result.outcome() == UpsertResult.Outcome.CREATED) {
            return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                    .headers(h -> h.location(URI.create("/v1/customers/" + result.customer().id().value())))
                    .body(document);
        }
        return HttpResponse.ok(document);
    }

    /** Tracking API {@code POST /1.0/setContact}: 200 with an empty body, as RetailRocket answers. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "setContact", value = SET_CONTACT_EXAMPLE)))
    @Post("/1.0/setContact")
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> setContact(@Body String body, Authentication caller, HttpRequest<?> http) {
        return idempotent.run(http, caller, body, () -> {
            Tenant tenant = tenants.getTenant(tenant(caller));
            RetailRocketReader.Write write = new RetailRocketReader(tenant.timeZone()).setContact(parse(body));
            upsert(tenant, write, write.changes(), caller);
            return HttpResponse.ok();
        });
    }

    private UpsertResult upsert(Tenant tenant, RetailRocketReader.Write write, CustomerChanges changes,
                                Authentication caller) {
        try {
            return upserts.upsert(new UpsertCustomerCommand(tenant.id(), write.identifiers().inputs(), changes,
                    VendorIdentifiers.POINTER, RetailRocketReader.SOURCE, key(caller), false));
        } catch (ValidationException e) {
            throw write.identifiers().translate(e);
        }
    }

    /** Whether the customer holding this external id has a granted email consent now (a stale answer costs only a
     * repeated grant). */
    private static Map<String, Object> result(UpsertResult result) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("id", result.customer().id().value());
        document.put("outcome", result.outcome().name().toLowerCase(Locale.ROOT));
        if (!result.mergedFrom().isEmpty()) {
            document.put("mergedFrom", result.mergedFrom().stream().map(CustomerId::value).toList());
        }
        List<Map<String, Object>> identifiers = new ArrayList<>();
        for (Identifier identifier : result.customer().identifiers()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("type", identifier.type().label());
            if (identifier.type() == IdentifierType.SOFT_LINK) {
                item.put("name", identifier.name());
            }
            item.put("value", identifier.value());
            if (identifier.type() == IdentifierType.PHONE) {
                if (identifier.country() != null) {
                    item.put("country", identifier.country());
                }
                if (identifier.unplaced()) {
                    item.put("unverified", true);
                }
            }
            if (identifier.source() != null) {
                item.put("source", identifier.source());
            }
            identifiers.add(item);
        }
        document.put("identifiers", identifiers);
        return document;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new MalformedRequestException("", "the request body is empty; send the setCustomer object as JSON");
        }
        JsonNode node;
        try {
            node = json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRequestException("", "the request body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new MalformedRequestException("", "the request body must be a JSON object");
        }
        return node;
    }

    private static TenantId tenant(Authentication caller) {
        Object tenant = caller.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        if (tenant == null) {
            // only the operator token has no tenant, and @Secured(write) keeps it out
            throw new IllegalStateException("authentication without a tenant reached a tenant endpoint");
        }
        return TenantId.of(tenant.toString());
    }

    private static String key(Authentication caller) {
        Object key = caller.getAttributes().get(Roles.KEY_ATTRIBUTE);
        return key == null ? caller.getName() : key.toString();
    }
}
