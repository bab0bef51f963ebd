package io.clientele.domain.customer;

import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The customer aggregate: one person (or company) as the registry knows it, with its profile and identifiers.
 *
 * <p>Changes are made through its methods, which keep the invariants (only an active customer changes; one
 * identifier key appears once) and record what changed, so the store writes only that and bumps the version once.
 */
public final class Customer {

    private final CustomerId id;
    private final TenantId tenantId;
    private final LifecycleState state;
    private final long loadedVersion;
    private final Instant createdAt;
    private final CustomerId mergedInto;
    private final Map<IdentifierKey, Identifier> identifiers;
    private final List<Identifier> addedIdentifiers = new ArrayList<>();
    private final Set<ProfileField> changedFields = EnumSet.noneOf(ProfileField.class);
    private final boolean isNew;
    private Profile profile;
    private Instant updatedAt;

    private Customer(CustomerId id, TenantId tenantId, LifecycleState state, long loadedVersion, Profile profile,
                     Collection<Identifier> identifiers, Instant createdAt, Instant updatedAt, CustomerId mergedInto,
                     boolean isNew) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.state = Objects.requireNonNull(state, "state");
        this.loadedVersion = loadedVersion;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.mergedInto = mergedInto;
        this.isNew = isNew;
        this.identifiers = new LinkedHashMap<>();
        for (Identifier identifier : identifiers) {
            if (this.identifiers.putIfAbsent(identifier.key(), identifier) != null) {
                throw new IllegalArgumentException("identifier listed twice: " + identifier.key());
            }
        }
    }

    /** A new customer. Its identifiers are all "added" (the store claims them). */
    public static Customer create(CustomerId id, TenantId tenantId, Profile profile,
                                  Collection<Identifier> identifiers, Instant now) {
        Customer customer = new Customer(id, tenantId, LifecycleState.ACTIVE, 0, Profile.empty(), List.of(), now, now,
                null, true);
        customer.addIdentifiers(identifiers, now);
        customer.applyProfile(new ProfilePatch(profile.values(), Set.of()), now);
        return customer;
    }

    /** A customer as stored. */
    public static Customer reconstitute(CustomerId id, TenantId tenantId, LifecycleState state, long version,
                                        Profile profile, Collection<Identifier> identifiers, Instant createdAt,
                                        Instant updatedAt, CustomerId mergedInto) {
        return new Customer(id, tenantId, state, version, profile, identifiers, createdAt, updatedAt, mergedInto,
                false);
    }

    /** Applies a partial profile change; returns the fields that really changed. */
    public Set<ProfileField> applyProfile(ProfilePatch patch, Instant now) {
        requireActive();
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        Profile next = profile.apply(patch, changed);
        if (!changed.isEmpty()) {
            profile = next;
            changedFields.addAll(changed);
            updatedAt = now;
        }
        return changed;
    }

    /**
     * Adds identifiers this customer doesn't hold yet (same key = same identifier; the first sighting is kept).
     *
     * @return the ones actually added
     */
    public List<Identifier> addIdentifiers(Collection<Identifier> candidates, Instant now) {
        requireActive();
        List<Identifier> added = new ArrayList<>();
        for (Identifier identifier : candidates) {
            if (identifiers.putIfAbsent(identifier.key(), identifier) == null) {
                added.add(identifier);
            }
        }
        if (!added.isEmpty()) {
            addedIdentifiers.addAll(added);
            updatedAt = now;
        }
        return added;
    }

    /** Refuses the change when the caller expected another version (If-Match). */
    public void expectVersion(Long expected) {
        if (expected != null && expected != loadedVersion) {
            throw new VersionMismatchException(expected, loadedVersion);
        }
    }

    public boolean hasChanges() {
        return isNew || !addedIdentifiers.isEmpty() || !changedFields.isEmpty();
    }

    private void requireActive() {
        if (state != LifecycleState.ACTIVE) {
            throw new ConflictException("customer-not-active", "customer " + id + " is " + state
                    + " and cannot be changed");
        }
    }

    public CustomerId id() {
        return id;
    }

    public TenantId tenantId() {
        return tenantId;
    }

    public LifecycleState state() {
        return state;
    }

    public boolean isActive() {
        return state == LifecycleState.ACTIVE;
    }

    public boolean isNew() {
        return isNew;
    }

    /** The version as loaded (0 for a new customer); the store checks it when saving. */
    public long loadedVersion() {
        return loadedVersion;
    }

    /** The version this customer has once its pending changes are saved. */
    public long version() {
        return hasChanges() ? loadedVersion + 1 : loadedVersion;
    }

    public Profile profile() {
        return profile;
    }

    public List<Identifier> identifiers() {
        return List.copyOf(identifiers.values());
    }

    /** Identifiers added since load (for a new customer: all of them). */
    public List<Identifier> addedIdentifiers() {
        return Collections.unmodifiableList(addedIdentifiers);
    }

    public Set<ProfileField> changedFields() {
        return Collections.unmodifiableSet(changedFields);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** The survivor, for a MERGED customer. */
    public CustomerId mergedInto() {
        return mergedInto;
    }
}
