package io.clientele.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * CPU seconds spent during a measured step by this load generator, the server and the database process. On a
 * shared 2-core box they compete with each other and with everything else; these figures say who used what.
 */
final class Cpu {

    private static final double TICKS = 100.0; // USER_HZ on Linux

    private final long serverPid;
    private final long dbPid;
    private volatile double[] mark = new double[3];

    Cpu(long serverPid, long dbPid) {
        this.serverPid = serverPid;
        this.dbPid = dbPid;
    }

    /** The next measured step starts after a warm-up: the mark is taken when the warm-up is over. */
    void warmupThenMark(double warmup) {
        if (warmup <= 0) {
            mark = now();
            return;
        }
        mark = now();
        Thread marker = new Thread(() -> {
            try {
                Thread.sleep((long) (warmup * 1000));
            } catch (InterruptedException e) {
                return;
            }
            mark = now();
        }, "cpu-mark");
        marker.setDaemon(true);
        marker.start();
    }

    void markIfFirst(int round) {
        if (round == 0) {
            mark = now();
        }
    }

    String since() {
        double[] end = now();
        return String.format(Locale.ROOT, "%.1f/%s/%s", end[0] - mark[0],
                serverPid > 0 ? String.format(Locale.ROOT, "%.1f", end[1] - mark[1]) : "-",
                dbPid > 0 ? String.format(Locale.ROOT, "%.1f", end[2] - mark[2]) : "-");
    }

    private double[] now() {
        double client = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
        return new double[]{client, process(serverPid), process(dbPid)};
    }

    private static double process(long pid) {
        if (pid <= 0) {
            return 0;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // fields after the name: state is [0], utime [11], stime [12]
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        } catch (Exception e) {
            return 0;
        }
    }
}
