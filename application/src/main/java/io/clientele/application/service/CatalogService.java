package io.clientele.application.service;

import io.clientele.application.port.in.ManageCatalogUseCase;
import io.clientele.application.port.out.TenantCatalog;
import io.clientele.application.port.out.Transactions;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.tenant.TenantId;
import jakarta.inject.Singleton;

import java.util.List;

/** Declarations of extended fields and loyalty programmes. */
@Singleton
public class CatalogService implements ManageCatalogUseCase {

    private final TenantDirectory tenants;
    private final TenantCatalog catalog;
    private final Transactions transactions;

    public CatalogService(TenantDirectory tenants, TenantCatalog catalog, Transactions transactions) {
        this.tenants = tenants;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    @Override
    public ExtendedFieldDefinition declareExtendedField(TenantId tenantId, ExtendedFieldDefinition definition) {
        tenants.require(tenantId);
        transactions.inTransaction(() -> {
            catalog.saveExtendedField(tenantId, definition);
            return null;
        });
        return definition;
    }

    @Override
    public List<ExtendedFieldDefinition> extendedFields(TenantId tenantId) {
        tenants.require(tenantId);
        return transactions.readOnly(() -> catalog.extendedFields(tenantId));
    }

    @Override
    public LoyaltyProgramme declareProgramme(TenantId tenantId, LoyaltyProgramme programme) {
        tenants.require(tenantId);
        transactions.inTransaction(() -> {
            catalog.saveProgramme(tenantId, programme);
            return null;
        });
        return programme;
    }

    @Override
    public List<LoyaltyProgramme> programmes(TenantId tenantId) {
        tenants.require(tenantId);
        return transactions.readOnly(() -> catalog.programmes(tenantId));
    }
}
