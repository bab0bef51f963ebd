package io.clientele.application.port.in;

/** Upsert by identifiers (DOMAIN.md "Identity rules" 3). */
public interface UpsertCustomerUseCase {

    UpsertResult upsert(UpsertCustomerCommand command);
}
