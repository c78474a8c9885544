package io.bourse.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one run measured. Latencies in microseconds; in open-loop runs they count from the moment
 * each request was due, not when it was sent, so a stalled system is charged for the requests it
 * kept waiting (no coordinated omission).
 */
public record LoadResult(String system, String scenario, String mode, double offeredRate, double durationSeconds,
                         long completed, long errors, double throughput, Percentiles latency,
                         Map<String, Long> errorsByType, Map<String, Long> operations, List<Second> timeline) {

    /** Latency percentiles in microseconds. */
    public record Percentiles(long p50, long p90, long p99, long p999, long max) {}

    /** One second of the run. */
    public record Second(int second, long completed, long errors, long p50Micros, long p99Micros) {}

    public boolean hasUnexpectedErrors() {
        return errors > 0;
    }
}
