package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.MergeCustomersCommand;
import io.clientele.application.port.in.MergeCustomersUseCase;
import io.clientele.application.port.in.MergeResult;
import io.clientele.application.port.in.RevertResult;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.merge.Merge;
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
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Explicit merges (admin), the merge journal and reverts. */
@Controller("/v1/merges")
@ExecuteOn(TaskExecutors.BLOCKING)
public class MergeController {

    private final MergeCustomersUseCase merges;
    private final CustomerDocuments documents;
    private final IdempotentRequests idempotent;

    MergeController(MergeCustomersUseCase merges, CustomerDocuments documents, IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.merges = merges;
        this.documents = documents;
    }

    /** The customers to merge: the survivor keeps its id and takes everything of the absorbed one. */
    @Serdeable
    record MergeRequest(String survivorId, String absorbedId) {
    }

    /**
     * 201 with the journal entry and the survivor; {@code ?dryRun=true}: 200 with the would-be survivor's document
     * ({@code "dryRun": true} in it), nothing written.
     */
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json", examples = @io.swagger.v3.oas.annotations.media.ExampleObject(name = "merge", value = ApiExamples.MERGE), schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = MergeRequest.class)))
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    @Secured(Roles.ADMIN)
    MutableHttpResponse<?> merge(@Body String json, @io.swagger.v3.oas.annotations.Parameter(schema = @io.swagger.v3.oas.annotations.media.Schema(type = "boolean")) @Nullable @QueryValue String dryRun,
                                 Authentication caller, HttpRequest<?> http) {
        boolean dry = DryRun.requested(dryRun);
        StrictBody fields = StrictBody.of(documents.parse(json), java.util.Set.of("survivorId", "absorbedId"));
        MergeRequest request = new MergeRequest(fields.requiredText("survivorId"), fields.requiredText("absorbedId"));
        fields.check();
        String body = request.survivorId() + "\n" + request.absorbedId();
        // a dry run has no effect for an Idempotency-Key to protect (and must not join a unit of work that commits)
        return dry ? doMerge(request, true, caller) : idempotent.run(http, caller, body,
                () -> doMerge(request, false, caller));
    }

    private MutableHttpResponse<Map<String, Object>> doMerge(MergeRequest request, boolean dry,
                                                             Authentication caller) {
        CustomerId survivor = CustomerId.fromRequest(request.survivorId());
        CustomerId absorbed = CustomerId.fromRequest(request.absorbedId());
        MergeResult result = merges.merge(new MergeCustomersCommand(Callers.tenant(caller), survivor, absorbed, dry,
                Callers.key(caller)));
        if (dry) {
            // API.md: the would-be survivor document, marked as not written like an upsert's dry run
            Map<String, Object> body = new LinkedHashMap<>(documents.write(result.survivor(), false));
            body.put("dryRun", true);
            return HttpResponse.ok(body);
        }
        Map<String, Object> body = entry(result.merge());
        body.put("survivor", documents.write(result.survivor(), false));
        return HttpResponse.<Map<String, Object>>status(HttpStatus.CREATED)
                .headers(h -> h.location(URI.create("/v1/merges/" + result.merge().id())))
                .body(body);
    }

    @Get("/{id}")
    @Secured(Roles.READ)
    Map<String, Object> get(@PathVariable String id, Authentication caller) {
        return entry(merges.get(Callers.tenant(caller), id));
    }

    /** Undoes a merge while nothing it touched has moved since (else 409 saying what moved). */
    @Post("/{id}/revert")
    @Secured(Roles.ADMIN)
    MutableHttpResponse<?> revert(@PathVariable String id, Authentication caller, HttpRequest<?> http) {
        return idempotent.run(http, caller, null, () -> HttpResponse.ok(doRevert(id, caller)));
    }

    private Map<String, Object> doRevert(String id, Authentication caller) {
        RevertResult result = merges.revert(Callers.tenant(caller), id, Callers.key(caller));
        Map<String, Object> body = entry(result.merge());
        body.put("survivor", documents.write(result.survivor(), false));
        body.put("absorbed", documents.write(result.absorbed(), false));
        return body;
    }

    private static Map<String, Object> entry(Merge merge) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", merge.id());
        body.put("survivorId", merge.survivorId().value());
        body.put("absorbedId", merge.absorbedId().value());
        body.put("at", merge.at().toString());
        body.put("reason", merge.reason().name().toLowerCase(Locale.ROOT));
        body.put("actor", merge.actor());
        body.put("reverted", merge.isReverted());
        if (!merge.isReverted()) {
            // a reverted merge moved them back, and keeps no before-image to count them from
            body.put("identifiersMoved", merge.absorbedBefore().identifiers().size());
        } else {
            body.put("revertedAt", merge.revertedAt().toString());
            body.put("revertedBy", merge.revertedBy());
        }
        return body;
    }
}
