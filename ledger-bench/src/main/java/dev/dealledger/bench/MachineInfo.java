package dev.dealledger.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The machine and database a run measured, as the results must state them. */
public final class MachineInfo {

    static final List<String> PG_SETTINGS = List.of(
            "shared_buffers",
            "synchronous_commit",
            "fsync",
            "wal_level",
            "wal_buffers",
            "commit_delay",
            "max_wal_size",
            "checkpoint_timeout",
            "work_mem",
            "effective_cache_size",
            "max_connections",
            "random_page_cost");

    private MachineInfo() {}

    public static List<String> describe(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        lines.add("cores (nproc): " + Runtime.getRuntime().availableProcessors());
        lines.add("memory: " + memTotal());
        lines.add("cpu: " + cpuModel());
        lines.add("java (harness): " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT version()")) {
                rs.next();
                lines.add("postgresql: " + rs.getString(1));
            }
            StringBuilder settings = new StringBuilder("postgresql settings:");
            for (String name : PG_SETTINGS) {
                try (ResultSet rs = s.executeQuery("SELECT current_setting('" + name + "')")) {
                    rs.next();
                    settings.append(' ').append(name).append('=').append(rs.getString(1));
                }
            }
            lines.add(settings.toString());
        }
        lines.add("load average at start: " + loadAverage());
        return lines;
    }

    static String memTotal() {
        return firstLine(Path.of("/proc/meminfo"), "MemTotal:");
    }

    static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name");
    }

    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String firstLine(Path file, String prefix) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(prefix)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown";
    }
}
