package io.clientele.adapter.out.persistence;

import io.clientele.domain.consent.Channel;
import io.clientele.domain.consent.ConsentEvent;
import io.clientele.domain.consent.ConsentStatus;
import io.clientele.domain.customer.CustomerDetails;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.customer.PushSubscription;
import io.clientele.domain.customer.CustomerSnapshot;
import io.clientele.domain.customer.LifecycleState;
import io.clientele.domain.customer.Profile;
import io.clientele.domain.customer.ProfileField;
import io.clientele.domain.identity.Identifier;
import io.clientele.domain.identity.IdentifierType;
import io.clientele.domain.identity.SourceAccount;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** How the parts of a customer are written to and read from JSON columns. */
@Singleton
class CustomerRows {

    // one instance each: the serializer cache is keyed by Argument, and a runtime type lookup per value cost ~5 % of a
    // bulk upload
    private static final Argument<Map<String, Object>> JSON_OBJECT = Argument.mapOf(String.class, Object.class);
    private static final Argument<DetailsDocument> DETAILS = Argument.of(DetailsDocument.class);
    private static final Argument<IdentifierDetails> IDENTIFIER_DETAILS = Argument.of(IdentifierDetails.class);
    private static final Argument<SnapshotDocument> SNAPSHOT = Argument.of(SnapshotDocument.class);
    static final Argument<List<String>> TEXT_LIST = Argument.listOf(String.class);

    /**
     * Identifier details read so far, by their JSON: few distinct ones (country, source, flags) recur everywhere.
     * Details naming a source account are not kept: they are many, and personal data must not outlive an erasure.
     */
    private static final int KNOWN_DETAILS_LIMIT = 4096;

    private final JsonMapper json;
    private final Map<String, IdentifierDetails> knownDetails = new ConcurrentHashMap<>();

    CustomerRows(JsonMapper json) {
        this.json = json;
    }

    /** A customer snapshot as stored in the merge journal. */
    @Serdeable
    record SnapshotDocument(String id, String state, long version, Map<String, Object> profile,
                            List<IdentifierRow> identifiers, String createdAt, String updatedAt, String mergedInto,
                            DetailsDocument details, String canonicalId, List<ConsentRow> consents,
                            List<PushRow> pushSubscriptions) {
    }

    @Serdeable
    record ConsentRow(String id, String channel, String status, String at, String recordedAt, String source,
                      String evidence, String policyVersion, String actor) {
    }

    @Serdeable
    record PushRow(String provider, String token, String applicationId, String fcmProjectId, Boolean devEnvironment,
                   String createdAt) {
    }

    String detailsJson(CustomerDetails details) {
        return write(DETAILS, DetailsDocument.of(details));
    }

    CustomerDetails details(String stored, String canonicalId) {
        if (stored == null) {
            return new DetailsDocument(null, null, null, null, null, null, null).toDetails(canonicalId);
        }
        return read(stored, DETAILS).toDetails(canonicalId);
    }

    static ConsentEvent consent(ConsentRow row) {
        return new ConsentEvent(row.id(), Channel.parse(row.channel()), ConsentStatus.parse(row.status()),
                Instant.parse(row.at()), Instant.parse(row.recordedAt()), row.source(), row.evidence(),
                row.policyVersion(), row.actor());
    }

    static PushSubscription push(PushRow row) {
        return new PushSubscription(PushSubscription.Provider.parse(row.provider()), row.token(), row.applicationId(),
                row.fcmProjectId(), row.devEnvironment(), Instant.parse(row.createdAt()));
    }

    @Serdeable
    record IdentifierRow(String type, String value, String display, IdentifierDetails details) {
    }

    String profileJson(Profile profile) {
        return write(JSON_OBJECT, profileValues(profile));
    }

    Profile profile(String stored) {
        return profile(read(stored, JSON_OBJECT));
    }

    String detailsJson(Identifier identifier) {
        return write(IDENTIFIER_DETAILS, details(identifier));
    }

    Identifier identifier(String storedType, String value, String display, String detailsJson) {
        // parsing each identifier's details was ~4 % of a lookup's server time; they are immutable, so shared
        IdentifierDetails details = knownDetails.get(detailsJson);
        if (details == null) {
            details = read(detailsJson, IDENTIFIER_DETAILS);
            if (knownDetails.size() < KNOWN_DETAILS_LIMIT && (details.sources() == null
                    || details.sources().stream().allMatch(sighting -> sighting.accountId() == null))) {
                knownDetails.put(detailsJson, details);
            }
        }
        return identifier(storedType, value, display, details);
    }

