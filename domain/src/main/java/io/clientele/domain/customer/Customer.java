package io.clientele.domain.customer;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.consent.ConsentLedger;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierKey;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.VersionMismatchException;
import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The customer aggregate: one person (or company) as the registry knows it, with its profile and identifiers.
 *
 * <p>Changes are made through its methods, which keep the invariants (only an active customer changes; one
 * identifier key appears once) and record what changed, so the store writes only that and bumps the version once.
 */
public final class Customer {

    private final CustomerId id;
    private final TenantId tenantId;
    private final long loadedVersion;
    private final Instant createdAt;
    private final boolean isNew;
    private final Map<IdentifierKey, Identifier> identifiers = new LinkedHashMap<>();
    // what changed since load, for the store
    private final List<Identifier> addedIdentifiers = new ArrayList<>();
    private final List<Identifier> movedInIdentifiers = new ArrayList<>();
    private final Map<IdentifierKey, Identifier> changedIdentifiers = new LinkedHashMap<>();
    private final List<IdentifierKey> removedIdentifiers = new ArrayList<>();
    private final Set<ProfileField> changedFields = EnumSet.noneOf(ProfileField.class);
    private final Set<String> changedParts = new TreeSet<>();
    private final List<ConsentEvent> newConsents = new ArrayList<>();
    private final List<ConsentEvent> movedInConsents = new ArrayList<>();
    private final Map<String, PushSubscription> pushSubscriptions = new LinkedHashMap<>();
    private final Map<String, PushSubscription> savedPush = new LinkedHashMap<>();
    private final Set<String> removedPush = new LinkedHashSet<>();
    private boolean stateChanged;
    private boolean erased;
    private String changeKind;
    private String actor;
    private String source;
    private CustomerDetails details;
    private ConsentLedger consents;
    private LifecycleState state;
    private CustomerId mergedInto;
    private Profile profile;
    private Instant updatedAt;
    // as loaded, so the store can tell whether what list filters read changed (see membershipChanged)
    private final LifecycleState loadedState;
    private final CustomerDetails loadedDetails;
    private final ConsentLedger loadedConsents;

