package io.clientele.application.service;

import io.clientele.application.port.out.IdGenerator;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * UUIDv7 ids (RFC 9562): 48 bits of milliseconds, a 12-bit counter (rand_a, RFC 9562 6.2 method 1) and 62 random
 * bits. Opaque and not guessable from one another, and strictly increasing per generator: ids made in the same
 * millisecond (a bulk upload creates hundreds) still sort in the order they were made, so "oldest first" by id
 * holds for them too, and the primary-key index stays append-mostly.
 */
@Singleton
public class UuidV7Generator implements IdGenerator {

    private static final int COUNTER_MAX = 0xfff;

    private final SecureRandom random = new SecureRandom();
    private long lastMillis;
    private int counter;

    @Override
    public String newId() {
        long millis;
        int sequence;
        long randomBits;
        synchronized (this) {
            millis = Math.max(System.currentTimeMillis(), lastMillis);
            if (millis == lastMillis) {
                if (counter == COUNTER_MAX) {
                    // 4,096 ids in one millisecond: borrow the next one rather than wrap
                    millis++;
                    counter = random.nextInt(COUNTER_MAX / 2);
                } else {
                    counter++;
                }
            } else {
                // a random start within the lower half leaves room to count up in this millisecond
                counter = random.nextInt(COUNTER_MAX / 2);
            }
            lastMillis = millis;
            sequence = counter;
            randomBits = random.nextLong();
        }
        long msb = (millis << 16) | 0x7000L | sequence;
        long lsb = (randomBits & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
