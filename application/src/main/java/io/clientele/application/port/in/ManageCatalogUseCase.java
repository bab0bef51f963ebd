package io.clientele.application.port.in;

import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.tenant.TenantId;

import java.util.List;

/** The tenant's declarations that customer writes are validated against. */
public interface ManageCatalogUseCase {

    ExtendedFieldDefinition declareExtendedField(TenantId tenantId, ExtendedFieldDefinition definition);

    List<ExtendedFieldDefinition> extendedFields(TenantId tenantId);

    LoyaltyProgramme declareProgramme(TenantId tenantId, LoyaltyProgramme programme);

    List<LoyaltyProgramme> programmes(TenantId tenantId);
}
