package io.clientele.application.port.in;

import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.tenant.TenantId;

import java.util.List;
import java.util.Objects;

/**
 * Write a customer known by its identifiers: create it, update it, or (several holders) apply the tenant's policy.
 *
 * @param identifierPointer JSON Pointer prefix of the identifiers in the caller's document (for error locations)
 * @param defaultSource     source recorded for identifiers and consents that name none ({@code API},
 *                          {@code RETAILROCKET}, ...)
 * @param actor             who writes (the API key id), for the history
 * @param dryRun            compute the outcome and the resulting customer, write nothing
 * @param replacement       identifiers the write takes away from the customer it writes (none for most callers)
 */
public record UpsertCustomerCommand(TenantId tenantId, List<IdentifierInput> identifiers, CustomerChanges changes,
                                    String identifierPointer, String defaultSource, String actor, boolean dryRun,
                                    IdentifierReplacement replacement) {

    public UpsertCustomerCommand {
        Objects.requireNonNull(tenantId, "tenantId");
        identifiers = List.copyOf(identifiers);
        changes = changes == null ? CustomerChanges.none() : changes;
        identifierPointer = identifierPointer == null ? "/identifiers" : identifierPointer;
        Objects.requireNonNull(defaultSource, "defaultSource");
        replacement = replacement == null ? IdentifierReplacement.none() : replacement;
    }

    public UpsertCustomerCommand(TenantId tenantId, List<IdentifierInput> identifiers, CustomerChanges changes,
                                 String identifierPointer, String defaultSource, String actor, boolean dryRun) {
        this(tenantId, identifiers, changes, identifierPointer, defaultSource, actor, dryRun,
                IdentifierReplacement.none());
    }

    public UpsertCustomerCommand(TenantId tenantId, List<IdentifierInput> identifiers, ProfilePatch profile,
                                 String identifierPointer, String defaultSource, String actor) {
        this(tenantId, identifiers, CustomerChanges.of(profile), identifierPointer, defaultSource, actor, false);
    }

    public UpsertCustomerCommand(TenantId tenantId, List<IdentifierInput> identifiers, ProfilePatch profile,
                                 String identifierPointer, String defaultSource, String actor, boolean dryRun) {
        this(tenantId, identifiers, CustomerChanges.of(profile), identifierPointer, defaultSource, actor, dryRun);
    }

    public ProfilePatch profile() {
        return changes.profile();
    }
}
