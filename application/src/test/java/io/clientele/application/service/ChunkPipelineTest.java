package io.clientele.application.service;

import io.clientele.application.service.ChunkPipeline.Footprint;
import io.clientele.application.service.ChunkPipeline.Step;
import io.clientele.domain.customer.CustomerId;
import io.clientele.domain.identity.IdentifierKey;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ChunkPipelineTest {

    private static Footprint keys(String... values) {
        Set<IdentifierKey> keys = new java.util.HashSet<>();
        for (String value : values) {
            keys.add(new IdentifierKey("email", value));
        }
        return new Footprint(keys, Set.of(), Set.of());
    }

    private static Footprint holders(String... ids) {
        Set<CustomerId> holders = new java.util.HashSet<>();
        for (String id : ids) {
            holders.add(CustomerId.of(id));
        }
        return new Footprint(Set.of(), holders, Set.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("waited for the other step").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stepsThatTouchNothingInCommonRunSideBySide() {
        CountDownLatch secondResolved = new CountDownLatch(1);
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        Step first = ChunkPipeline.sideBySide(turn -> {
            turn.resolved(keys("a@shop.ru"));
            // still running: the second step can only get past this wait by running beside it
            await(secondResolved);
            threads.add(Thread.currentThread().getName());
        });
        Step second = ChunkPipeline.sideBySide(turn -> {
            turn.resolved(keys("b@shop.ru"));
            secondResolved.countDown();
            threads.add(Thread.currentThread().getName());
        });

        ChunkPipeline.run(List.of(first, second), 2);

        assertThat(threads).hasSize(2).doesNotHaveDuplicates();
    }

    @Test
    void aStepSharingAnIdentifierOrACustomerWithTheRunningOneStartsAgainAfterIt() {
        Footprint sameKey = keys("a@shop.ru");
        Footprint sameHolder = new Footprint(Set.of(new IdentifierKey("phone", "+79161234567")), Set.of(
                CustomerId.of("c1")), Set.of());
        Footprint samePushToken = new Footprint(Set.of(new IdentifierKey("email", "p@shop.ru")), Set.of(),
                Set.of("FCM token-1"));
        List<Footprint[]> cases = List.of(new Footprint[]{keys("a@shop.ru", "x@shop.ru"), sameKey},
                new Footprint[]{holders("c1"), sameHolder},
                new Footprint[]{new Footprint(Set.of(), Set.of(), Set.of("FCM token-1")), samePushToken});
        for (Footprint[] footprints : cases) {
            List<String> written = Collections.synchronizedList(new ArrayList<>());
            AtomicInteger secondStarts = new AtomicInteger();
            CountDownLatch secondTried = new CountDownLatch(1);
            Step first = ChunkPipeline.sideBySide(turn -> {
                turn.resolved(footprints[0]);
                // the second step tries to run beside this one, and must give up
                await(secondTried);
                written.add("first");
            });
            Step second = ChunkPipeline.sideBySide(turn -> {
                secondStarts.incrementAndGet();
                try {
                    turn.resolved(footprints[1]);
                } finally {
                    secondTried.countDown();
                }
                written.add("second");
            });

            ChunkPipeline.run(List.of(first, second), 2);

            assertThat(written).containsExactly("first", "second");
            assertThat(secondStarts).hasValue(2);
        }
    }

    @Test
    void aStepThatResolvedWhileTheOneBeforeWasStillWritingStartsAgainEvenIfThatOneHasEndedSince() {
        CountDownLatch firstEnding = new CountDownLatch(1);
        AtomicInteger secondStarts = new AtomicInteger();
        Step first = ChunkPipeline.sideBySide(turn -> {
            turn.resolved(keys("a@shop.ru"));
            firstEnding.countDown();
        });
        Step second = ChunkPipeline.sideBySide(turn -> {
            if (secondStarts.incrementAndGet() == 1) {
                // resolved (say) before the first step committed what it wrote for a@shop.ru, which ends meanwhile
                await(firstEnding);
                sleep(50);
            }
            turn.resolved(keys("a@shop.ru"));
        });

        ChunkPipeline.run(List.of(first, second), 2);

        assertThat(secondStarts).hasValue(2);
    }

    @Test
    void aStepThatIsNotSideBySideWaitsForTheOneBeforeAndHoldsBackTheOneAfter() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Step first = ChunkPipeline.sideBySide(turn -> {
            turn.resolved(keys("a@shop.ru"));
            sleep(50);
            events.add("first done");
        });
        Step alone = ChunkPipeline.alone(() -> {
            events.add("alone");
            sleep(50);
            events.add("alone done");
        });
        Step third = ChunkPipeline.sideBySide(turn -> {
            events.add("third");
            turn.resolved(keys("c@shop.ru"));
        });

        ChunkPipeline.run(List.of(first, alone, third), 2);

        assertThat(events).containsExactly("first done", "alone", "alone done", "third");
    }

    @Test
    void aStepThatPublishesEverythingWhileRunningHoldsBackTheOneAfterUntilItIsDone() throws InterruptedException {
        CountDownLatch secondStarted = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        Step merging = ChunkPipeline.sideBySide(turn -> {
            turn.resolved(Footprint.EVERYTHING);
            // a step after this one would have started by now if it were let through
            try {
                order.add(secondStarted.await(300, TimeUnit.MILLISECONDS) ? "second ran beside" : "first done");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        Step unrelated = ChunkPipeline.sideBySide(turn -> {
            secondStarted.countDown();
            turn.resolved(keys("b@shop.ru"));
            order.add("second");
        });

        ChunkPipeline.run(List.of(merging, unrelated), 2);

        assertThat(order).containsExactly("first done", "second");
    }

    @Test
    void theFirstFailureStopsTheStepsNotYetStartedAndIsThrown() {
        List<Integer> ran = Collections.synchronizedList(new ArrayList<>());
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int index = i;
            steps.add(ChunkPipeline.sideBySide(turn -> {
                ran.add(index);
                if (index == 1) {
                    throw new IllegalStateException("step 1 broke");
                }
                turn.resolved(keys(index + "@shop.ru"));
            }));
        }

        assertThatThrownBy(() -> ChunkPipeline.run(steps, 2)).isInstanceOf(IllegalStateException.class)
                .hasMessage("step 1 broke");
        assertThat(ran).containsExactlyInAnyOrder(0, 1);
    }

    @Test
    void oneWriterRunsEveryStepInOrderOnTheCallersThread() {
        List<String> threads = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            steps.add(ChunkPipeline.sideBySide(turn -> {
                turn.resolved(keys("same@shop.ru"));
                threads.add(Thread.currentThread().getName());
            }));
        }

        ChunkPipeline.run(steps, 1);

        assertThat(threads).hasSize(4).containsOnly(Thread.currentThread().getName());
    }

    @Test
    void footprintsOverlapOnAKeyOrACustomerAndEverythingOverlapsAll() {
        assertThat(keys("a@shop.ru").overlaps(keys("b@shop.ru"))).isFalse();
        assertThat(keys("a@shop.ru", "b@shop.ru").overlaps(keys("b@shop.ru"))).isTrue();
        assertThat(holders("c1").overlaps(holders("c2"))).isFalse();
        assertThat(holders("c1", "c2").overlaps(holders("c2"))).isTrue();
        assertThat(Footprint.EVERYTHING.overlaps(keys())).isTrue();
        assertThat(keys().overlaps(Footprint.EVERYTHING)).isTrue();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