    private Customer(CustomerId id, TenantId tenantId, LifecycleState state, long loadedVersion, Profile profile,
                     Collection<Identifier> identifiers, Instant createdAt, Instant updatedAt, CustomerId mergedInto,
                     boolean isNew, CustomerDetails details, ConsentLedger consents,
                     Collection<PushSubscription> push) {
        this.id = Objects.requireNonNull(id, "id");
        this.tenantId = Objects.requireNonNull(tenantId, "tenantId");
        this.state = Objects.requireNonNull(state, "state");
        this.loadedVersion = loadedVersion;
        this.profile = Objects.requireNonNull(profile, "profile");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.mergedInto = mergedInto;
        this.isNew = isNew;
        this.details = Objects.requireNonNull(details, "details");
        this.consents = Objects.requireNonNull(consents, "consents");
        this.loadedState = state;
        this.loadedDetails = details;
        this.loadedConsents = consents;
        for (PushSubscription subscription : push) {
            pushSubscriptions.put(subscription.key(), subscription);
        }
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
                null, true, CustomerDetails.empty(), ConsentLedger.empty(), List.of());
        customer.addIdentifiers(identifiers, now);
        customer.applyProfile(new ProfilePatch(profile.values(), Set.of()), now);
        return customer;
    }

    /** A customer as stored, with only a profile and identifiers. */
    public static Customer reconstitute(CustomerId id, TenantId tenantId, LifecycleState state, long version,
                                        Profile profile, Collection<Identifier> identifiers, Instant createdAt,
                                        Instant updatedAt, CustomerId mergedInto) {
        return reconstitute(id, tenantId, state, version, profile, identifiers, createdAt, updatedAt, mergedInto,
                CustomerDetails.empty(), ConsentLedger.empty(), List.of());
    }

    /** A customer as stored. */
    public static Customer reconstitute(CustomerId id, TenantId tenantId, LifecycleState state, long version,
                                        Profile profile, Collection<Identifier> identifiers, Instant createdAt,
                                        Instant updatedAt, CustomerId mergedInto, CustomerDetails details,
                                        ConsentLedger consents, Collection<PushSubscription> push) {
        return new Customer(id, tenantId, state, version, profile, identifiers, createdAt, updatedAt, mergedInto,
                false, details, consents, push);
    }

    /** Who makes the pending changes and through which path, for the change history. */
    public void changedBy(String actor, String source) {
        this.actor = actor;
        this.source = source;
    }

    /** Applies a change to tags, lists, attributes, household, loyalty or grouping; returns the parts changed. */
    public Set<String> applyDetails(DetailsPatch patch, Instant now) {
        requireActive();
        Set<String> changed = new TreeSet<>();
        CustomerDetails next = details.apply(patch, changed);
        if (!changed.isEmpty()) {
            details = next;
            changedParts.addAll(changed);
            updatedAt = now;
        }
        return changed;
    }

    /** Appends consent events to the ledger (never rewrites it). */
    public void recordConsents(List<ConsentEvent> events, Instant now) {
        requireActive();
        if (events.isEmpty()) {
            return;
        }
        consents = consents.with(events);
        newConsents.addAll(events);
        events.forEach(e -> changedParts.add("consents." + e.channel().label()));
        updatedAt = now;
    }

    /**
     * Adds or updates push subscriptions (same provider and token = same device); a token another customer holds
     * moves here when saved.
     */
    public void subscribePush(List<PushSubscription> subscriptions, Instant now) {
        requireActive();
        putPush(subscriptions, true, now);
    }

    /**
     * Keeps only the push subscriptions listed, as listed (a merge patch's array replaces the one held: a value not
     * sent is cleared; none listed, as for {@code "pushSubscriptions": null}, removes them all); a device kept keeps
     * its creation time, which the registry gave it.
     */
    public void replacePush(List<PushSubscription> subscriptions, Instant now) {
        requireActive();
        Set<String> listed = new java.util.HashSet<>();
        subscriptions.forEach(subscription -> listed.add(subscription.key()));
        for (String held : List.copyOf(pushSubscriptions.keySet())) {
            if (!listed.contains(held)) {
                // stays among the rows to save: one moved in by a merge in this same change still points at the
                // absorbed customer, and is pointed here before the removal (rows saved, then removed) deletes it
                pushSubscriptions.remove(held);
                removedPush.add(held);
                changedParts.add("pushSubscriptions");
                updatedAt = now;
            }
        }
        putPush(subscriptions, false, now);
    }

    /**
     * Gives up these devices because another customer's write sent them (a token belongs to one customer at a time):
     * a change like any other, with a new version and a history entry, so that an ETag taken before no longer
     * matches. Works in any state: a deleted customer's device can move too. Returns whether any was held.
     */
    public boolean losePushTo(Collection<String> deviceKeys, Instant now) {
        boolean lost = false;
        for (String key : deviceKeys) {
            if (pushSubscriptions.remove(key) != null) {
                savedPush.remove(key);
                // deleted only while still this customer's row: the taker's write may have moved it already
                removedPush.add(key);
                changedParts.add("pushSubscriptions");
                updatedAt = now;
                lost = true;
            }
        }
        return lost;
    }

    /**
     * Adds the subscriptions not held (a token another customer holds moves here when saved) and updates the held
     * ones, keeping their creation time; {@code keepUnsent}: a value not sent keeps the held one (else it is cleared).
     */
    private void putPush(List<PushSubscription> subscriptions, boolean keepUnsent, Instant now) {
        for (PushSubscription subscription : subscriptions) {
            PushSubscription held = pushSubscriptions.get(subscription.key());
            PushSubscription next = held == null ? subscription : new PushSubscription(held.provider(), held.token(),
                    keepUnsent ? pick(subscription.applicationId(), held.applicationId()) : subscription.applicationId(),
                    keepUnsent ? pick(subscription.fcmProjectId(), held.fcmProjectId()) : subscription.fcmProjectId(),
                    keepUnsent ? pick(subscription.devEnvironment(), held.devEnvironment())
                            : subscription.devEnvironment(), held.createdAt());
            if (!next.equals(held)) {
                pushSubscriptions.put(next.key(), next);
                savedPush.put(next.key(), next);
                removedPush.remove(next.key());
                changedParts.add("pushSubscriptions");
                updatedAt = now;
            }
        }
    }

    private static <T> T pick(T sent, T held) {
        return sent != null ? sent : held;
    }

    /** Applies a partial profile change; returns the fields that really changed. */
    public Set<ProfileField> applyProfile(ProfilePatch patch, Instant now) {
        requireActive();
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        Profile next = profile.apply(patch, changed);
        if (!changed.isEmpty()) {
            profile = next;
            changedFields.addAll(changed);
            changed.forEach(f -> changedParts.add("profile." + f.jsonName()));
            updatedAt = now;
        }
        return changed;
    }

    /**
     * Adds identifiers this customer doesn't hold yet; one it holds already records the new sighting (another source
     * or account) and the channel flags sent with it.
     *
     * @return the ones actually added
     */
    public List<Identifier> addIdentifiers(Collection<Identifier> candidates, Instant now) {
        requireActive();
        List<Identifier> added = new ArrayList<>();
        for (Identifier candidate : candidates) {
            Identifier held = identifiers.get(candidate.key());
            if (held == null) {
                identifiers.put(candidate.key(), candidate);
                added.add(candidate);
            } else {
                Identifier seen = held.seenAgain(candidate);
                if (!seen.equals(held)) {
                    identifiers.put(seen.key(), seen);
                    if (isNewRow(seen.key())) {
                        // not stored under this customer yet: the pending row itself must carry the new details
                        addedIdentifiers.replaceAll(i -> i.key().equals(seen.key()) ? seen : i);
                        movedInIdentifiers.replaceAll(i -> i.key().equals(seen.key()) ? seen : i);
                    } else {
                        changedIdentifiers.put(seen.key(), seen);
                    }
                    changedParts.add("identifiers");
                    updatedAt = now;
                }
            }
        }
        if (!added.isEmpty()) {
            addedIdentifiers.addAll(added);
            changedParts.add("identifiers");
            updatedAt = now;
        }
        return added;
    }

    /**
     * Removes one identifier; it no longer identifies this customer and may be claimed by another. The custom
     * attributes kept about it go with it: those named {@code <type>.<value>.…} (a Capillary card's series and status
     * are {@code card.<number>.seriesId}, ...), which would otherwise outlive it and name it.
     *
     * @return false when this customer doesn't hold it
     */
    public boolean removeIdentifier(IdentifierKey key, Instant now) {
        requireActive();
        Identifier removed = identifiers.remove(key);
        if (removed == null) {
            return false;
        }
        changedIdentifiers.remove(key);
        if (!addedIdentifiers.removeIf(i -> i.key().equals(key))) {
            removedIdentifiers.add(key);
        }
        changedParts.add("identifiers");
        updatedAt = now;
        // not those of an identifier still held whose name starts the same (card 1234.5 beside card 1234, a soft
        // link of the same value under another name)
        String prefix = attributePrefix(removed);
        Set<String> kept = new TreeSet<>();
        details.attributes().keySet().stream().filter(name -> name.startsWith(prefix)).forEach(kept::add);
        if (!kept.isEmpty()) {
            List<String> heldPrefixes = identifiers.values().stream().map(Customer::attributePrefix).toList();
            kept.removeIf(name -> heldPrefixes.stream().anyMatch(name::startsWith));
        }
        if (!kept.isEmpty()) {
            applyDetails(new DetailsPatch(null, null, new MapEdit<>(Map.of(), kept), null, null, null, null, false,
                    null), now);
        }
        return true;
    }

    private static String attributePrefix(Identifier identifier) {
        return identifier.type().label() + "." + identifier.value() + ".";
    }

    /**
     * Absorbs another customer (DOMAIN.md "Identity rules" 4): this customer's profile values win and blanks are
     * filled from the absorbed one; identifiers are united (they move here); the absorbed customer becomes MERGED
     * with a pointer to this one.
     */
    public void absorb(Customer absorbed, Instant now) {
        requireActive();
        absorbed.requireActive();
        if (!absorbed.tenantId.equals(tenantId) || absorbed.id.equals(id)) {
            throw new IllegalArgumentException("a customer absorbs another customer of its own tenant");
        }
        Map<ProfileField, Object> blanks = new EnumMap<>(ProfileField.class);
        absorbed.profile.values().forEach((field, value) -> {
            if (profile.get(field) == null) {
                blanks.put(field, value);
            }
        });
        applyProfile(new ProfilePatch(blanks, Set.of()), now);
        for (Identifier identifier : absorbed.identifiers.values()) {
            identifiers.put(identifier.key(), identifier);
            movedInIdentifiers.add(identifier);
        }
        CustomerDetails united = details.absorbing(absorbed.details);
        united.diff(details, changedParts);
        details = united;
        consents = consents.with(absorbed.consents.events());
        movedInConsents.addAll(absorbed.consents.events());
        for (PushSubscription subscription : absorbed.pushSubscriptions.values()) {
            pushSubscriptions.putIfAbsent(subscription.key(), subscription);
            savedPush.put(subscription.key(), pushSubscriptions.get(subscription.key()));
        }
        changedParts.add("identifiers");
        changeKind = "merged";
        updatedAt = now;
        absorbed.consents = ConsentLedger.empty();
        absorbed.pushSubscriptions.clear();
        absorbed.changeKind = "absorbed";
        absorbed.changedParts.add("state");
        absorbed.identifiers.clear();
        absorbed.changedIdentifiers.clear();
        absorbed.state = LifecycleState.MERGED;
        absorbed.mergedInto = id;
        absorbed.stateChanged = true;
        absorbed.updatedAt = now;
    }

    /**
     * Undoes {@link #absorb} on the survivor's side: the profile as it was before the merge, and the identifiers that
     * came from the absorbed customer handed back (the absorbed customer claims them in {@link #reactivate}).
     */
    public void revertAbsorb(CustomerSnapshot before, CustomerSnapshot absorbedBefore, Instant now) {
        Collection<IdentifierKey> handedBack = absorbedBefore.identifiers().stream().map(Identifier::key).toList();
        requireActive();
        if (!before.id().equals(id)) {
            throw new IllegalArgumentException("snapshot of another customer");
        }
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        Set<ProfileField> remove = EnumSet.noneOf(ProfileField.class);
        profile.values().keySet().forEach(field -> {
            if (before.profile().get(field) == null) {
                remove.add(field);
            }
        });
        profile = profile.apply(new ProfilePatch(before.profile().values(), remove), changed);
        changedFields.addAll(changed);
        for (IdentifierKey key : handedBack) {
            identifiers.remove(key);
            changedIdentifiers.remove(key);
        }
        CustomerDetails restored = before.details();
        restored.diff(details, changedParts);
        details = restored;
        Set<String> theirEvents = new java.util.HashSet<>();
        absorbedBefore.consents().forEach(e -> theirEvents.add(e.id()));
        consents = new ConsentLedger(consents.events().stream().filter(e -> !theirEvents.contains(e.id())).toList());
        Set<String> ownTokens = new java.util.HashSet<>();
        before.pushSubscriptions().forEach(p -> ownTokens.add(p.key()));
        for (PushSubscription subscription : absorbedBefore.pushSubscriptions()) {
            if (!ownTokens.contains(subscription.key())) {
                pushSubscriptions.remove(subscription.key());
                savedPush.remove(subscription.key());
            }
        }
        changedParts.add("identifiers");
        changeKind = "unmerged";
        updatedAt = now;
        stateChanged = true;
    }

    /** Brings an absorbed customer back as it was before the merge, reclaiming its identifiers. */
    public void reactivate(CustomerSnapshot before, Instant now) {
        if (state != LifecycleState.MERGED || !before.id().equals(id)) {
            throw new ConflictException("customer-not-merged", "customer " + id + " is " + state
                    + " and can't be brought back by reverting a merge");
        }
        state = LifecycleState.ACTIVE;
        mergedInto = null;
        stateChanged = true;
        Set<ProfileField> changed = EnumSet.noneOf(ProfileField.class);
        Set<ProfileField> remove = EnumSet.noneOf(ProfileField.class);
        remove.addAll(profile.values().keySet());
        remove.removeAll(before.profile().values().keySet());
        profile = profile.apply(new ProfilePatch(before.profile().values(), remove), changed);
        changedFields.addAll(changed);
        identifiers.clear();
        for (Identifier identifier : before.identifiers()) {
            identifiers.put(identifier.key(), identifier);
            movedInIdentifiers.add(identifier);
        }
        details = before.details();
        consents = new ConsentLedger(before.consents());
        movedInConsents.addAll(before.consents());
        pushSubscriptions.clear();
        for (PushSubscription subscription : before.pushSubscriptions()) {
            pushSubscriptions.put(subscription.key(), subscription);
            savedPush.put(subscription.key(), subscription);
        }
        changedParts.add("state");
        changeKind = "unmerged";
        updatedAt = now;
    }

    /**
     * Deletes the customer: gone from every read, irreversibly; its identifiers stay reserved as tombstones.
     */
    public void delete(Instant now) {
        requireActive();
        state = LifecycleState.DELETED;
        stateChanged = true;
        changedParts.add("state");
        changeKind = "deleted";
        updatedAt = now;
    }

    /**
     * Erases every personal datum (GDPR): profile, identifiers (released for anyone to use again), details, consent
     * ledger, push subscriptions; what remains is a tombstone (id, state FORGOTTEN, when). Works on a customer in any
     * state but FORGOTTEN (records merged into a forgotten customer are forgotten with it).
     */
    public void forget(Instant now) {
        if (state == LifecycleState.FORGOTTEN) {
            throw new ConflictException("customer-forgotten", "customer " + id + " is forgotten already");
        }
        state = LifecycleState.FORGOTTEN;
        mergedInto = null;
        stateChanged = true;
        erased = true;
        profile = Profile.empty();
        details = CustomerDetails.empty();
        consents = ConsentLedger.empty();
        newConsents.clear();
        for (IdentifierKey key : identifiers.keySet()) {
            if (!isNewRow(key)) {
                removedIdentifiers.add(key);
            }
        }
        identifiers.clear();
        addedIdentifiers.clear();
        movedInIdentifiers.clear();
        changedIdentifiers.clear();
        removedPush.addAll(pushSubscriptions.keySet());
        pushSubscriptions.clear();
        savedPush.clear();
        changedFields.clear();
        changedParts.clear();
        changedParts.add("state");
        changeKind = "forgotten";
        updatedAt = now;
    }

    /** True once {@link #forget} ran: the store deletes the ledger and history rows instead of writing changes. */
    public boolean isErased() {
        return erased;
    }

    /** Refuses the change when the caller expected another version (If-Match). */
    public void expectVersion(Long expected) {
        if (expected != null && expected != loadedVersion) {
            throw new VersionMismatchException(expected, loadedVersion);
        }
    }

    public boolean hasChanges() {
        return isNew || stateChanged || !addedIdentifiers.isEmpty() || !movedInIdentifiers.isEmpty()
                || !changedIdentifiers.isEmpty() || !removedIdentifiers.isEmpty() || !changedFields.isEmpty()
                || !changedParts.isEmpty();
    }

    /** This customer as it is now (with the version its pending changes will have once saved). */
    public CustomerSnapshot snapshot() {
        return new CustomerSnapshot(id, state, version(), profile, identifiers(), createdAt, updatedAt, mergedInto,
                details, consents.events(), pushSubscriptions());
    }

    /** What the pending changes are, for the change history: a kind and the parts changed. */
    public ChangeRecord pendingChange() {
        String kind = changeKind != null ? changeKind : isNew ? "created" : "updated";
        return new ChangeRecord(kind, actor, source, updatedAt, List.copyOf(changedParts));
    }

    private boolean isNewRow(IdentifierKey key) {
        return addedIdentifiers.stream().anyMatch(i -> i.key().equals(key))
                || movedInIdentifiers.stream().anyMatch(i -> i.key().equals(key));
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

    /**
     * Whether what the list filters read (being active, tags, mailing lists, granted consent channels) may differ
     * from what was loaded; always for a new customer. Compared by value, whatever path changed it: the store
     * rewrites a customer's filter rows only then.
     */
    public boolean membershipChanged() {
        return isNew || state != loadedState
                || !details.tags().equals(loadedDetails.tags())
                || !details.mailingLists().equals(loadedDetails.mailingLists())
                || !grantedChannels(consents).equals(grantedChannels(loadedConsents));
    }

    private static Set<Channel> grantedChannels(ConsentLedger ledger) {
        Set<Channel> granted = EnumSet.noneOf(Channel.class);
        ledger.currentStates().forEach((channel, event) -> {
            if (event.status() == ConsentStatus.GRANTED) {
                granted.add(channel);
            }
        });
        return granted;
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

    public Identifier identifier(IdentifierKey key) {
        return identifiers.get(key);
    }

    /** Identifiers new to the registry since load (for a new customer: all of them): rows to insert. */
    public List<Identifier> addedIdentifiers() {
        return Collections.unmodifiableList(addedIdentifiers);
    }

    /** Identifiers taken over from another customer since load (merge, revert): rows to re-point here. */
    public List<Identifier> movedInIdentifiers() {
        return Collections.unmodifiableList(movedInIdentifiers);
    }

    /** Identifiers held already whose details changed (new sighting, flags): rows to update. */
    public List<Identifier> changedIdentifiers() {
        return List.copyOf(changedIdentifiers.values());
    }

    /** Identifiers given up since load: rows to delete. */
    public List<IdentifierKey> removedIdentifiers() {
        return Collections.unmodifiableList(removedIdentifiers);
    }

    public Set<ProfileField> changedFields() {
        return Collections.unmodifiableSet(changedFields);
    }

    public CustomerDetails details() {
        return details;
    }

    /**
     * The custom attributes a depersonalised view may show: none that {@link #namesThePerson} (free attributes can
     * hold anything a client put there).
     */
    public Map<String, String> depersonalisedAttributes() {
        Map<String, String> shown = new LinkedHashMap<>();
        details.attributes().forEach((name, value) -> {
            if (!namesThePerson(name, value)) {
                shown.put(name, value);
            }
        });
        return Collections.unmodifiableMap(shown);
    }

    /** The extended fields a depersonalised view may show: none whose value {@link #namesThePerson}. */
    public Map<String, Object> depersonalisedExtendedFields() {
        Map<String, Object> shown = new LinkedHashMap<>();
        details.extendedFields().forEach((name, value) -> {
            if (!namesThePerson(name, String.valueOf(value))) {
                shown.put(name, value);
            }
        });
        return Collections.unmodifiableMap(shown);
    }

    /**
     * Whether a free value, kept under {@code name}, may say who the customer is or how to reach them: its name embeds
     * one of the customer's identifier values as a dot-separated part (a loyalty card's details are kept as
     * {@code card.<number>.…}), its name or value looks like contact data ({@link ContactDataPattern}), or its value
     * holds one of the customer's identifier values or names. A heuristic that errs towards hiding; names of other
     * people (a spouse's) it can't know.
     */
    public boolean namesThePerson(String name, String value) {
        if (ContactDataPattern.matches(name) || ContactDataPattern.matches(value)) {
            return true;
        }
        String lower = value.toLowerCase(java.util.Locale.ROOT);
        for (ProfileField field : List.of(ProfileField.FIRST_NAME, ProfileField.LAST_NAME)) {
            Object personName = profile.get(field);
            String word = personName == null ? "" : personName.toString().strip().toLowerCase(java.util.Locale.ROOT);
            if (word.length() >= 2 && containsWord(lower, word)) {
                return true;
            }
        }
        for (Identifier identifier : identifiers.values()) {
            String held = identifier.value();
            if (embeds(name, held) || held.length() >= 3 && value.equals(held)
                    || held.length() >= 5 && value.contains(held)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code word} occurs in {@code text} not as part of a longer word. */
    private static boolean containsWord(String text, String word) {
        for (int at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
            int end = at + word.length();
            boolean startsWord = at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1));
            boolean endsWord = end == text.length() || !Character.isLetterOrDigit(text.charAt(end));
            if (startsWord && endsWord) {
                return true;
            }
        }
        return false;
    }

    private static boolean embeds(String name, String value) {
        return name.equals(value) || name.startsWith(value + ".") || name.endsWith("." + value)
                || name.contains("." + value + ".");
    }

    public ConsentLedger consents() {
        return consents;
    }

    /** Consent events recorded since load: rows to insert. */
    public List<ConsentEvent> newConsents() {
        return Collections.unmodifiableList(newConsents);
    }

    /** Consent events taken over from another customer (merge, revert): rows to re-point. */
    public List<ConsentEvent> movedInConsents() {
        return Collections.unmodifiableList(movedInConsents);
    }

    public List<PushSubscription> pushSubscriptions() {
        return List.copyOf(pushSubscriptions.values());
    }

    /** Push subscriptions to write (new, changed, or moved here): rows to upsert, taking the token over. */
    public List<PushSubscription> savedPushSubscriptions() {
        return List.copyOf(savedPush.values());
    }

    /** Push subscription keys given up: rows to delete (if still this customer's). */
    public Set<String> removedPushSubscriptions() {
        return Collections.unmodifiableSet(removedPush);
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
