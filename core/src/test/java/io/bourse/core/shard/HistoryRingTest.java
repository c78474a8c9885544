package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HistoryRingTest {
    /** Whatever the bound and however many records are added, the ring keeps the newest ones, oldest first, like a bounded deque. */
    @Property(tries = 300)
    void keepsTheNewestRecordsOldestFirst(@ForAll @IntRange(min = 1, max = 40) int bound, @ForAll @IntRange(max = 200) int added) {
        HistoryRing ring = new HistoryRing(2, bound, true);
        ArrayDeque<Long> expected = new ArrayDeque<>();
        for (long n = 0; n < added; n++) {
            int slot = ring.append();
            ring.set(slot, 0, n);
            ring.set(slot, 1, -n);
            ring.setString(slot, "r" + n);
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
            assertThat(ring.string(slot)).isEqualTo("r" + n);
            kept.add(n);
        }
        assertThat(kept).containsExactlyElementsOf(expected);
    }
}
