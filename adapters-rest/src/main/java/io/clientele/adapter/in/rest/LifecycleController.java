package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.CustomerExport;
import io.clientele.application.port.in.ErasureReceipt;
import io.clientele.application.port.in.ManageLifecycleUseCase;
import io.clientele.domain.customer.CustomerId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Irreversible delete, GDPR erasure (forget) and GDPR access (export). */
@Controller("/v1/customers")
@ExecuteOn(TaskExecutors.BLOCKING)
public class LifecycleController {

    private static final String NATIVE_SOURCE = "API";

    private final ManageLifecycleUseCase lifecycle;
    private final CustomerDocuments documents;
    private final IdempotentRequests idempotent;

    LifecycleController(ManageLifecycleUseCase lifecycle, CustomerDocuments documents, IdempotentRequests idempotent) {
        this.idempotent = idempotent;
        this.lifecycle = lifecycle;
        this.documents = documents;
    }

    /** 204; the customer is gone from every read and its identifiers stay reserved. Honours If-Match. */
    @Delete("/{id}")
    @Secured(Roles.ADMIN)
    MutableHttpResponse<?> delete(@PathVariable String id, @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                  Authentication caller, HttpRequest<?> request) {
        return idempotent.run(request, caller, null, () -> {
            lifecycle.delete(Callers.tenant(caller), CustomerId.fromRequest(id),
                    EntityTags.expectedVersion(ifMatch), Callers.key(caller), NATIVE_SOURCE);
            return HttpResponse.noContent();
        });
    }

    /** GDPR erasure; the receipt names what went, never what it held. */
    @Post("/{id}/forget")
    @Secured(Roles.ADMIN)
    MutableHttpResponse<?> forget(@PathVariable String id, Authentication caller, HttpRequest<?> request) {
        return idempotent.run(request, caller, null, () -> HttpResponse.ok(receipt(id, caller)));
    }

    private Map<String, Object> receipt(String id, Authentication caller) {
        ErasureReceipt receipt = lifecycle.forget(Callers.tenant(caller), CustomerId.fromRequest(id),
                Callers.key(caller), NATIVE_SOURCE);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customerId", receipt.customerId());
        body.put("state", "FORGOTTEN");
        body.put("erasedCustomerIds", receipt.erasedIds());
        body.put("erased", receipt.erased());
        body.put("at", receipt.at().toString());
        body.put("by", receipt.actor());
        return body;
    }

    /** Everything held about the customer, as one document (GDPR access). */
    @Get("/{id}/export")
    @Secured(Roles.READ)
    Map<String, Object> export(@PathVariable String id, Authentication caller) {
        CustomerExport export = lifecycle.export(Callers.tenant(caller), CustomerId.fromRequest(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer", documents.write(export.customer(), false));
        body.put("consentLedger", documents.writeConsents(export.customer().consents()));
        body.put("history", documents.writeHistory(export.history()));
        body.put("merges", export.merges().stream().map(merge -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", merge.id());
            entry.put("survivorId", merge.survivorId().value());
            entry.put("absorbedId", merge.absorbedId().value());
            entry.put("at", merge.at().toString());
            entry.put("reason", merge.reason().name().toLowerCase(Locale.ROOT));
            entry.put("reverted", merge.isReverted());
            return entry;
        }).toList());
        body.put("exportedAt", java.time.Instant.now().toString());
        return body;
    }
}
