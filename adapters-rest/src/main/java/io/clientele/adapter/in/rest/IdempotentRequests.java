package io.clientele.adapter.in.rest;

import io.clientele.adapter.in.rest.error.DomainExceptionHandler;
import io.clientele.adapter.in.rest.error.Problem;
import io.clientele.adapter.in.rest.error.ProblemResponses;
import io.clientele.adapter.in.rest.security.Roles;
import io.clientele.application.port.in.IdempotencyUseCase;
import io.clientele.domain.shared.DomainException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.http.HttpHeaders;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} for every POST, PATCH and DELETE that writes (native and dialect): the first request with a
 * key runs and its answer (status and body, errors included, 5xx excepted) is stored; the same key with the same
 * method, path, query and body gets that answer again (header {@code Idempotent-Replayed: true}); the same key with
 * another request → 422; while the first still runs → 409.
 *
 * <p>The answer is stored in the same transaction as the write's effect. The claim itself is committed first, so a
 * concurrent repeat sees it (409); a claim whose request died is taken over after 5 minutes. Batches run their
 * records in their own transactions on worker threads, and vendor uploads keep one transaction per record: their
 * answer is stored once the last record is done.
 */
@Singleton
public class IdempotentRequests {

    /** The headers a client reads from an answer, stored with it so a repeat gets them too. */
    private static final List<String> REPLAYED_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG,
            HttpHeaders.CONTENT_LOCATION);

    public static final String HEADER = "Idempotency-Key";
    private static final int MAX_KEY_LENGTH = 200;
    private static final String NOT_KEPT = "clientele.idempotency.not-kept";

    private final IdempotencyUseCase idempotency;
    private final JsonMapper json;

    IdempotentRequests(IdempotencyUseCase idempotency, JsonMapper json) {
        this.idempotency = idempotency;
        this.json = json;
    }

    /**
     * Marks an answer that must not be kept as its Idempotency-Key's answer: part of the work failed for a reason of
     * the moment (an upload's record that lost every retry), so the same request with the same key runs again.
     */
    public static <T> MutableHttpResponse<T> notKept(MutableHttpResponse<T> response) {
        response.setAttribute(NOT_KEPT, Boolean.TRUE);
        return response;
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
        Object tenant = caller == null ? null : caller.getAttributes().get(Roles.TENANT_ATTRIBUTE);
        return run(request, tenant == null ? null : TenantId.of(tenant.toString()), body, action, answerDomainErrors);
    }

    /** As above, for a caller whose tenant was established otherwise (PersonaClick's shop_secret in the body). */
    public MutableHttpResponse<?> run(HttpRequest<?> request, TenantId tenantId, String body,
                                      Supplier<MutableHttpResponse<?>> action, boolean answerDomainErrors) {
        String key = request.getHeaders().get(HEADER);
        if (key == null || tenantId == null) {
            return action.get();
        }
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            return ProblemResponses.respond(Problem.of(400, "Bad request", "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters"));
        }
        String hash = hash(request.getMethodName() + " " + request.getUri() + "\n" + (body == null ? "" : body));
        IdempotencyUseCase.Claim claim = idempotency.claim(tenantId, key, hash);
        if (claim instanceof IdempotencyUseCase.Replay replay) {
            MutableHttpResponse<String> replayed = HttpResponse.<String>status(HttpStatus.valueOf(replay.status()))
                    .header("Idempotent-Replayed", "true");
            replayedHeaders(replay.headers()).forEach(replayed::header);
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
        if (!answerDomainErrors) {
            return runThenStore(tenantId, key, action);
        }
        MutableHttpResponse<?>[] produced = new MutableHttpResponse<?>[1];
        try {
            // the work and its stored answer commit together (the use case's transaction joins this one)
            idempotency.execute(tenantId, key, () -> {
                produced[0] = action.get();
                return answer(produced[0]);
            });
            return produced[0];
        } catch (WriteContendedException e) {
            // lost its races this time: not an answer to keep, the same request with the same key runs again
            idempotency.release(tenantId, key);
            throw e;
        } catch (DomainException e) {
            // the effect rolled back; the refusal itself is the answer to replay
            if (!answerDomainErrors) {
                idempotency.release(tenantId, key);
                throw e;
            }
            MutableHttpResponse<?> refusal = ProblemResponses.respond(DomainExceptionHandler.toProblem(e));
            idempotency.complete(tenantId, key, answer(refusal));
            return refusal;
        } catch (RuntimeException | Error e) {
            idempotency.release(tenantId, key);
            throw e;
        }
    }

    /**
     * For dialect writes that answer errors in their vendor's shape and keep one transaction per record (uploads):
     * the work runs on its own, its answer is stored right after. A crash in between makes a retry run the request
     * again, which their upserts make harmless (the same identifiers find the same customers).
     */
    private MutableHttpResponse<?> runThenStore(TenantId tenantId, String key, Supplier<MutableHttpResponse<?>> action) {
        MutableHttpResponse<?> response;
        try {
            response = action.get();
        } catch (RuntimeException | Error e) {
            idempotency.release(tenantId, key);
            throw e;
        }
        IdempotencyUseCase.Answer answer = answer(response);
        if (answer.status() >= 500 || response.getAttribute(NOT_KEPT).isPresent()) {
            idempotency.release(tenantId, key);
        } else {
            idempotency.complete(tenantId, key, answer);
        }
        return response;
    }

    private IdempotencyUseCase.Answer answer(MutableHttpResponse<?> response) {
        String stored = response.getBody().map(this::write).orElse(null);
        String contentType = response.getContentType().map(MediaType::toString)
                .orElse(stored == null ? null : MediaType.APPLICATION_JSON);
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : REPLAYED_HEADERS) {
            String value = response.getHeaders().get(name);
            if (value != null) {
                kept.put(name, value);
            }
        }
        return new IdempotencyUseCase.Answer(response.getStatus().getCode(), contentType, stored,
                kept.isEmpty() ? null : write(kept));
    }

    /** The headers stored with an answer, as they were given. */
    @SuppressWarnings("unchecked")
    private Map<String, String> replayedHeaders(String stored) {
        if (stored == null) {
            return Map.of();
        }
        try {
            Map<String, String> headers = json.readValue(stored, Map.class);
            return headers == null ? Map.of() : headers;
        } catch (IOException | RuntimeException e) {
            // unreadable: replay the body without them rather than fail the repeat
            return Map.of();
        }
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
