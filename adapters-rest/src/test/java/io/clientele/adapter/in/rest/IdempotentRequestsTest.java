package io.clientele.adapter.in.rest;

import io.clientele.application.port.in.IdempotencyUseCase;
import io.clientele.domain.shared.ConflictException;
import io.clientele.domain.shared.WriteContendedException;
import io.clientele.domain.tenant.TenantId;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IdempotentRequestsTest {

    /** Claims every key afresh and notes what became of it. */
    private static final class Recording implements IdempotencyUseCase {
        final List<String> events = new ArrayList<>();

        @Override
        public Claim claim(TenantId tenantId, String key, String requestHash) {
            return new Proceed();
        }

        @Override
        public Answer execute(TenantId tenantId, String key, Supplier<Answer> work) {
            Answer answer = work.get();
            events.add("stored " + answer.status());
            return answer;
        }

        @Override
        public void complete(TenantId tenantId, String key, Answer answer) {
            events.add("stored " + answer.status());
        }

        @Override
        public void release(TenantId tenantId, String key) {
            events.add("released");
        }

        @Override
        public int purgeExpired() {
            return 0;
        }
    }

    private final Recording idempotency = new Recording();
    private final IdempotentRequests requests = new IdempotentRequests(idempotency, JsonMapper.createDefault());
    private final HttpRequest<?> request = HttpRequest.POST("/v1/customers", "{}").header("Idempotency-Key", "k-1");

    @Test
    void aWriteThatLostItsRacesIsNotKeptAsTheKeysAnswer() {
        // sent again with the same key, it must run again rather than replay the 409
        assertThatThrownBy(() -> requests.run(request, TenantId.of("acme"), "{}", () -> {
            throw new WriteContendedException("lost every retry");
        }, true)).isInstanceOf(WriteContendedException.class);
        assertThat(idempotency.events).containsExactly("released");

        assertThatThrownBy(() -> requests.run(request, TenantId.of("acme"), "{}", () -> {
            throw new WriteContendedException("lost every retry");
        }, false)).isInstanceOf(WriteContendedException.class);
        assertThat(idempotency.events).containsExactly("released", "released");
    }

    @Test
    void anotherRefusalIsKeptAsTheKeysAnswer() {
        assertThat(requests.run(request, TenantId.of("acme"), "{}", () -> {
            throw new ConflictException("identifier-reserved", "reserved");
        }, true).getStatus().getCode()).isEqualTo(409);
        assertThat(idempotency.events).containsExactly("stored 409");
    }

    @Test
    void anAnswerMarkedNotKeptIsAnsweredAndTheKeyReleased() {
        // an upload whose record lost its races answers 201 with that record rejected; the same key must run it again
        assertThat(requests.run(request, TenantId.of("acme"), "{}",
                () -> IdempotentRequests.notKept(HttpResponse.created("{}")), false).getStatus().getCode())
                .isEqualTo(201);
        assertThat(idempotency.events).containsExactly("released");

        assertThat(requests.run(request, TenantId.of("acme"), "{}", () -> HttpResponse.created("{}"), false)
                .getStatus().getCode()).isEqualTo(201);
        assertThat(idempotency.events).containsExactly("released", "stored 201");
    }
}
