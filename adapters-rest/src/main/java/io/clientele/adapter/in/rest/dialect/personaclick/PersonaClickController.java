package io.clientele.adapter.in.rest.dialect.personaclick;

import io.clientele.adapter.in.rest.IdempotentRequests;
import io.micronaut.http.MutableHttpResponse;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.ValidationException;
import io.clientele.domain.tenant.AccessRole;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Error;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The PersonaClick dialect: {@code profile set}, {@code profile get} and mobile push tokens, written through the same
 * upsert as the native API with source {@code PERSONACLICK}. Success is {@code {"status": "success"}}; every
 * failure is {@code {"status": "error", "payload": {"message": "…"}}} with a 4xx status (field errors also listed in
 * {@code payload.errors} under PersonaClick's field names). Authentication is checked here, not by the security
 * filter, because PersonaClick clients may send {@code shop_secret} in the JSON body (see {@link ShopAuthentication}).
 */
@Controller("/dialects/personaclick")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(SecurityRule.IS_ANONYMOUS)
public class PersonaClickController {

    /** A device token (OpenAPI). */
    static final String PUSH_TOKEN_EXAMPLE = """
            {"shop_id": "acme", "shop_secret": "acme.<key>", "did": "device-1", "token": "fcm-token", "platform": "android"}""";


    /** A PersonaClick profile (OpenAPI). */
    static final String PROFILE_SET_EXAMPLE = """
            {"shop_id": "acme", "shop_secret": "acme.<key>", "id": 100500, "email": "anna@example.com",
             "first_name": "Anna", "gender": "f", "birthday": "1990-05-17",
             "kids": [{"gender": "m", "birthday": "2018-03-01"}], "auto": [{"brand": "Lada", "model": "Vesta"}]}""";


    private static final Map<String, Object> SUCCESS = Map.of("status", "success");

    private final UpsertCustomerUseCase upserts;
    private final FindCustomersUseCase finder;
    private final ManageTenantsUseCase tenants;
    private final ShopAuthentication shops;
    private final JsonMapper json;

    private final IdempotentRequests idempotent;

    PersonaClickController(UpsertCustomerUseCase upserts, FindCustomersUseCase finder, ManageTenantsUseCase tenants,
                           ShopAuthentication shops, JsonMapper json, IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.upserts = upserts;
        this.finder = finder;
        this.tenants = tenants;
        this.shops = shops;
        this.json = json;
    }

    /** {@code personaclick("profile", "set", {...})}: creates or updates the profile its identifiers name. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "profile set", value = PROFILE_SET_EXAMPLE)))
    @Post("/profile/set")
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> profileSet(HttpRequest<?> request, @Nullable @Body String body,
                                      @Nullable Authentication authentication) {
        JsonNode document = parse(body);
        ShopAuthentication.Shop shop = shops.require(request, authentication, document, AccessRole.WRITE);
        return idempotent.run(request, shop.tenant(), body, () -> {
            Tenant tenant = tenants.getTenant(shop.tenant());
            ProfileSetReader.Write write = new ProfileSetReader(tenant.timeZone()).profile(requireObject(document));
            upsert(tenant, shop, write);
            return HttpResponse.ok(SUCCESS);
        }, false);
    }

    /**
     * The profile found by {@code id} (the store's user id), {@code email}, {@code phone} or {@code did}: the full
     * profile for a write or admin key, the depersonalised one of PersonaClick's {@code get} for a read key.
     */
    @Get(uris = {"/profile", "/profile/get"})
    Map<String, Object> profileGet(HttpRequest<?> request, @Nullable @QueryValue String id,
                                   @Nullable @QueryValue String email, @Nullable @QueryValue String phone,
                                   @Nullable @QueryValue String did, @Nullable Authentication authentication) {
        ShopAuthentication.Shop shop = shops.require(request, authentication, null, AccessRole.READ);
        String[][] keys = {{"id", "externalId", id}, {"email", "email", email}, {"phone", "phone", phone},
                {"did", "deviceId", did}};
        for (String[] key : keys) {
            if (key[2] != null && !key[2].isBlank()) {
                Customer customer;
                try {
                    customer = finder.lookup(new LookupCustomerQuery(shop.tenant(), key[1], null, key[2]));
                } catch (ValidationException e) {
                    throw fieldErrors(e, pointer -> key[0]);
                }
                return shop.role().granted().contains(AccessRole.WRITE) ? ProfileDocuments.full(customer)
                        : ProfileDocuments.depersonalized(customer);
            }
        }
        throw new PersonaClickException(400, "one of id, email, phone or did is required",
                List.of(new PersonaClickException.FieldError("id", "required",
                        "one of id, email, phone or did is required")));
    }

    /** {@code {"did", "token", "platform": "ios|android"}}: the device becomes an identifier, its token a subscription. */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "push token", value = PUSH_TOKEN_EXAMPLE)))
    @Post("/mobile_push_tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> mobilePushToken(HttpRequest<?> request, @Nullable @Body String body,
                                           @Nullable Authentication authentication) {
        JsonNode document = parse(body);
        ShopAuthentication.Shop shop = shops.require(request, authentication, document, AccessRole.WRITE);
        return idempotent.run(request, shop.tenant(), body, () -> {
            Tenant tenant = tenants.getTenant(shop.tenant());
            ProfileSetReader.Write write = new ProfileSetReader(tenant.timeZone()).pushToken(requireObject(document));
            upsert(tenant, shop, write);
            return HttpResponse.ok(SUCCESS);
        }, false);
    }

    private void upsert(Tenant tenant, ShopAuthentication.Shop shop, ProfileSetReader.Write write) {
        try {
            upserts.upsert(new UpsertCustomerCommand(tenant.id(), write.identifiers(), write.changes(),
                    ProfileSetReader.IDENTIFIERS, ProfileSetReader.SOURCE, shop.keyId(), false));
        } catch (ValidationException e) {
            throw fieldErrors(e, write::field);
        }
    }

    @Error(exception = PersonaClickException.class)
    HttpResponse<Map<String, Object>> personaClickError(HttpRequest<?> request, PersonaClickException e) {
        return error(e);
    }

    /** Rule violations the application reports (vendor pointers already, for what the readers found). */
    @Error(exception = DomainException.class)
    HttpResponse<Map<String, Object>> domainError(HttpRequest<?> request, DomainException e) {
        if (e instanceof ValidationException validation) {
            return error(fieldErrors(validation, pointer -> pointer.startsWith("/") ? pointer.substring(1) : pointer));
        }
        int status = switch (e.kind()) {
            case INVALID -> 422;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
            case PRECONDITION_FAILED -> 412;
        };
        String message = e.kind() == DomainException.Kind.NOT_FOUND ? "profile not found" : e.getMessage();
        return error(new PersonaClickException(status, message));
    }

    private static PersonaClickException fieldErrors(ValidationException e, Function<String, String> fieldOf) {
        List<PersonaClickException.FieldError> errors = e.violations().stream()
                .map(v -> new PersonaClickException.FieldError(fieldOf.apply(v.pointer()), v.code(), v.message()))
                .toList();
        String message = errors.stream().map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return new PersonaClickException(422, message, errors);
    }

    private static HttpResponse<Map<String, Object>> error(PersonaClickException e) {
        boolean limited = e.retryAfter() > 0;
        MutableHttpResponse<Map<String, Object>> response = HttpResponse.<Map<String, Object>>status(
                HttpStatus.valueOf(e.status())).body(errorBody(e.getMessage(), limited ? "rate-limited" : null,
                e.errors()));
        // as the rate limit filter answers a key sent in a header
        return limited ? response.header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter())) : response;
    }

    /** {@code {"status": "error", "payload": {"message", "code" (when known), "errors" (when any)}}}. */
    static Map<String, Object> errorBody(String message, String code, List<PersonaClickException.FieldError> errors) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("message", message);
        if (code != null) {
            payload.put("code", code);
        }
        if (!errors.isEmpty()) {
            payload.put("errors", errors.stream().map(error -> {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("field", error.field());
                item.put("code", error.code());
                item.put("message", error.message());
                return item;
            }).toList());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "error");
        body.put("payload", payload);
        return body;
    }

    /** The body as JSON, or null when it isn't (authentication runs first, so a stranger learns nothing). */
    private JsonNode parse(@Nullable String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static JsonNode requireObject(@Nullable JsonNode document) {
        if (document == null || !document.isObject()) {
            throw new PersonaClickException(400, "the request body must be a JSON object");
        }
        return document;
    }
}
