package dev.dealledger.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where the CPU went during one phase, from /proc: each service process, all postgres processes, this harness, and the
 * whole machine (which shows how much of it other work on a shared machine took). In cores: 1.0 is one core busy.
 */
public final class CpuSampler {

    private static final double TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> startTicks = new LinkedHashMap<>();
    private long startPostgres;
    private long startMachineBusy;
    private long startNanos;

    public CpuSampler with(String name, long pid) {
        pids.put(name, pid);
        return this;
    }

    public CpuSampler start() {
        pids.put("harness", ProcessHandle.current().pid());
        pids.forEach((name, pid) -> startTicks.put(name, processTicks(pid)));
        startPostgres = postgresTicks();
        startMachineBusy = machineBusyTicks();
        startNanos = System.nanoTime();
        return this;
    }

    /** "command 1.21, query 0.30, postgres 0.45, harness 0.20, machine 1.98 of 2 cores busy". */
    public String stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder out = new StringBuilder();
        pids.forEach((name, pid) -> out.append(String.format(
                Locale.ROOT,
                "%s %.2f, ",
                name,
                (processTicks(pid) - startTicks.get(name)) / TICKS_PER_SECOND / seconds)));
        out.append(String.format(
                Locale.ROOT, "postgres %.2f, ", (postgresTicks() - startPostgres) / TICKS_PER_SECOND / seconds));
        out.append(String.format(
                Locale.ROOT,
                "machine %.2f of %d cores busy",
                (machineBusyTicks() - startMachineBusy) / TICKS_PER_SECOND / seconds,
                Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }

    /** utime + stime of one process (fields 14 and 15 of /proc/pid/stat, after the command name). */
    static long processTicks(long pid) {
        try {
            return ticksOfStatLine(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long ticksOfStatLine(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // f[0] is field 3 (state); utime is field 14, stime field 15.
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long postgresTicks() {
        long total = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path p : procs) {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    if (stat.contains("(postgres)")) {
                        total += ticksOfStatLine(stat);
                    }
                } catch (IOException | RuntimeException e) {
                    // gone meanwhile
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return total;
    }

    /** Busy ticks of all cores: the first line of /proc/stat, less idle and iowait. */
    private static long machineBusyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
