package io.clientele.application.fake;

import io.clientele.application.port.out.TenantCatalog;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.tenant.TenantId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Extended-field and programme declarations in memory. */
public class InMemoryTenantCatalog implements TenantCatalog {

    private final Map<TenantId, Map<String, ExtendedFieldDefinition>> fields = new HashMap<>();
    private final Map<TenantId, Map<Integer, LoyaltyProgramme>> programmes = new HashMap<>();

    @Override
    public synchronized List<ExtendedFieldDefinition> extendedFields(TenantId tenantId) {
        return new ArrayList<>(fields.getOrDefault(tenantId, Map.of()).values());
    }

    @Override
    public synchronized void saveExtendedField(TenantId tenantId, ExtendedFieldDefinition definition) {
        fields.computeIfAbsent(tenantId, t -> new LinkedHashMap<>()).put(definition.name(), definition);
    }

    @Override
    public synchronized List<LoyaltyProgramme> programmes(TenantId tenantId) {
        return new ArrayList<>(programmes.getOrDefault(tenantId, Map.of()).values());
    }

    @Override
    public synchronized void saveProgramme(TenantId tenantId, LoyaltyProgramme programme) {
        programmes.computeIfAbsent(tenantId, t -> new LinkedHashMap<>()).put(programme.id(), programme);
    }
}
