package io.clientele.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The Clientele load generator. Runs the selected scenarios against a running server (base URL + API key of a tenant)
 * and its database (JDBC), always in the order ceiling-before-HTTP so each ratio compares figures of the same run:
 * <ol>
 *   <li>{@code upsert}: single upserts through the RetailRocket dialect (native {@code POST /v1/customers} when the
 *       dialect answers 404), new and existing customers mixed;</li>
 *   <li>{@code lookup}: {@code GET /v1/customers/lookup} by email and by phone against customers seeded by JDBC, at
 *       each seed size (default 10,000 then 1,000,000);</li>
 *   <li>{@code bulk}: one Custobar upload of 10,000 customers, 30 % existing (a loop of native upserts when the
 *       dialect answers 404);</li>
 *   <li>{@code ceiling}: the same rows written and read with plain JDBC;</li>
 *   <li>{@code floor} (only when asked for): the lookup route with a value it refuses (422) before any database
 *       work, at the lookup's thread count: what HTTP, the API key and routing alone cost on this machine, the most
 *       any request could reach.</li>
 * </ol>
 * Options: {@code --name=value}; see {@link #main}.
 */
public final class Bench {

    private static final Predicate<String> WRITE_OK = o -> o.equals("200") || o.equals("201");
    private static final Predicate<String> READ_OK = o -> o.equals("200");

    record Row(String scenario, String endpoint, String unit, long ops, long failed, double seconds, double rate,
               double p50, double p99, Double ceiling, String target, String verdict, String cpu) {
    }

    private final Map<String, String> options;
    private final Http http;
    private final Db db;
    private final String tenant;
    private final String rawTenant;
    private final int upsertThreads;
    private final int lookupThreads;
    private final double warmup;
    private final double duration;
    private final double newShare;
    private final List<Row> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Row> ceilings = new LinkedHashMap<>();
    private final Cpu cpu;

    private Bench(Map<String, String> options) {
        this.options = options;
        http = new Http(option("base-url", "http://127.0.0.1:8080"), required("key"));
        db = new Db(required("jdbc-url"), option("db-user", "root"), option("db-password", ""));
        tenant = required("tenant");
        rawTenant = option("raw-tenant", tenant + "-raw");
        upsertThreads = Integer.parseInt(option("upsert-threads", "16"));
        lookupThreads = Integer.parseInt(option("lookup-threads", "32"));
        warmup = Double.parseDouble(option("warmup", "5"));
        duration = Double.parseDouble(option("duration", "20"));
        newShare = Double.parseDouble(option("new-share", "0.5"));
        cpu = new Cpu(Long.parseLong(option("server-pid", "0")), Long.parseLong(option("db-pid", "0")));
    }

    /**
     * {@code --base-url --key --tenant --jdbc-url --db-user --db-password --scenarios=upsert,lookup,bulk,ceiling
     * --upsert-threads=16 --lookup-threads=32 --warmup=5 --duration=20 --new-share=0.5
     * --lookup-sizes=10000,1000000 --seed-threads=2 --bulk-size=10000 --bulk-existing=0.3 --bulk-rounds=1
     * --bulk-warmup-rounds=6}
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg);
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        new Bench(options).run();
    }

    private void run() throws Exception {
        Set<String> scenarios = new TreeSet<>(Arrays.asList(option("scenarios", "upsert,lookup,bulk,ceiling").split(",")));
        Set<String> known = Set.of("upsert", "lookup", "bulk", "ceiling", "floor");
        if (!known.containsAll(scenarios)) {
            throw new IllegalArgumentException("scenarios are " + known + ", got " + scenarios);
        }
        boolean ceiling = scenarios.contains("ceiling");
        System.out.printf(Locale.ROOT, "scenarios %s; upsert threads %d, lookup threads %d; warm-up %.0f s, measured %.0f s%n",
                scenarios, upsertThreads, lookupThreads, warmup, duration);
        if (ceiling) {
            ceilingUpsert();
        }
        if (scenarios.contains("floor")) {
            floor();
        }
        if (scenarios.contains("upsert")) {
            upsert();
        }
        if (ceiling) {
            ceilingBulk();
        }
        if (scenarios.contains("bulk")) {
            bulk();
        }
        if (scenarios.contains("lookup") || ceiling) {
            long[] sizes = Arrays.stream(option("lookup-sizes", "10000,1000000").split(","))
                    .mapToLong(s -> Long.parseLong(s.trim().replace("_", ""))).sorted().toArray();
            if (!scenarios.contains("lookup")) {
                sizes = new long[]{sizes[0]};
            }
            for (long size : sizes) {
                seed(size);
                if (scenarios.contains("lookup")) {
                    lookup(size);
                }
                if (ceiling) {
                    ceilingLookup(size);
                }
            }
            if (scenarios.contains("lookup") && sizes.length > 1) {
                scaling(sizes[0], sizes[sizes.length - 1]);
            }
        }
        print();
    }

    // ---------------------------------------------------------------- 1. single upsert

    private void upsert() throws Exception {
        Data data = new Data("u", "926", "");
        AtomicLong issued = new AtomicLong();
        String dialect = "/dialects/retailrocket/customers";
        Http.Response probe = http.post(dialect, retailRocket(data, issued.getAndIncrement(), 0));
        boolean fallback = probe.status() == 404;
        String endpoint = fallback ? "POST /v1/customers (FALLBACK: retailrocket 404)" : "POST " + dialect;
        if (!fallback && !WRITE_OK.test(String.valueOf(probe.status()))) {
            throw new IllegalStateException("RetailRocket upsert answered " + probe.status() + ": " + probe.body());
        }
        System.out.println("upsert: endpoint " + endpoint);
        if (fallback) {
            notes.add("upsert: the RetailRocket dialect answered 404, so the native POST /v1/customers carried the load");
        }
        int pool = 2 * upsertThreads;
        cpu.warmupThenMark(warmup);
        Load.Result result = Load.forDuration(upsertThreads, warmup, duration, WRITE_OK, (thread, random) -> {
            long i = pick(issued, random, pool);
            int round = random.nextInt(1000);
            String body = fallback ? nativeUpsert(data, i, round) : retailRocket(data, i, round);
            return String.valueOf(http.post(fallback ? "/v1/customers" : dialect, body).status());
        });
        report("upsert", endpoint, "req", result, "ceiling upsert", ">= 1500 req/s, p99 <= 50 ms",
                result.rate() >= 1500 && result.p99() <= 50);
    }

    private void ceilingUpsert() throws Exception {
        Data data = new Data("ru", "905", "");
        AtomicLong issued = new AtomicLong();
        int pool = 2 * upsertThreads;
        Db.Session[] sessions = sessions(upsertThreads, rawTenant);
        try {
            cpu.warmupThenMark(warmup);
            Load.Result result = Load.forDuration(upsertThreads, warmup, duration, WRITE_OK, (thread, random) -> {
                sessions[thread].upsert(data, pick(issued, random, pool), random.nextInt(1000));
                return "200";
            });
            ceilings.put("ceiling upsert", report("ceiling upsert", "JDBC, 1 tx per upsert", "tx", result, null,
                    null, null));
        } finally {
            close(sessions);
        }
    }

    /** A new customer with probability new-share (or while few exist), else one created a while ago. */
    private long pick(AtomicLong issued, ThreadLocalRandom random, int pool) {
        long settled = issued.get() - pool;
        if (settled <= 0 || random.nextDouble() < newShare) {
            return issued.getAndIncrement();
        }
        return random.nextLong(settled);
    }

    private static String retailRocket(Data data, long i, int round) {
        return "{\"customerId\":\"" + data.externalId(i) + "\",\"email\":\"" + data.email(i) + "\",\"phone\":\""
                + data.phone(i) + "\",\"customData\":{" + Data.customAttributes("", i, round) + "}}";
    }

    private static String nativeUpsert(Data data, long i, int round) {
        return "{\"identifiers\":[{\"type\":\"externalId\",\"value\":\"" + data.externalId(i)
                + "\"},{\"type\":\"email\",\"value\":\"" + data.email(i) + "\"},{\"type\":\"phone\",\"value\":\""
                + data.phone(i) + "\"}],\"profile\":" + Data.nativeProfile(i, round) + ",\"attributes\":{"
                + Data.customAttributes("", i, round) + "}}";
    }

    // ---------------------------------------------------------------- 5. HTTP floor

    private void floor() throws Exception {
        String refused = "/v1/customers/lookup?type=email&value=not-an-email";
        int probe = http.get(refused);
        if (probe != 422) {
            throw new IllegalStateException("the floor's request answered " + probe + ", expected 422");
        }
        cpu.warmupThenMark(warmup);
        Load.Result result = Load.forDuration(lookupThreads, warmup, duration, o -> o.equals("422"),
                (thread, random) -> String.valueOf(http.get(refused)));
        report("floor (HTTP, no database)", "GET /v1/customers/lookup refused with 422 before the database", "req",
                result, null, null, null);
    }

    // ---------------------------------------------------------------- 3. bulk

    private int bulkSize() {
        return Integer.parseInt(option("bulk-size", "10000"));
    }

    private int bulkExisting() {
        return (int) Math.round(bulkSize() * Double.parseDouble(option("bulk-existing", "0.3")));
    }

    private int bulkRounds() {
        return Integer.parseInt(option("bulk-rounds", "1"));
    }

    /** Round r: customers [r*size, (r+1)*size) in a fixed shuffled order; the first `existing` of them exist. */
    private long[] bulkIndices(int round, int from, int to, boolean shuffle) {
        long base = (long) round * bulkSize();
        long[] indices = new long[to - from];
        for (int j = 0; j < indices.length; j++) {
            indices[j] = base + from + j;
        }
        if (shuffle) {
            Random random = new Random(42 + round);
            for (int j = indices.length - 1; j > 0; j--) {
                int k = random.nextInt(j + 1);
                long swap = indices[j];
                indices[j] = indices[k];
                indices[k] = swap;
            }
        }
        return indices;
    }

    private void bulk() throws Exception {
        Data data = new Data("b", "903", "");
        String dialect = "/dialects/custobar/api/customers/upload/";
        Http.Response probe = http.post(dialect, custobar(data, new long[]{9_000_000 - 1}, 0));
        boolean fallback = probe.status() == 404;
        if (!fallback && !WRITE_OK.test(String.valueOf(probe.status()))) {
            throw new IllegalStateException("Custobar upload answered " + probe.status() + ": " + probe.body());
        }
        String endpoint = fallback ? "loop of POST /v1/customers x" + upsertThreads + " threads (FALLBACK: custobar 404)"
                : "POST " + dialect;
        System.out.println("bulk: endpoint " + endpoint);
        if (fallback) {
            notes.add("bulk: the Custobar dialect answered 404, so the figure is a LOOP OF NATIVE UPSERTS ("
                    + upsertThreads + " threads, one customer per request), not a bulk upload");
        }
        int size = bulkSize();
        int existing = bulkExisting();
        long customers = 0;
        double seconds = 0;
        long failed = 0;
        org.HdrHistogram.Histogram latency = new org.HdrHistogram.Histogram(60_000_000_000L, 3);
        // the first rounds warm the server's JIT up and are not counted (a cold JVM spends a third of its CPU
        // compiling): at least bulk-warmup-rounds uploads and at least as long as the other steps' warm-up (C2 was
        // still taking as much CPU as the upload itself after six uploads, ~15 s)
        int minWarmupRounds = Integer.parseInt(option("bulk-warmup-rounds", "6"));
        long warmupEnds = System.nanoTime() + (long) (warmup * 1e9);
        int warmupRounds = -1;
        int measured = 0;
        for (int round = 0; measured < bulkRounds(); round++) {
            boolean warmingUp = warmupRounds < 0 && (round < minWarmupRounds || System.nanoTime() < warmupEnds);
            if (!warmingUp) {
                if (warmupRounds < 0) {
                    warmupRounds = round;
                }
                measured++;
            }
            long[] prepared = bulkIndices(round, 0, existing, false);
            long[] timed = bulkIndices(round, 0, size, true);
            if (fallback) {
                nativeLoop(data, prepared, 0);
                if (!warmingUp) {
                    cpu.markIfFirst(round - warmupRounds);
                }
                Load.Result result = nativeLoop(data, timed, 1);
                if (warmingUp) {
                    continue;
                }
                customers += result.ok();
                failed += result.failed();
                seconds += result.seconds();
                latency.add(result.latency());
            } else {
                Http.Response prep = http.post(dialect, custobar(data, prepared, 0));
                if (!WRITE_OK.test(String.valueOf(prep.status()))) {
                    throw new IllegalStateException("Custobar upload answered " + prep.status());
                }
                String body = custobar(data, timed, 1);
                if (!warmingUp) {
                    cpu.markIfFirst(round - warmupRounds);
                }
                long t0 = System.nanoTime();
                Http.Response response = http.post(dialect, body);
                long elapsed = System.nanoTime() - t0;
                int rejected = occurrences(response.body(), "\"outcome\":\"rejected\"");
                System.out.printf(Locale.ROOT, "bulk round %d%s: HTTP %d in %.2f s; created %d, updated %d, rejected %d%n",
                        round, warmingUp ? " (warm-up, not counted)" : "", response.status(), elapsed / 1e9,
                        occurrences(response.body(), "\"outcome\":\"created\""),
                        occurrences(response.body(), "\"outcome\":\"updated\""), rejected);
                if (warmingUp) {
                    continue;
                }
                latency.recordValue(elapsed);
                seconds += elapsed / 1e9;
                if (WRITE_OK.test(String.valueOf(response.status()))) {
                    customers += size - rejected;
                    failed += rejected;
                } else {
                    failed += size;
                }
            }
        }
        double rate = customers / seconds;
        Row ceiling = ceilings.get("ceiling bulk");
        Double ratio = ceiling == null ? null : rate / ceiling.rate();
        add(new Row("bulk " + size + " (" + existing + " existing)", endpoint, "customers", customers, failed, seconds,
                rate, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                ceiling == null ? null : ceiling.rate(), ">= 0.6 x ceiling bulk",
                ratio == null ? "n/a (no ceiling)" : ratio >= 0.6 ? "PASS" : "FAIL", cpu.since()));
    }

    private Load.Result nativeLoop(Data data, long[] indices, int round) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        return Load.forCount(upsertThreads, indices.length, WRITE_OK, (thread, random) ->
                String.valueOf(http.post("/v1/customers", nativeUpsert(data, indices[next.getAndIncrement()], round))
                        .status()));
    }

    private static String custobar(Data data, long[] indices, int round) {
        StringBuilder body = new StringBuilder(indices.length * 330).append("{\"customers\":[");
        for (int j = 0; j < indices.length; j++) {
            long i = indices[j];
            body.append(j == 0 ? "" : ",").append("{\"external_id\":\"").append(data.externalId(i))
                    .append("\",\"email\":\"").append(data.email(i)).append("\",\"phone_number\":\"")
                    .append(data.phone(i)).append("\",").append(Data.custobarAttributes(i, round)).append('}');
        }
        return body.append("]}").toString();
    }

    private void ceilingBulk() throws Exception {
        Data data = new Data("rb", "904", "");
        int size = bulkSize();
        int existing = bulkExisting();
        double seconds = 0;
        org.HdrHistogram.Histogram latency = new org.HdrHistogram.Histogram(60_000_000_000L, 3);
        try (Db.Session session = db.new Session(rawTenant)) {
            for (int round = 0; round < bulkRounds(); round++) {
                session.bulk(data, bulkIndices(round, 0, existing, false), 0);
                cpu.markIfFirst(round);
                long t0 = System.nanoTime();
                session.bulk(data, bulkIndices(round, 0, size, true), 1);
                long elapsed = System.nanoTime() - t0;
                latency.recordValue(elapsed);
                seconds += elapsed / 1e9;
            }
        }
        long customers = (long) size * bulkRounds();
        ceilings.put("ceiling bulk", add(new Row("ceiling bulk " + size + " (" + existing + " existing)",
                "JDBC, 1 connection, multi-row INSERT x1000/tx", "customers", customers, 0, seconds,
                customers / seconds, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                null, "", "", cpu.since())));
    }

    // ---------------------------------------------------------------- 2. lookup

    private void seed(long size) throws Exception {
        Data data = new Data("s", "916", "");
        long have = db.count(tenant, data);
        if (have >= size) {
            return;
        }
        long t0 = System.nanoTime();
        db.seed(tenant, data, have, size, Integer.parseInt(option("seed-threads", "2")));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "seeded customers %,d..%,d by JDBC in %.1f s (%,.0f customers/s)%n", have, size,
                seconds, (size - have) / seconds);
        int found = http.get("/v1/customers/lookup?type=email&value=" + Http.encode(data.email(size - 1).toUpperCase(Locale.ROOT)));
        int foundPhone = http.get("/v1/customers/lookup?type=phone&value=" + Http.encode(data.phone(size / 2)));
        int missing = http.get("/v1/customers/lookup?type=email&value=" + Http.encode(data.email(size + 1)));
        System.out.printf("check: seeded email -> %d, seeded phone -> %d, unseeded email -> %d%n", found, foundPhone,
                missing);
        if (found != 200 || foundPhone != 200 || missing != 404) {
            throw new IllegalStateException("the server does not find the seeded customers");
        }
    }

    private void lookup(long size) throws Exception {
        Data data = new Data("s", "916", "");
        cpu.warmupThenMark(warmup);
        Load.Result result = Load.forDuration(lookupThreads, warmup, duration, READ_OK, (thread, random) -> {
            long i = random.nextLong(size);
            String path = random.nextBoolean()
                    ? "/v1/customers/lookup?type=email&value=" + Http.encode(data.email(i))
                    : "/v1/customers/lookup?type=phone&value=" + Http.encode(data.phone(i));
            return String.valueOf(http.get(path));
        });
        report("lookup @" + label(size), "GET /v1/customers/lookup (email|phone 50/50)", "req", result,
                "ceiling lookup " + label(size), ">= 5000 req/s, p99 <= 20 ms", result.rate() >= 5000 && result.p99() <= 20);
    }

    private void ceilingLookup(long size) throws Exception {
        Data data = new Data("s", "916", "");
        // the very rows the server reads: the seeded customers of the benchmark tenant
        Db.Session[] sessions = sessions(lookupThreads, tenant);
        String name = "ceiling lookup " + label(size);
        try {
            cpu.warmupThenMark(warmup);
            Load.Result result = Load.forDuration(lookupThreads, warmup, duration, READ_OK, (thread, random) -> {
                long i = random.nextLong(size);
                boolean found = random.nextBoolean()
                        ? sessions[thread].lookup("email", data.email(i))
                        : sessions[thread].lookup("phone", data.phone(i));
                return found ? "200" : "404";
            });
            Row row = report(name, "JDBC, the server's whole lookup statement (customer, identifiers, consents, push)",
                    "q", result, null, null, null);
            ceilings.put(name, row);
            // the HTTP lookup of this size ran first: give it its ratio now
            for (int r = 0; r < rows.size(); r++) {
                Row http = rows.get(r);
                if (http.scenario().equals("lookup @" + label(size))) {
                    rows.set(r, new Row(http.scenario(), http.endpoint(), http.unit(), http.ops(), http.failed(),
                            http.seconds(), http.rate(), http.p50(), http.p99(), row.rate(), http.target(),
                            http.verdict(), http.cpu()));
                }
            }
        } finally {
            close(sessions);
        }
    }

    private void scaling(long small, long large) {
        Row a = find("lookup @" + label(small));
        Row b = find("lookup @" + label(large));
        if (a == null || b == null) {
            return;
        }
        double rateFactor = a.rate() / b.rate();
        double p99Factor = b.p99() / a.p99();
        notes.add(String.format(Locale.ROOT,
                "lookup scaling %s vs %s: throughput %.2fx lower, p50 %.2fx, p99 %.2fx (target: within 1.5x) -> %s",
                label(large), label(small), rateFactor, b.p50() / a.p50(), p99Factor,
                rateFactor <= 1.5 && p99Factor <= 1.5 ? "PASS" : "FAIL"));
    }

    // ---------------------------------------------------------------- table

    private Row report(String scenario, String endpoint, String unit, Load.Result result, String ceilingName,
                       String target, Boolean pass) {
        Row ceiling = ceilingName == null ? null : ceilings.get(ceilingName);
        if (!result.outcomes().keySet().stream().allMatch(o -> o.equals("200") || o.equals("201"))) {
            notes.add(scenario + ": outcomes " + result.outcomes());
        }
        return add(new Row(scenario, endpoint, unit, result.ok(), result.failed(), result.seconds(), result.rate(),
                result.p50(), result.p99(), ceiling == null ? null : ceiling.rate(), target == null ? "" : target,
                pass == null ? "" : pass ? "PASS" : "FAIL", cpu.since()));
    }

    private Row add(Row row) {
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %s: %,d %s in %.1f s = %,.0f/s, p50 %.1f ms, p99 %.1f ms%s%n", row.scenario(),
                row.ops(), row.unit(), row.seconds(), row.rate(), row.p50(), row.p99(),
                row.failed() > 0 ? ", " + row.failed() + " failed" : "");
        return row;
    }

    private Row find(String scenario) {
        return rows.stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElse(null);
    }

    private void print() {
        String format = "%-34s %-10s %8s %6s %7s %9s %8s %8s %10s %6s  %-28s %-7s %s%n";
        System.out.println();
        System.out.printf(Locale.ROOT, format, "scenario", "unit", "ops", "failed", "seconds", "ops/s", "p50 ms",
                "p99 ms", "ceiling/s", "ratio", "target", "verdict", "cpu-s client/server/db");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, format, row.scenario(), row.unit(), String.format("%,d", row.ops()),
                    row.failed(), String.format(Locale.ROOT, "%.1f", row.seconds()),
                    String.format(Locale.ROOT, "%,.0f", row.rate()), String.format(Locale.ROOT, "%.1f", row.p50()),
                    String.format(Locale.ROOT, "%.1f", row.p99()),
                    row.ceiling() == null ? "" : String.format(Locale.ROOT, "%,.0f", row.ceiling()),
                    row.ceiling() == null ? "" : String.format(Locale.ROOT, "%.2f", row.rate() / row.ceiling()),
                    row.target(), row.verdict(), row.cpu());
        }
        System.out.println();
        for (Row row : rows) {
            System.out.println("endpoint: " + row.scenario() + " -> " + row.endpoint());
        }
        notes.forEach(n -> System.out.println("note: " + n));
    }

    // ---------------------------------------------------------------- helpers

    private Db.Session[] sessions(int n, String tenantId) throws Exception {
        Db.Session[] sessions = new Db.Session[n];
        for (int i = 0; i < n; i++) {
            sessions[i] = db.new Session(tenantId);
        }
        return sessions;
    }

    private static void close(Db.Session[] sessions) {
        for (Db.Session session : sessions) {
            try {
                if (session != null) {
                    session.close();
                }
            } catch (Exception ignored) {
                // closing after the measurement
            }
        }
    }

    /** How often "outcome": "<value>" appears in a response (whitespace around the colon allowed). */
    private static int occurrences(String text, String member) {
        String value = member.substring(member.lastIndexOf(':') + 2, member.length() - 1);
        java.util.regex.Matcher matcher = java.util.regex.Pattern
                .compile("\"outcome\"\\s*:\\s*\"" + java.util.regex.Pattern.quote(value) + "\"").matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String label(long size) {
        return size % 1_000_000 == 0 ? size / 1_000_000 + "M" : size % 1000 == 0 ? size / 1000 + "k" : String.valueOf(size);
    }

    private String option(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + "= is required");
        }
        return value;
    }
}
