package io.clientele.bench;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The synthetic customers. Every data set has its own range of identifiers, so scenarios of one run never collide:
 * customer i of set "s" has email {@code s<i>@bench-clientele.com}, phone {@code +7<code><1000000+i>} (a Russian
 * mobile number, valid for libphonenumber) and external id {@code s-<i>}.
 */
record Data(String set, String mobileCode, String runTag) {

    static final String DOMAIN = "bench-clientele.com";
    private static final String[] FIRST = {"Anna", "Ivan", "Olga", "Petr", "Maria", "Sergey", "Elena", "Dmitry"};
    private static final String[] LAST = {"Ivanova", "Petrov", "Sidorova", "Smirnov", "Kuznetsova", "Popov"};
    private static final String[] CITY = {"Moscow", "Kazan", "Samara", "Omsk", "Tula", "Perm"};

    String email(long i) {
        return set + runTag + i + "@" + DOMAIN;
    }

    String phone(long i) {
        if (i >= 9_000_000) {
            throw new IllegalArgumentException("at most 9,000,000 customers per data set");
        }
        return "+7" + mobileCode + (1_000_000 + i);
    }

    String externalId(long i) {
        return set + runTag + "-" + i;
    }

    /** Ten attributes in Custobar's names (5 standard fields and 5 COMPANY__ custom fields), as JSON members. */
    static String custobarAttributes(long i, int round) {
        return "\"first_name\":\"" + FIRST[(int) (i % FIRST.length)] + "\",\"last_name\":\"" + LAST[(int) (i % LAST.length)]
                + "\",\"city\":\"" + CITY[(int) ((i + round) % CITY.length)] + "\",\"country\":\"RU\",\"language\":\"ru\","
                + customAttributes("COMPANY__", i, round);
    }

    /** The same ten values in the native document: profile fields and free attributes. */
    static String nativeProfile(long i, int round) {
        return "{\"firstName\":\"" + FIRST[(int) (i % FIRST.length)] + "\",\"lastName\":\"" + LAST[(int) (i % LAST.length)]
                + "\",\"city\":\"" + CITY[(int) ((i + round) % CITY.length)] + "\",\"country\":\"RU\",\"language\":\"ru\"}";
    }

    static String customAttributes(String prefix, long i, int round) {
        return "\"" + prefix + "tier\":\"" + (i % 3 == 0 ? "gold" : "silver") + "\",\"" + prefix + "score\":\""
                + ((i * 7 + round) % 1000) + "\",\"" + prefix + "store\":\"msk-" + (i % 40) + "\",\"" + prefix
                + "segment\":\"s" + ((i + round) % 12) + "\",\"" + prefix + "source\":\"bench\"";
    }

    /** A time-ordered id in the server's format (UUIDv7 text), monotonic in seq so seeded rows append. */
    static String uuid7(long epochMillis, long seq) {
        long millis = epochMillis + seq / 4096;
        long msb = (millis << 16) | 0x7000L | (seq % 4096);
        long lsb = (ThreadLocalRandom.current().nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }

    static String uuid7() {
        return uuid7(System.currentTimeMillis(), ThreadLocalRandom.current().nextInt(4096));
    }
}
