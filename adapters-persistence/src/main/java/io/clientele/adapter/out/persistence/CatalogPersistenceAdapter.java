package io.clientele.adapter.out.persistence;

import io.clientele.application.port.out.TenantCatalog;
import io.clientele.domain.customer.ExtendedFieldDefinition;
import io.clientele.domain.customer.LoyaltyProgramme;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Extended-field declarations and loyalty programmes of each tenant. */
@Singleton
public class CatalogPersistenceAdapter implements TenantCatalog {

    private final JdbcOperations jdbc;
    private final CustomerRows json;

    CatalogPersistenceAdapter(JdbcOperations jdbc, CustomerRows json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    @Serdeable
    record TierDocument(int number, String name) {
    }

    @Override
    public List<ExtendedFieldDefinition> extendedFields(TenantId tenantId) {
        return jdbc.prepareStatement("SELECT name, type, allowed_values FROM clientele_extended_field"
                + " WHERE tenant_id = ? ORDER BY name", statement -> {
            statement.setString(1, tenantId.value());
            List<ExtendedFieldDefinition> definitions = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    definitions.add(new ExtendedFieldDefinition(result.getString(1),
                            ExtendedFieldDefinition.Type.parse(result.getString(2)),
                            json.read(result.getString(3), Argument.listOf(String.class))));
                }
            }
            return definitions;
        });
    }

    @Override
    public void saveExtendedField(TenantId tenantId, ExtendedFieldDefinition definition) {
        jdbc.prepareStatement("""
                INSERT INTO clientele_extended_field (tenant_id, name, type, allowed_values) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE type = VALUES(type), allowed_values = VALUES(allowed_values)""", statement -> {
            statement.setString(1, tenantId.value());
            statement.setString(2, definition.name());
            statement.setString(3, definition.type().label());
            statement.setString(4, json.write(definition.allowedValues()));
            return statement.executeUpdate();
        });
    }

    @Override
    public List<LoyaltyProgramme> programmes(TenantId tenantId) {
        return jdbc.prepareStatement("SELECT id, name, tiers FROM clientele_loyalty_programme WHERE tenant_id = ?"
                + " ORDER BY id", statement -> {
            statement.setString(1, tenantId.value());
            List<LoyaltyProgramme> programmes = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    List<TierDocument> tiers = json.read(result.getString(3), Argument.listOf(TierDocument.class));
                    programmes.add(new LoyaltyProgramme(result.getInt(1), result.getString(2), tiers.stream()
                            .map(t -> new LoyaltyProgramme.Tier(t.number(), t.name())).toList()));
                }
            }
            return programmes;
        });
    }

    @Override
    public void saveProgramme(TenantId tenantId, LoyaltyProgramme programme) {
        jdbc.prepareStatement("""
                INSERT INTO clientele_loyalty_programme (tenant_id, id, name, tiers) VALUES (?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE name = VALUES(name), tiers = VALUES(tiers)""", statement -> {
            statement.setString(1, tenantId.value());
            statement.setInt(2, programme.id());
            statement.setString(3, programme.name());
            statement.setString(4, json.write(programme.tiers().stream()
                    .map(t -> new TierDocument(t.number(), t.name())).toList()));
            return statement.executeUpdate();
        });
    }
}
