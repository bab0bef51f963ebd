package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.DomainExceptionHandler;
import io.clientele.adapter.in.rest.error.MalformedRequestException;
import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.ProblemResponses;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.BatchUpsertUseCase;
import io.clientele.application.port.in.ManageTenantsUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.tenant.Tenant;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code POST /v1/customers:batch}: up to 10,000 upserts, one result per record, in request order. */
@Controller("/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class BatchController {

    private static final String NATIVE_SOURCE = "API";

    private final BatchUpsertUseCase batches;
    private final ManageTenantsUseCase tenants;
    private final CustomerDocuments documents;
    private final IdempotentRequests idempotent;

    BatchController(BatchUpsertUseCase batches, ManageTenantsUseCase tenants, CustomerDocuments documents,
                    IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.batches = batches;
        this.tenants = tenants;
        this.documents = documents;
    }

    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "batch", value = ApiExamples.BATCH)))
    @Post("/customers:batch")
    @Secured(Roles.WRITE)
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<?> batch(@Body String body, Authentication caller,
                                 HttpRequest<?> http) {
        if (http.getParameters().contains("dryRun")) {
            // a batch has no dry run: a client asking for one must not get a write
            throw io.clientele.domain.shared.ValidationException.of("/dryRun", "unsupported-parameter",
                    "a batch has no dry run; send the records one by one to POST /v1/customers?dryRun=true");
        }
        return idempotent.run(http, caller, body, () -> {
            Tenant tenant = tenants.getTenant(Callers.tenant(caller));
            JsonNode root = documents.parse(body);
            JsonNode customers = root.get("customers");
            if (customers == null || !customers.isArray()) {
                throw new MalformedRequestException("/customers", "send {\"customers\": [customer documents]}");
            }
            // a misspelt option beside the records was dropped without a word, as single documents never are
            StrictBody.of(root, java.util.Set.of("customers")).check();
            if (customers.size() > BatchUpsertUseCase.MAX_RECORDS) {
                return ProblemResponses.respond(Problem.of(413, "Payload too large", "batch-too-large",
                        "a batch holds at most " + BatchUpsertUseCase.MAX_RECORDS + " records, this one "
                                + customers.size()));
            }
            // records that can't even be read are rejected here; the rest go to the use case together
            Map<Integer, Object> results = new LinkedHashMap<>();
            List<UpsertCustomerCommand> commands = new ArrayList<>();
            List<Integer> commandIndexes = new ArrayList<>();
            for (int i = 0; i < customers.size(); i++) {
                JsonNode record = customers.get(i);
                try {
                    if (!record.isObject()) {
                        throw new MalformedRequestException("", "a record must be a customer document (a JSON object)");
                    }
                    CustomerDocuments.UpsertRequest request = documents.readUpsert(record, tenant.timeZone());
                    commands.add(new UpsertCustomerCommand(tenant.id(), request.identifiers(), request.changes(),
                            "/identifiers", NATIVE_SOURCE, Callers.key(caller), false));
                    commandIndexes.add(i);
                    results.put(i, null);
                } catch (DomainException e) {
                    results.put(i, rejected(i, DomainExceptionHandler.toProblem(e)));
                } catch (MalformedRequestException e) {
                    results.put(i, rejected(i, Problem.of(400, "Bad request", "malformed-request", e.getMessage())));
                }
            }
            List<BatchResult> done = batches.upsertAll(commands);
            for (int j = 0; j < done.size(); j++) {
                int index = commandIndexes.get(j);
                BatchResult result = done.get(j);
                results.put(index, result.rejected()
                        ? rejected(index, DomainExceptionHandler.toProblem(result.rejection()))
                        : accepted(index, result));
            }
            return HttpResponse.status(HttpStatus.OK).body(Map.of("results", List.copyOf(results.values())));
        });
    }

    private static Map<String, Object> accepted(int index, BatchResult result) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("outcome", result.result().outcome().name().toLowerCase(Locale.ROOT));
        entry.put("id", result.result().customer().id().value());
        if (!result.result().mergedFrom().isEmpty()) {
            entry.put("mergedFrom", result.result().mergedFrom().stream().map(id -> id.value()).toList());
        }
        return entry;
    }

    private static Map<String, Object> rejected(int index, Problem problem) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("outcome", "rejected");
        entry.put("status", problem.status());
        entry.put("code", problem.code());
        entry.put("detail", problem.detail());
        List<Map<String, Object>> errors = new ArrayList<>();
        // JSON Pointers into the request (API.md), as a single write's are into its body
        String record = "/customers/" + index;
        for (Problem.FieldError error : problem.errors()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("pointer", record + error.pointer());
            item.put("code", error.code());
            item.put("message", error.message());
            errors.add(item);
        }
        if (errors.isEmpty()) {
            errors.add(Map.of("pointer", record, "code", problem.code(), "message", problem.detail()));
        }
        entry.put("errors", errors);
        if (!problem.customers().isEmpty()) {
            entry.put("customers", problem.customers());
        }
        return entry;
    }
}
