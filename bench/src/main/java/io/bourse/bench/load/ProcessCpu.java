package io.bourse.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The CPU time of the processes taking part in a run, by name: read once before and once after,
 * the difference is what each spent on the run. A process may be counted with its descendants
 * (PostgreSQL serves each connection from a child of its postmaster).
 */
final class ProcessCpu {
    private record Counted(ProcessHandle process, boolean withDescendants) {}

    private final Map<String, Counted> processes = new LinkedHashMap<>();

    ProcessCpu add(String name, ProcessHandle process, boolean withDescendants) {
        processes.put(name, new Counted(process, withDescendants));
        return this;
    }

    /** CPU seconds each process has used so far, in the order they were added. */
    Map<String, Double> read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        processes.forEach((name, counted) -> {
            double total = seconds(counted.process());
            if (counted.withDescendants()) {
                for (ProcessHandle child : counted.process().descendants().toList()) {
                    total += seconds(child);
                }
            }
            seconds.put(name, total);
        });
        return seconds;
    }

    /** What each process used between two readings. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((name, seconds) -> used.put(name, seconds - before.getOrDefault(name, 0.0)));
        return used;
    }

    private static double seconds(ProcessHandle process) {
        return secondsOf(process).orElse(0);
    }

    /** CPU seconds {@code process} has used so far, or empty where the OS does not tell. */
    static OptionalDouble secondsOf(ProcessHandle process) {
        return process.info().totalCpuDuration().map(used -> OptionalDouble.of(used.toNanos() / 1e9)).orElse(OptionalDouble.empty());
    }
}
