package io.clientele.application.port.out;

import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.tenant.TenantId;

import java.util.List;

/** What a tenant declared: extended fields and loyalty programmes. */
public interface TenantCatalog {

    List<ExtendedFieldDefinition> extendedFields(TenantId tenantId);

    /** Inserts or replaces the declaration of that name. */
    void saveExtendedField(TenantId tenantId, ExtendedFieldDefinition definition);

    List<LoyaltyProgramme> programmes(TenantId tenantId);

    /** Inserts or replaces the programme with that id. */
    void saveProgramme(TenantId tenantId, LoyaltyProgramme programme);
}
