package io.clientele.adapter.in.rest.dialect.custobar;

import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.IdentifierInput;
import io.clientele.application.port.in.ManageLifecycleUseCase;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.customer.DetailsPatch;
import io.clientele.domain.customer.ProfilePatch;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.InvalidValueException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.context.BeanProvider;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whether an upload's results may be kept as its Idempotency-Key's answer: not when a record failed for a reason of
 * the moment (its result says "retry the upload", so the same key must run it again).
 */
class CustobarImporterTest {

    private static final CustobarImporter.Uploader UPLOADER = new CustobarImporter.Uploader(
            new Tenant(TenantId.of("acme"), "Acme", "FI", ZoneId.of("UTC"), MergePolicy.MERGE, Instant.EPOCH),
            "key-1", true);

    /** Refuses every record with what {@code refusal} gives, alone or together. */
    private static UpsertCustomerUseCase refusing(Supplier<RuntimeException> refusal) {
        return new UpsertCustomerUseCase() {
            @Override
            public UpsertResult upsert(UpsertCustomerCommand command) {
                throw refusal.get();
            }

            @Override
            public List<BatchResult> upsertEach(List<UpsertCustomerCommand> commands) {
                List<BatchResult> results = new ArrayList<>();
                for (int i = 0; i < commands.size(); i++) {
                    RuntimeException e = refusal.get();
                    if (!(e instanceof DomainException domain)) {
                        throw e;
                    }
                    results.add(new BatchResult(i, null, domain));
                }
                return results;
            }
        };
    }

    private static CustobarRecord record(String externalId, Boolean deleted) {
        return new CustobarRecord(externalId, List.of(IdentifierInput.of("externalId", externalId)),
                List.of(CustobarFields.EXTERNAL_ID), Map.of(), ProfilePatch.none(), DetailsPatch.none(), Map.of(),
                deleted, null, List.of(), List.of());
    }

    private static CustobarImporter.Imported upload(UpsertCustomerUseCase upserts) {
        BeanProvider<ManageLifecycleUseCase> noLifecycle = () -> {
            throw new AssertionError("nothing here deletes or forgets");
        };
        // a plain record (written in a chunk) and one sending is_deleted=false (written alone)
        return new CustobarImporter(upserts, noLifecycle).importAll(
                List.of(record("c-1", null), record("c-2", false)), UPLOADER);
    }

    @Test
    void aRecordThatLostEveryRetryMakesTheUploadRetryable() {
        CustobarImporter.Imported imported = upload(refusing(() -> new WriteContendedException("lost every retry")));
        assertThat(imported.results()).extracting(result -> result.get("outcome"))
                .containsExactly("rejected", "rejected");
        assertThat(imported.retryable()).isTrue();
    }

    @Test
    void aRecordTheDatabaseFailedMakesTheUploadRetryable() {
        CustobarImporter.Imported imported = upload(refusing(() -> new IllegalStateException("connection reset")));
        assertThat(imported.results()).extracting(result -> result.get("outcome"))
                .containsExactly("rejected", "rejected");
        assertThat(imported.retryable()).isTrue();
    }

    @Test
    void aRecordThatBreaksARuleLeavesTheUploadKeepable() {
        CustobarImporter.Imported imported = upload(refusing(() -> new InvalidValueException("invalid-email",
                "not an email")));
        assertThat(imported.results()).extracting(result -> result.get("outcome"))
                .containsExactly("rejected", "rejected");
        assertThat(imported.retryable()).isFalse();
    }
}
