package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.bench.load.CompareCommand.Row;
import io.bourse.bench.load.CompareCommand.RunPair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The medians `bench compare --rounds` prints: per size over its rounds, and over every ratio. */
class CompareSummaryTest {
    @Test
    void eachSizeGetsTheMedianOfItsRoundsAndTheirRange() {
        CompareSummary summary = CompareSummary.of(RunPair.of(List.of(
                row("baseline", 1, 1, 1_000, 900), row("bourse", 1, 1, 8_000, 100),
                row("bourse", 1, 2, 6_000, 120), row("baseline", 1, 2, 500, 1_500),
                row("baseline", 1, 3, 800, 1_000), row("bourse", 1, 3, 7_200, 90),
                row("baseline", 4, 1, 1_000, 700), row("bourse", 4, 1, 5_000, 140))));

        assertThat(summary.sizes()).hasSize(2);
        CompareSummary.Size one = summary.sizes().get(0);
        assertThat(one.instances()).isEqualTo(1);
        assertThat(one.pairs()).isEqualTo(3);
        assertThat(one.medianRatio()).isEqualTo(9.0); // ratios 8, 12 and 9: the median is one round's own ratio
        assertThat(one.lowestRatio()).isEqualTo(8.0);
        assertThat(one.highestRatio()).isEqualTo(12.0);
        assertThat(one.bourseOrdersPerSecond()).isEqualTo(7_200.0);
        assertThat(one.baselineOrdersPerSecond()).isEqualTo(800.0);
        assertThat(one.bourseP99Millis()).isEqualTo(100.0);
        assertThat(one.baselineP99Millis()).isEqualTo(1_000.0);
        assertThat(summary.sizes().get(1).medianRatio()).isEqualTo(5.0);
        assertThat(summary.medianRatio()).isEqualTo(8.5); // 5, 8, 9, 12: the mean of the middle two
    }

    @Test
    void withoutPairsThereIsNothingToSummarize() {
        CompareSummary summary = CompareSummary.of(RunPair.of(List.of(row("bourse", 1, 1, 8_000, 100), row("bourse", 1, 2, 7_000, 100))));

        assertThat(summary.sizes()).isEmpty();
        assertThat(summary.medianRatio()).isZero();
    }

    @Test
    void thePrintedTableNamesEverySizeAndTheOverallMedian() {
        CompareSummary summary = CompareSummary.of(RunPair.of(List.of(row("baseline", 2, 1, 1_000, 900), row("bourse", 2, 1, 10_500, 95))));
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("10.50x-10.50x")
                .contains("95.0 ms")
                .contains("Median of all 1 ratios: 10.50x");
    }

    private static Row row(String system, int instances, int round, double ordersPerSecond, long p99Millis) {
        LoadResult result = new LoadResult(system, "order-entry", "closed", 256, 30, (long) (ordersPerSecond * 30), 0, ordersPerSecond,
                new LoadResult.Percentiles(100, 1, 2, p99Millis * 1_000, 4, 5), Map.of(), Map.of(), Map.of(), List.of());
        return new Row(system, instances, round, result, Map.of("load generator and servers", 1.0));
    }
}
