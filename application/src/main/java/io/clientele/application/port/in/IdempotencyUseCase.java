package io.clientele.application.port.in;

import io.clientele.domain.tenant.TenantId;

/**
 * Idempotency keys (Stripe semantics): the first request with a key runs; a repeat with the same key and the same
 * request gets the first answer replayed (for at least 24 h); the same key with another request is refused; a
 * repeat while the first still runs is refused as a conflict.
 */
public interface IdempotencyUseCase {

    /** The scope of the operator's keys (a tenant id no tenant may have). */
    io.clientele.domain.tenant.TenantId OPERATOR_SCOPE = io.clientele.domain.tenant.TenantId.of("operator");

    /** What to do with a request that carries an idempotency key. */
    sealed interface Claim permits Proceed, Replay, Mismatch, InFlight {
    }

    /** First use of the key: run the request, then {@link #complete} (or {@link #release} on failure). */
    record Proceed() implements Claim {
    }

    /** Seen before with the same request: answer this ({@code headers} as {@link Answer} has them). */
    record Replay(int status, String contentType, String body, String headers) implements Claim {
    }

    /** Seen before with a different request. */
    record Mismatch() implements Claim {
    }

    /** The first request with this key is still running. */
    record InFlight() implements Claim {
    }

    /**
     * An answer as stored for replay; {@code headers}: the ones a client reads (Location, ETag), encoded by the caller
     * (opaque to the registry), or null.
     */
    record Answer(int status, String contentType, String body, String headers) {
    }

    Claim claim(TenantId tenantId, String key, String requestHash);

    /**
     * Runs the claimed request's work and stores its answer in the same transaction as the work's effect (work
     * started inside joins it), so an effect is never committed without its answer. A 5xx answer is not stored
     * (the claim is released instead); a {@link io.clientele.domain.shared.DomainException} rolls the effect back
     * and propagates.
     */
    Answer execute(TenantId tenantId, String key, java.util.function.Supplier<Answer> work);

    void complete(TenantId tenantId, String key, Answer answer);

    /** Forgets a claim whose request failed without an answer worth replaying (5xx), so a retry runs again. */
    void release(TenantId tenantId, String key);

    /** Drops every key past its retention, with its answer (which may hold personal data); returns how many went. */
    int purgeExpired();
}
