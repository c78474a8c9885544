package io.bourse.bench.load;

import io.bourse.bench.load.CompareCommand.RunPair;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * A comparison's figures over its rounds: per size, the median of each system's orders/s and p99,
 * and the median of the rounds' ratios (each Bourse run against the baseline run of its own round
 * and size), with the lowest and highest; and the median of every ratio of the comparison.
 *
 * @param medianRatio the median of every pair's ratio, all sizes and rounds together (0 with no pair)
 */
record CompareSummary(List<Size> sizes, double medianRatio) {

    /** One size (API servers against gateways) over the rounds it was measured in; latencies in milliseconds. */
    record Size(int instances, int pairs, double bourseOrdersPerSecond, double baselineOrdersPerSecond,
                double medianRatio, double lowestRatio, double highestRatio, double bourseP99Millis, double baselineP99Millis) {}

    static CompareSummary of(List<RunPair> pairs) {
        Map<Integer, List<RunPair>> bySize = new TreeMap<>();
        pairs.forEach(pair -> bySize.computeIfAbsent(pair.bourse().instances(), n -> new ArrayList<>()).add(pair));
        List<Size> sizes = new ArrayList<>();
        bySize.forEach((instances, ofSize) -> sizes.add(new Size(instances, ofSize.size(),
                median(ofSize, pair -> pair.bourse().result().throughput()),
                median(ofSize, pair -> pair.baseline().result().throughput()),
                median(ofSize, RunPair::ratio),
                ofSize.stream().mapToDouble(RunPair::ratio).min().orElseThrow(),
                ofSize.stream().mapToDouble(RunPair::ratio).max().orElseThrow(),
                median(ofSize, pair -> pair.bourse().result().latency().p99() / 1_000.0),
                median(ofSize, pair -> pair.baseline().result().latency().p99() / 1_000.0))));
        return new CompareSummary(sizes, pairs.isEmpty() ? 0 : median(pairs, RunPair::ratio));
    }

    /** The middle value, or the mean of the two middle values of an even count; {@code values} must not be empty. */
    static <T> double median(List<T> values, ToDoubleFunction<T> of) {
        double[] sorted = values.stream().mapToDouble(of).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    void print(PrintStream out) {
        out.printf("%nMedians over the rounds (each ratio is a round's Bourse run against that round's baseline run):%n");
        out.printf("%-9s %6s %16s %16s %12s %16s %12s %14s%n", "instances", "rounds", "Bourse orders/s", "base orders/s",
                "Bourse/base", "lowest-highest", "p99 Bourse", "p99 baseline");
        for (Size size : sizes) {
            String range = String.format(Locale.ROOT, "%.2fx-%.2fx", size.lowestRatio(), size.highestRatio());
            out.printf(Locale.ROOT, "%-9d %6d %16.0f %16.0f %11.2fx %16s %9.1f ms %11.1f ms%n", size.instances(), size.pairs(),
                    size.bourseOrdersPerSecond(), size.baselineOrdersPerSecond(), size.medianRatio(), range,
                    size.bourseP99Millis(), size.baselineP99Millis());
        }
        out.printf(Locale.ROOT, "Median of all %d ratios: %.2fx%n", sizes.stream().mapToInt(Size::pairs).sum(), medianRatio);
    }
}
