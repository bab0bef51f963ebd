package io.clientele.application.service;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UuidV7GeneratorTest {

    private final UuidV7Generator generator = new UuidV7Generator();

    @Test
    void idsAreVersion7WithTheRfcVariant() {
        for (int i = 0; i < 1_000; i++) {
            String id = generator.newId();
            UUID uuid = UUID.fromString(id);

            assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
            assertThat(uuid.version()).isEqualTo(7);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
        }
    }

    @Test
    void theFirst48BitsAreTheCurrentUnixMillis() {
        long before = System.currentTimeMillis();
        UUID uuid = UUID.fromString(generator.newId());
        long after = System.currentTimeMillis();

        long millis = uuid.getMostSignificantBits() >>> 16;
        assertThat(millis).isBetween(before, after);
    }

    @Test
    void idsMadeInTheSameMillisecondStillSortInTheOrderTheyWereMade() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ids.add(generator.newId());
        }

        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void tenThousandIdsAreUnique() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            ids.add(generator.newId());
        }

        assertThat(ids).hasSize(10_000);
    }

    @Test
    void idsGeneratedAFewMillisecondsApartSortByTime() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(generator.newId());
            Thread.sleep(3);
        }

        assertThat(ids).isSorted();
        List<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        for (int i = 1; i < uuids.size(); i++) {
            assertThat(uuids.get(i).getMostSignificantBits() >>> 16)
                    .isGreaterThan(uuids.get(i - 1).getMostSignificantBits() >>> 16);
        }
    }
}
