package io.clientele.application.fake;

import io.clientele.domain.customer.Customer;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.PlaceholderPolicy;
import io.clientele.domain.tenant.MergePolicy;
import io.clientele.domain.tenant.Tenant;
import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** Small builders for tenants, identifiers and stored customers. */
public final class TestData {

    public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    private TestData() {
    }

    public static Tenant tenant(String id, String region, MergePolicy policy) {
        return new Tenant(TenantId.of(id), id, region, ZoneId.of("UTC"), policy, T0);
    }

    public static Identifier email(String value) {
        return Identifier.parse(IdentifierType.EMAIL, null, value, "RU", PlaceholderPolicy.defaults());
    }

    public static Identifier phone(String value) {
        return Identifier.parse(IdentifierType.PHONE, null, value, "RU", PlaceholderPolicy.defaults());
    }

    /** A customer as stored: any state, version 1. */
    public static Customer stored(TenantId tenant, String id, LifecycleState state, CustomerId mergedInto,
                                  List<Identifier> identifiers) {
        return Customer.reconstitute(CustomerId.of(id), tenant, state, 1, new Profile(Map.of(ProfileField.FIRST_NAME,
                "Name of " + id)), identifiers, T0, T0, mergedInto);
    }

    public static Customer active(TenantId tenant, String id, Identifier... identifiers) {
        return stored(tenant, id, LifecycleState.ACTIVE, null, List.of(identifiers));
    }
}
