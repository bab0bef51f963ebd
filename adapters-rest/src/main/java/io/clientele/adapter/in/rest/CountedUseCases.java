package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.DomainExceptionHandler;
import io.clientele.application.port.in.BatchResult;
import io.clientele.application.port.in.MergeCustomersCommand;
import io.clientele.application.port.in.MergeCustomersUseCase;
import io.clientele.application.port.in.MergeResult;
import io.clientele.application.port.in.RevertResult;
import io.clientele.application.port.in.UpsertCustomerCommand;
import io.clientele.application.port.in.UpsertCustomerUseCase;
import io.clientele.application.port.in.UpsertResult;
import io.clientele.domain.merge.Merge;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Wraps the upsert and merge use cases as they are created, so every caller (native API, batches, every dialect)
 * is counted in {@link WriteMetrics} without each adapter remembering to.
 */
final class CountedUseCases {

    private CountedUseCases() {
    }

    @Singleton
    @Requires(classes = MeterRegistry.class)
    static class Upserts implements BeanCreatedEventListener<UpsertCustomerUseCase> {

        private final WriteMetrics metrics;

        Upserts(WriteMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public UpsertCustomerUseCase onCreated(BeanCreatedEvent<UpsertCustomerUseCase> event) {
            UpsertCustomerUseCase upserts = event.getBean();
            return new UpsertCustomerUseCase() {
                @Override
                public UpsertResult upsert(UpsertCustomerCommand command) {
                    return count(upserts, command);
                }

                @Override
                public List<BatchResult> upsertEach(List<UpsertCustomerCommand> commands) {
                    // the service writes the records that go alone through its own upsert, not through this
                    // wrapper: every record is counted here, once
                    List<BatchResult> results = upserts.upsertEach(commands);
                    for (BatchResult result : results) {
                        if (result.rejected()) {
                            rejected(result.rejection());
                        } else {
                            written(commands.get(result.index()), result.result());
                        }
                    }
                    return results;
                }
            };
        }

        private UpsertResult count(UpsertCustomerUseCase upserts, UpsertCustomerCommand command) {
            try {
                UpsertResult result = upserts.upsert(command);
                written(command, result);
                return result;
            } catch (DomainException e) {
                rejected(e);
                throw e;
            }
        }

        private void written(UpsertCustomerCommand command, UpsertResult result) {
            if (!command.dryRun()) {
                metrics.outcome(result.outcome());
            }
        }

        private void rejected(DomainException e) {
            metrics.rejection(DomainExceptionHandler.status(e.kind()), e.code());
        }
    }

    @Singleton
    @Requires(classes = MeterRegistry.class)
    static class Merges implements BeanCreatedEventListener<MergeCustomersUseCase> {

        private final WriteMetrics metrics;

        Merges(WriteMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public MergeCustomersUseCase onCreated(BeanCreatedEvent<MergeCustomersUseCase> event) {
            MergeCustomersUseCase merges = event.getBean();
            return new MergeCustomersUseCase() {
                @Override
                public MergeResult merge(MergeCustomersCommand command) {
                    MergeResult result = merges.merge(command);
                    if (!command.dryRun()) {
                        metrics.merge();
                    }
                    return result;
                }

                @Override
                public Merge get(TenantId tenantId, String mergeId) {
                    return merges.get(tenantId, mergeId);
                }

                @Override
                public RevertResult revert(TenantId tenantId, String mergeId, String actor) {
                    return merges.revert(tenantId, mergeId, actor);
                }
            };
        }
    }
}