    /** Whether these identifier details are kept for sharing (for tests). */
    boolean knowsDetails(String detailsJson) {
        return knownDetails.containsKey(detailsJson);
    }

    String snapshotJson(CustomerSnapshot snapshot) {
        return write(SNAPSHOT, new SnapshotDocument(snapshot.id().value(), snapshot.state().name(), snapshot.version(),
                profileValues(snapshot.profile()),
                snapshot.identifiers().stream().map(i -> new IdentifierRow(i.key().type(), i.value(),
                        i.displayValue(), details(i))).toList(),
                snapshot.createdAt().toString(), snapshot.updatedAt().toString(),
                snapshot.mergedInto() == null ? null : snapshot.mergedInto().value(),
                DetailsDocument.of(snapshot.details()), snapshot.details().canonicalId(),
                snapshot.consents().stream().map(e -> new ConsentRow(e.id(), e.channel().label(), e.status().label(),
                        e.at().toString(), e.recordedAt().toString(), e.source(), e.evidence(), e.policyVersion(),
                        e.actor())).toList(),
                snapshot.pushSubscriptions().stream().map(p -> new PushRow(p.provider().label(), p.token(),
                        p.applicationId(), p.fcmProjectId(), p.devEnvironment(), p.createdAt().toString())).toList()));
    }

    CustomerSnapshot snapshot(String stored) {
        SnapshotDocument document = read(stored, SNAPSHOT);
        return new CustomerSnapshot(CustomerId.of(document.id()), LifecycleState.valueOf(document.state()),
                document.version(), profile(document.profile()),
                (document.identifiers() == null ? List.<IdentifierRow>of() : document.identifiers()).stream().map(row -> identifier(row.type(), row.value(), row.display(),
                        row.details())).toList(),
                Instant.parse(document.createdAt()), Instant.parse(document.updatedAt()),
                document.mergedInto() == null ? null : CustomerId.of(document.mergedInto()),
                document.details() == null ? CustomerDetails.empty() : document.details().toDetails(document.canonicalId()),
                document.consents() == null ? List.of() : document.consents().stream().map(CustomerRows::consent).toList(),
                document.pushSubscriptions() == null ? List.of()
                        : document.pushSubscriptions().stream().map(CustomerRows::push).toList());
    }

    private static Map<String, Object> profileValues(Profile profile) {
        Map<String, Object> values = new LinkedHashMap<>();
        profile.values().forEach((field, value) -> values.put(field.jsonName(),
                value instanceof Integer || value instanceof Boolean ? value : ProfileField.format(value)));
        return values;
    }

    private static Profile profile(Map<String, Object> values) {
        EnumMap<ProfileField, Object> profile = new EnumMap<>(ProfileField.class);
        if (values == null) {
            // empty maps may be left out of stored JSON
            return new Profile(profile);
        }
        values.forEach((name, value) -> {
            ProfileField field = ProfileField.byJsonName(name);
            if (field != null && value != null) {
                profile.put(field, field.restore(value, ZoneOffset.UTC));
            }
        });
        return new Profile(profile);
    }

    private static IdentifierDetails details(Identifier identifier) {
        return new IdentifierDetails(identifier.country(), identifier.reformatted() ? true : null,
                identifier.unplaced() ? true : null, identifier.verified(), identifier.primary(),
                identifier.subscribed(), identifier.sources().isEmpty() ? null : identifier.sources().stream()
                .map(s -> new IdentifierDetails.Sighting(s.source(), s.accountId())).toList());
    }

    private static Identifier identifier(String storedType, String value, String display, IdentifierDetails details) {
        int colon = storedType.indexOf(':');
        IdentifierType type = IdentifierType.parse(colon < 0 ? storedType : storedType.substring(0, colon));
        String name = colon < 0 ? null : storedType.substring(colon + 1);
        IdentifierType platform = type == IdentifierType.SOFT_LINK ? IdentifierType.formerSoftLink(name) : null;
        if (platform != null) {
            // a before-image in the merge journal written while such ids were soft links (changeset 009 moved the
            // identifier rows themselves)
            type = platform;
            name = null;
        }
        List<SourceAccount> sources = details.sources() == null ? List.of() : details.sources().stream()
                .map(s -> new SourceAccount(s.source(), s.accountId())).toList();
        return new Identifier(type, name, value, display, details.country(), Boolean.TRUE.equals(details.reformatted()),
                Boolean.TRUE.equals(details.unplaced()), details.verified(), details.primary(), details.subscribed(),
                sources);
    }

    String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> String write(Argument<T> type, T value) {
        try {
            return json.writeValueAsString(type, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    <T> T read(String stored, Argument<T> type) {
        try {
            return json.readValue(stored, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
