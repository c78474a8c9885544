package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HistoryRingTest {
    /** Whatever the bound and however many records are added, the ring keeps the newest ones, oldest first, like a bounded deque. */
    @Property(tries = 300)
    void keepsTheNewestRecordsOldestFirst(@ForAll @IntRange(min = 1, max = 40) int bound, @ForAll @IntRange(max = 200) int added) {
        HistoryRing ring = new HistoryRing(2, bound);
        ArrayDeque<Long> expected = new ArrayDeque<>();
        for (long n = 0; n < added; n++) {
            int slot = ring.append();
            ring.set(slot, 0, n);
            ring.set(slot, 1, -n);
            if (expected.size() == bound) {
                expected.pollFirst();
            }
            expected.addLast(n);
        }
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            int slot = ring.slot(i);
            long n = ring.get(slot, 0);
            assertThat(ring.get(slot, 1)).isEqualTo(-n);
            kept.add(n);
        }
        assertThat(kept).containsExactlyElementsOf(expected);
    }

    /**
     * Appends and removals of the oldest, interleaved at random, with chunks of 2 to 16 records so
     * that rings grow chunk by chunk while wrapped at any offset: the ring always holds what a
     * bounded deque holds, in the same order, fields intact.
     */
    @Property(tries = 400)
    void growingChunkByChunkWhileWrappedKeepsEveryRecordInOrder(@ForAll @IntRange(min = 1, max = 4) int chunkShift,
                                                                @ForAll @IntRange(min = 1, max = 120) int bound,
                                                                @ForAll List<@IntRange(min = 0, max = 3) Integer> steps) {
        HistoryRing ring = new HistoryRing(3, bound, chunkShift);
        ArrayDeque<Long> expected = new ArrayDeque<>();
        long next = 0;
        for (int step : steps) {
            if (step == 0 && !expected.isEmpty()) {
                ring.removeOldest();
                expected.pollFirst();
            } else {
                long n = next++;
                int slot = ring.append();
                ring.set(slot, 0, n);
                ring.set(slot, 1, 2 * n);
                ring.set(slot, 2, -n);
                    if (expected.size() == bound) {
                    expected.pollFirst();
                }
                expected.addLast(n);
            }
            assertThat(ring.size()).isEqualTo(expected.size());
        }
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            int slot = ring.slot(i);
            long n = ring.get(slot, 0);
            assertThat(ring.get(slot, 1)).isEqualTo(2 * n);
            assertThat(ring.get(slot, 2)).isEqualTo(-n);
            kept.add(n);
        }
        assertThat(kept).containsExactlyElementsOf(expected);
    }

    @Test
    void aRingPastOneChunkHoldsEveryRecordAfterWrappingAndGrowing() {
        HistoryRing ring = new HistoryRing(1, 100_000, 3); // chunks of 8 records
        ArrayDeque<Long> expected = new ArrayDeque<>();
        for (long n = 0; n < 10_000; n++) {
            ring.set(ring.append(), 0, n);
            expected.addLast(n);
            if (n % 3 == 0) { // keeps the oldest moving, so growth happens while wrapped
                ring.removeOldest();
                expected.pollFirst();
            }
        }
        List<Long> kept = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++) {
            kept.add(ring.get(ring.slot(i), 0));
        }
        assertThat(kept).containsExactlyElementsOf(expected);
    }
}
