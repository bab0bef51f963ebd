package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.DomainExceptionHandler;
import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.ProblemResponses;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.IdempotencyUseCase;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for every POST, PATCH and DELETE that writes (native and dialect): the first request with a
 * key runs and its answer (status and body, errors included, 5xx excepted) is stored; the same key with the same
 * method, path, query and body gets that answer again (header {@code Idempotent-Replayed: true}); the same key with
 * another request → 422; while the first still runs → 409.
 *
 * <p>The answer is stored right after the write commits, not in the same transaction; if the process dies in
 * between, a retry runs the request again, which upserts make harmless (the same identifiers find the same customer).
 */
@Singleton
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyUseCase idempotency;
    private final JsonMapper json;

    IdempotentRequests(IdempotencyUseCase idempotency, JsonMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    /** Runs {@code action} under the request's idempotency key, if it has one. */
    public MutableHttpResponse<?> run(HttpRequest<?> request, Authentication caller, String body,
                                      Supplier<MutableHttpResponse<?>> action) {
        return run(request, caller, body, action, true);
    }

    /**
     * As {@link #run(HttpRequest, Authentication, String, Supplier)}; with {@code answerDomainErrors} false a broken
     * rule is not turned into problem+json here but passed on (a dialect answers it in its vendor's shape), and not
     * stored: a retry checks the request again.
     */
    public MutableHttpResponse<?> run(HttpRequest<?> request, Authentication caller, String body,
                                      Supplier<MutableHttpResponse<?>> action, boolean answerDomainErrors) {
        String key = request.getHeaders().get(HEADER);
        Object tenant = caller == null ? null : caller.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        if (key == null || tenant == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return ProblemResponses.respond(Problem.of(400, "Bad request", "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        TenantId tenantId = TenantId.of(tenant.toString());
        String hash = hash(request.getMethodName() + " " + request.getUri() + "\n" + (body == null ? "" : body));
        IdempotencyUseCase.Claim claim = idempotency.claim(tenantId, key, hash);
        if (claim instanceof IdempotencyUseCase.Replay replay) {
            MutableHttpResponse<String> replayed = HttpResponse.<String>status(HttpStatus.valueOf(replay.status()))
                    .header("Idempotent-Replayed", "true");
            return replay.body() == null ? replayed
                    : replayed.contentType(replay.contentType()).body(replay.body());
        }
        if (claim instanceof IdempotencyUseCase.Mismatch) {
            return ProblemResponses.respond(Problem.of(422, "Unprocessable content", "idempotency-key-reused",
                    "this Idempotency-Key was used for a different request"));
        }
        if (claim instanceof IdempotencyUseCase.InFlight) {
            return ProblemResponses.respond(Problem.of(409, "Conflict", "idempotency-key-in-flight",
                    "a request with this Idempotency-Key is still running; retry shortly"));
        }
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (DomainException e) {
            if (!answerDomainErrors) {
                idempotency.release(tenantId, key);
                throw e;
            }
            response = ProblemResponses.respond(DomainExceptionHandler.toProblem(e));
        } catch (RuntimeException | Error e) {
            idempotency.release(tenantId, key);
            throw e;
        }
        if (response.getStatus().getCode() >= 500) {
            idempotency.release(tenantId, key);
            return response;
        }
        String stored = response.getBody().map(this::write).orElse(null);
        String contentType = response.getContentType().map(MediaType::toString)
                .orElse(stored == null ? null : MediaType.APPLICATION_JSON);
        idempotency.complete(tenantId, key, response.getStatus().getCode(), contentType, stored);
        return response;
    }

    private String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalStateException("could not store the response for replay", e);
        }
    }

    private static String hash(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
