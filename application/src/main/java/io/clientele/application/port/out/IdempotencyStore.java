package io.clientele.application.port.out;

import io.clientele.domain.tenant.TenantId;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/** Stored idempotency keys and the answers given to them. */
public interface IdempotencyStore {

    /**
     * A key as stored; {@code status} is null while the first request runs. {@code headers}: the answer's headers
     * worth replaying, as the caller encoded them (opaque here), or null.
     */
    record StoredKey(String requestHash, Instant createdAt, Integer status, String contentType, String body,
                     String headers) {
    }

    /** @return false when the key exists already */
    boolean insertIfAbsent(TenantId tenantId, String key, String requestHash, Instant now);

    Optional<StoredKey> find(TenantId tenantId, String key);

    /** Re-claims an expired or abandoned key, if it still has {@code createdAt} (a racer may have won it). */
    boolean takeOver(TenantId tenantId, String key, Instant createdAt, String requestHash, Instant now);

    void complete(TenantId tenantId, String key, int status, String contentType, String body, String headers);

    void delete(TenantId tenantId, String key);

    /**
     * Drops the stored answers whose text contains any of these texts (an erased customer's id and identifier
     * values: an answer about another customer may hold them too, e.g. a survivor's before a merge was reverted).
     * An erased customer's data must not be replayed; a repeat of such a request runs again.
     */
    void forgetAnswersMentioning(TenantId tenantId, Collection<String> texts);

    /** Drops up to {@code limit} keys claimed before {@code cutoff}; returns how many went. */
    int purgeClaimedBefore(Instant cutoff, int limit);
}
