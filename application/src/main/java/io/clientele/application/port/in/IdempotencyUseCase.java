package io.clientele.application.port.in;

import io.clientele.domain.tenant.TenantId;

/**
 * Idempotency keys (Stripe semantics): the first request with a key runs; a repeat with the same key and the same
 * request gets the first answer replayed (for at least 24 h); the same key with another request is refused; a
 * repeat while the first still runs is refused as a conflict.
 */
public interface IdempotencyUseCase {

    /** What to do with a request that carries an idempotency key. */
    sealed interface Claim permits Proceed, Replay, Mismatch, InFlight {
    }

    /** First use of the key: run the request, then {@link #complete} (or {@link #release} on failure). */
    record Proceed() implements Claim {
    }

    /** Seen before with the same request: answer this. */
    record Replay(int status, String contentType, String body) implements Claim {
    }

    /** Seen before with a different request. */
    record Mismatch() implements Claim {
    }

    /** The first request with this key is still running. */
    record InFlight() implements Claim {
    }

    Claim claim(TenantId tenantId, String key, String requestHash);

    void complete(TenantId tenantId, String key, int status, String contentType, String body);

    /** Forgets a claim whose request failed without an answer worth replaying (5xx), so a retry runs again. */
    void release(TenantId tenantId, String key);
}
