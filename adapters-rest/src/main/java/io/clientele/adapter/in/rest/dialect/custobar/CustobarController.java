package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.adapter.in.rest.IdempotentRequests;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.CustomerPage;
import io.clientele.application.port.in.FindCustomersUseCase;
import io.clientele.application.port.in.ListCustomersQuery;
import io.clientele.application.port.in.LookupCustomerQuery;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.domain.consent.Channel;
import io.clientele.domain.customer.Customer;
import io.clientele.domain.shared.NotFoundException;
import io.clientele.domain.shared.ValidationException;
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
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.util.HttpHostResolver;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Custobar dialect: customer upload ({@code POST /api/customers/upload/}) and data retrieval
 * ({@code GET /api/data/customers/}) under {@code /dialects/custobar}, in Custobar's field names and response shapes.
 */
@Controller("/dialects/custobar/api")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CustobarController {

    /** A Custobar upload (OpenAPI). */
    static final String UPLOAD_EXAMPLE = """
            {"customers": [{"external_id": "100500", "first_name": "Anna", "email": "anna@example.com",
              "phone_number": "+358401234567", "tags": ["vip"], "COMPANY__shoe_size": "41", "can_email": true}]}""";


    static final String TSV = "text/tab-separated-values";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 10_000;
    private static final String DATA_PATH = "/dialects/custobar/api/data/customers/";
    /** Query parameters that are not field filters: the read's own, and credentials some clients put in the URL. */
    private static final Set<String> NOT_FILTERS = Set.of("fields", "limit", "cursor", "shop_secret");

    private final CustobarBodies bodies;
    private final CustobarRecordReader reader;
    private final CustobarImporter importer;
    private final ManageTenantsUseCase tenants;
    private final FindCustomersUseCase finder;
    private final HttpHostResolver hosts;
    private final IdempotentRequests idempotent;

    CustobarController(CustobarBodies bodies, CustobarRecordReader reader, CustobarImporter importer,
                       ManageTenantsUseCase tenants, FindCustomersUseCase finder, HttpHostResolver hosts,
                       IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.bodies = bodies;
        this.reader = reader;
        this.importer = importer;
        this.tenants = tenants;
        this.finder = finder;
        this.hosts = hosts;
    }

    /**
     * Upserts every record (JSON, CSV or TSV by Content-Type) and answers 201 with one result per record in request
     * order; a body that can't be read at all is 400 in Custobar's error shape.
     */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "upload", value = UPLOAD_EXAMPLE)))
    @Post("/customers/upload{/}")
    @Secured(Roles.WRITE)
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_CSV, TSV, "text/tsv"})
    MutableHttpResponse<?> upload(@Body @Nullable String body,
                                  @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                  Authentication caller, HttpRequest<?> http) {
        // a retried upload with the same Idempotency-Key gets the first results back instead of running again
        return idempotent.run(http, caller, body, () -> doUpload(body, contentType, caller), false);
    }

    private MutableHttpResponse<Map<String, Object>> doUpload(String body, String contentType, Authentication caller) {
        List<Object> records;
        try {
            records = bodies.read(body, format(contentType));
        } catch (CustobarBodies.Unreadable e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (CustobarBodies.TooMany e) {
            return error(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        }
        Tenant tenant = tenants.getTenant(tenant(caller));
        CustobarImporter.Uploader uploader = new CustobarImporter.Uploader(tenant, key(caller),
                caller.getRoles().contains(Roles.ADMIN));
        // reading a record touches nothing shared: on both cores, in upload order
        List<CustobarRecord> read = records.parallelStream().map(record -> reader.read(record, tenant.timeZone(), tenant.defaultRegion()))
                .toList();
        CustobarImporter.Imported imported = importer.importAll(read, uploader);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("response", "ok");
        response.put("results", imported.results());
        MutableHttpResponse<Map<String, Object>> created = HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                .body(response);
        return imported.retryable() ? IdempotentRequests.notKept(created) : created;
    }

    /**
     * Customers by identifier ({@code external_id}, {@code email}, {@code phone_number}) or by any other field,
     * in Custobar field names; {@code fields} narrows each to external_id plus the fields named; {@code limit}
     * (default 100, at most 10,000) pages, with {@code next_url} while more remain.
     */
    @Get("/data/customers{/}")
    @Secured(Roles.READ)
    MutableHttpResponse<Map<String, Object>> customers(HttpRequest<?> request, Authentication caller) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String name : request.getParameters().names()) {
            if (!NOT_FILTERS.contains(name) && !(name.equals("shop_id")
                    && request.getParameters().contains("shop_secret"))) {
                filters.put(name, request.getParameters().get(name));
            }
        }
        for (String name : filters.keySet()) {
            if (!CustobarFields.isKnown(name)) {
                return error(HttpStatus.BAD_REQUEST, "unknown field " + name);
            }
        }
        Set<String> fields = null;
        String fieldList = request.getParameters().get("fields");
        if (fieldList != null && !fieldList.isBlank()) {
            fields = new LinkedHashSet<>();
            for (String field : fieldList.split(",")) {
                String name = field.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!CustobarFields.isKnown(name)) {
                    return error(HttpStatus.BAD_REQUEST, "unknown field " + name + " in fields");
                }
                fields.add(name);
            }
        }
        int limit;
        try {
            String raw = request.getParameters().get("limit");
            limit = raw == null || raw.isBlank() ? DEFAULT_LIMIT : Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            return error(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        String cursor = request.getParameters().get("cursor");
        TenantId tenant = tenant(caller);
        Found found;
        try {
            found = find(tenant, filters, limit, cursor);
        } catch (ValidationException e) {
            return error(HttpStatus.BAD_REQUEST, e.getMessage().replace("/cursor: ", "cursor: "));
        }
        Set<String> chosen = fields;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("customers", found.customers().stream()
                .map(c -> CustobarCustomers.showingAsked(CustobarCustomers.write(c, chosen), c, filters)).toList());
        if (found.nextCursor() != null) {
            response.put("next_url", nextUrl(request, found.nextCursor()));
        }
        return HttpResponse.ok(response);
    }

    private record Found(List<Customer> customers, String nextCursor) {
    }

    private Found find(TenantId tenant, Map<String, String> filters, int limit, String cursor) {
        Map<String, String> rest = new LinkedHashMap<>(filters);
        // identifiers: a lookup each; every one given must name the same customer
        Customer byIdentifier = null;
        boolean identified = false;
        for (Map.Entry<String, io.clientele.domain.identity.IdentifierType> identifier
                : CustobarFields.IDENTIFIERS.entrySet()) {
            String value = rest.remove(identifier.getKey());
            if (value == null) {
                continue;
            }
            Customer customer = lookup(tenant, identifier.getValue().label(), value);
            if (customer == null || identified && !customer.id().equals(byIdentifier.id())) {
                return new Found(List.of(), null);
            }
            identified = true;
            byIdentifier = customer;
        }
        if (identified) {
            Customer one = byIdentifier;
            boolean matches = rest.entrySet().stream()
                    .allMatch(f -> CustobarCustomers.matches(one, f.getKey(), f.getValue()));
            return new Found(matches && cursor == null ? List.of(one) : List.of(), null);
        }
        // the registry filters by tag, mailing list, canonical id and granted consent; the rest is checked here
        String tag = rest.remove(CustobarFields.TAGS);
        String mailingList = rest.remove(CustobarFields.MAILING_LISTS);
        String canonicalId = rest.remove(CustobarFields.CANONICAL_ID);
        Channel consent = null;
        for (Map.Entry<String, String> filter : List.copyOf(rest.entrySet())) {
            Channel channel = CustobarCustomers.channel(filter.getKey());
            if (channel != null && consent == null && CustobarCustomers.isTrue(filter.getValue())) {
                consent = channel;
                rest.remove(filter.getKey());
            }
        }
        int pageSize = rest.isEmpty() ? Math.min(limit, ListCustomersQuery.MAX_LIMIT) : ListCustomersQuery.MAX_LIMIT;
        List<Customer> customers = new ArrayList<>();
        String next = cursor;
        while (true) {
            CustomerPage page = finder.list(new ListCustomersQuery(tenant, tag, mailingList, consent, canonicalId,
                    pageSize, next));
            List<Customer> items = page.items();
            for (int i = 0; i < items.size(); i++) {
                Customer customer = items.get(i);
                if (!matchesAll(customer, rest)) {
                    continue;
                }
                if (customers.size() == limit) {
                    // one more match exists: the page so far ends at the last customer taken
                    return new Found(customers, customers.get(customers.size() - 1).id().value());
                }
                customers.add(customer);
            }
            if (page.nextCursor() == null) {
                return new Found(customers, null);
            }
            if (customers.size() == limit) {
                return new Found(customers, customers.get(customers.size() - 1).id().value());
            }
            next = page.nextCursor();
        }
    }

    private static boolean matchesAll(Customer customer, Map<String, String> filters) {
        return filters.entrySet().stream().allMatch(f -> CustobarCustomers.matches(customer, f.getKey(), f.getValue()));
    }

    private Customer lookup(TenantId tenant, String type, String value) {
        try {
            return finder.lookup(new LookupCustomerQuery(tenant, type, null, value));
        } catch (NotFoundException | ValidationException e) {
            // no customer can hold a value that is not a valid identifier
            return null;
        }
    }

    private String nextUrl(HttpRequest<?> request, String cursor) {
        StringBuilder url = new StringBuilder(hosts.resolve(request)).append(DATA_PATH).append('?');
        for (String name : request.getParameters().names()) {
            if (name.equals("cursor")) {
                continue;
            }
            for (String value : request.getParameters().getAll(name)) {
                url.append(encode(name)).append('=').append(encode(value)).append('&');
            }
        }
        return url.append("cursor=").append(encode(cursor)).toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static CustobarBodies.Format format(String contentType) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.startsWith(MediaType.TEXT_CSV)) {
            return CustobarBodies.Format.CSV;
        }
        if (type.startsWith(TSV) || type.startsWith("text/tsv")) {
            return CustobarBodies.Format.TSV;
        }
        return CustobarBodies.Format.JSON;
    }

    /** Custobar's error shape. */
    private static MutableHttpResponse<Map<String, Object>> error(HttpStatus status, String message) {
        return HttpResponse.<Map<String, Object>>status(status)
                .body(Map.of("error", Map.of("message", List.of(message))));
    }

    private static TenantId tenant(Authentication authentication) {
        Object tenant = authentication.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        if (tenant == null) {
            // the operator token carries no tenant; @Secured keeps it out of tenant endpoints already
            throw new IllegalStateException("authentication without a tenant reached a tenant endpoint");
        }
        return TenantId.of(tenant.toString());
    }

    private static String key(Authentication authentication) {
        Object key = authentication.getAttributes().get(Roles.KEY_ATTRIBUTE);
        return key == null ? authentication.getName() : key.toString();
    }
}
