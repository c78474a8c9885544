package io.bourse.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/**
 * A book side's sorted levels behave like a sorted map of price to level under any mix of
 * openings and removals, on either side: found where they are, absent where they are not, best first.
 */
class BookSideProperties {

    @Property(tries = 300)
    void bidsBehaveLikeASortedMap(@ForAll @Size(max = 2_000) List<@LongRange(min = -300, max = 300) Long> operations) {
        check(true, operations);
    }

    @Property(tries = 300)
    void asksBehaveLikeASortedMap(@ForAll @Size(max = 2_000) List<@LongRange(min = -300, max = 300) Long> operations) {
        check(false, operations);
    }

    /** A positive operation opens the level at that price (or finds it); a negative one removes the level at minus it, if any. */
    private static void check(boolean bids, List<Long> operations) {
        BookSide side = new BookSide(bids);
        Comparator<Long> bestFirst = bids ? Comparator.reverseOrder() : Comparator.naturalOrder();
        NavigableMap<Long, PriceLevel> expected = new TreeMap<>(bestFirst);
        for (long operation : operations) {
            long price = Math.abs(operation) + 1;
            if (operation >= 0) {
                PriceLevel level = side.levelAtOrCreate(price);
                PriceLevel known = expected.putIfAbsent(price, level);
                assertThat(level).isSameAs(known == null ? level : known);
                assertThat(level.priceTicks).isEqualTo(price);
            } else {
                PriceLevel level = expected.remove(price);
                if (level != null) {
                    side.remove(level);
                }
            }
            long probe = Math.floorMod(operation * 7, 303) + 1;
            assertThat(side.levelAt(probe)).isSameAs(expected.get(probe));
        }
        assertThat(side.levelCount()).isEqualTo(expected.size());
        List<PriceLevel> levels = new ArrayList<>();
        for (int i = 0; i < side.levelCount(); i++) {
            levels.add(side.fromBest(i));
        }
        assertThat(levels).containsExactlyElementsOf(expected.values());
        assertThat(side.best()).isSameAs(expected.isEmpty() ? null : expected.firstEntry().getValue());
        for (long price = 0; price <= 303; price++) {
            assertThat(side.levelAt(price)).isSameAs(expected.get(price));
        }
    }
}
