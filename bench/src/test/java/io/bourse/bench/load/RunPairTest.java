package io.bourse.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.bench.load.CompareCommand.Row;
import io.bourse.bench.load.CompareCommand.RunPair;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which baseline run each Bourse run of `bench compare` is set against. */
class RunPairTest {
    @Test
    void eachSizeIsSetAgainstTheBaselineOfThatSize() {
        List<RunPair> pairs = RunPair.of(List.of(row("baseline", 1, 1_000), row("baseline", 2, 900), row("baseline", 4, 800),
                row("bourse", 1, 6_000), row("bourse", 2, 5_400), row("bourse", 4, 4_000)));

        assertThat(pairs).extracting(pair -> pair.bourse().instances()).containsExactly(1, 2, 4);
        assertThat(pairs).extracting(RunPair::ratio).containsExactly(6.0, 6.0, 5.0);
    }

    @Test
    void aRepeatedSizeIsSetAgainstTheBaselineRunOfTheSameTurn() {
        List<RunPair> pairs = RunPair.of(List.of(row("baseline", 1, 750), row("baseline", 1, 1_000), row("baseline", 1, 1_200),
                row("bourse", 1, 7_500), row("bourse", 1, 7_000), row("bourse", 1, 6_000)));

        assertThat(pairs).extracting(RunPair::ratio).containsExactly(10.0, 7.0, 5.0);
    }

    @Test
    void aBourseRunWithoutABaselineOfItsSizeIsLeftUnpaired() {
        List<RunPair> pairs = RunPair.of(List.of(row("baseline", 1, 1_000), row("bourse", 1, 6_000), row("bourse", 2, 5_000),
                row("bourse", 1, 6_500)));

        assertThat(pairs).extracting(pair -> pair.bourse().result().throughput()).containsExactly(6_000.0);
    }

    @Test
    void inEveryRoundEachRunIsSetAgainstTheBaselineOfItsOwnRound() {
        // The second round measured Bourse first; its runs still pair with the second round's baseline.
        List<RunPair> pairs = RunPair.of(List.of(row("baseline", 1, 1, 1_000), row("baseline", 2, 1, 900),
                row("bourse", 1, 1, 8_000), row("bourse", 2, 1, 9_000),
                row("bourse", 1, 2, 6_000), row("bourse", 2, 2, 7_200),
                row("baseline", 1, 2, 500), row("baseline", 2, 2, 800)));

        assertThat(pairs).extracting(pair -> pair.bourse().round() + "/" + pair.bourse().instances() + "/" + pair.baseline().round())
                .containsExactly("1/1/1", "1/2/1", "2/1/2", "2/2/2");
        assertThat(pairs).extracting(RunPair::ratio).containsExactly(8.0, 10.0, 12.0, 9.0);
    }

    private static Row row(String system, int instances, double ordersPerSecond) {
        return row(system, instances, 1, ordersPerSecond);
    }

    static Row row(String system, int instances, int round, double ordersPerSecond) {
        LoadResult result = new LoadResult(system, "order-entry", "closed", 256, 30, (long) (ordersPerSecond * 30), 0, ordersPerSecond,
                new LoadResult.Percentiles(100, 1, 2, 3, 4, 5), Map.of(), Map.of(), Map.of(), List.of());
        return new Row(system, instances, round, result, Map.of("load generator and servers", 1.0));
    }
}
