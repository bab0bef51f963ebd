package io.clientele.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** A closed-loop load: N threads each send the next operation as soon as the previous one answered. */
final class Load {

    /** One operation; returns an outcome label ("200", "201", "404", …); ok decides whether it counts as served. */
    interface Op {
        String call(int thread, ThreadLocalRandom random) throws Exception;
    }

    record Result(long ok, long failed, double seconds, Histogram latency, Map<String, Long> outcomes) {
        double rate() {
            return ok / seconds;
        }

        double p50() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(50) / 1e6;
        }

        double p99() {
            return latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1e6;
        }
    }

    private Load() {
    }

    /** Runs for warm-up seconds (not recorded), then for duration seconds (recorded). */
    static Result forDuration(int threads, double warmupSeconds, double seconds, java.util.function.Predicate<String> ok,
                              Op op) throws InterruptedException {
        if (warmupSeconds > 0) {
            run(threads, (long) (warmupSeconds * 1e9), Long.MAX_VALUE, ok, op);
        }
        return run(threads, (long) (seconds * 1e9), Long.MAX_VALUE, ok, op);
    }

    /** Runs exactly count operations spread over the threads (no warm-up). */
    static Result forCount(int threads, long count, java.util.function.Predicate<String> ok, Op op)
            throws InterruptedException {
        return run(threads, Long.MAX_VALUE, count, ok, op);
    }

    private static Result run(int threads, long nanos, long count, java.util.function.Predicate<String> ok, Op op)
            throws InterruptedException {
        List<Histogram> histograms = new ArrayList<>();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder served = new LongAdder();
        LongAdder failed = new LongAdder();
        AtomicLong remaining = new AtomicLong(count);
        List<Thread> workers = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
        for (int t = 0; t < threads; t++) {
            Histogram histogram = new Histogram(60_000_000_000L, 3);
            histograms.add(histogram);
            int index = t;
            Thread worker = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline && (count == Long.MAX_VALUE || remaining.decrementAndGet() >= 0)) {
                    long t0 = System.nanoTime();
                    String outcome;
                    try {
                        outcome = op.call(index, random);
                    } catch (Exception e) {
                        outcome = e.getClass().getSimpleName();
                    }
                    long elapsed = System.nanoTime() - t0;
                    histogram.recordValue(Math.min(elapsed, 60_000_000_000L));
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    if (ok.test(outcome)) {
                        served.increment();
                    } else {
                        failed.increment();
                    }
                }
            }, "load-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Histogram all = new Histogram(60_000_000_000L, 3);
        histograms.forEach(all::add);
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        return new Result(served.sum(), failed.sum(), seconds, all, counted);
    }
}
