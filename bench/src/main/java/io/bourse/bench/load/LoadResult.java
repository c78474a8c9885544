package io.bourse.bench.load;

import java.util.List;
import java.util.Map;

/**
 * What one run measured. Latencies in microseconds; in open-loop runs they count from the moment
 * each request was due, not when it was sent, so a stalled system is charged for the requests it
 * kept waiting (no coordinated omission).
 *
 * @param latencyByOperation the same percentiles per kind of request (a "quote", a "portfolio"),
 *     over the answered ones, expected rejections included: a mix's total hides which part is slow
 */
public record LoadResult(String system, String scenario, String mode, double offeredRate, double durationSeconds,
                         long completed, long errors, double throughput, Percentiles latency,
                         Map<String, Long> errorsByType, Map<String, Long> operations, Map<String, Percentiles> latencyByOperation,
                         List<Second> timeline) {

    /** Latency percentiles in microseconds, over {@code count} answered requests. */
    public record Percentiles(long count, long p50, long p90, long p99, long p999, long max) {
        static Percentiles of(org.HdrHistogram.Histogram histogram) {
            return new Percentiles(histogram.getTotalCount(), histogram.getValueAtPercentile(50), histogram.getValueAtPercentile(90),
                    histogram.getValueAtPercentile(99), histogram.getValueAtPercentile(99.9), histogram.getMaxValue());
        }
    }

    /** One second of the run. */
    public record Second(int second, long completed, long errors, long p50Micros, long p99Micros) {}

    public boolean hasUnexpectedErrors() {
        return errors > 0;
    }
}
