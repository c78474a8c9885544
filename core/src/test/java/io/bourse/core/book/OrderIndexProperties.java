package io.bourse.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.Side;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** The book's hand-written id index behaves like a HashMap under any mix of puts and removes. */
class OrderIndexProperties {

    @Property(tries = 300)
    void behavesLikeAHashMap(@ForAll @Size(max = 3_000) List<@LongRange(min = -1_500, max = 1_500) Long> operations) {
        OrderIndex index = new OrderIndex();
        Map<Long, BookOrder> expected = new HashMap<>();
        for (long operation : operations) {
            long id = Math.abs(operation) * 1_099_511_627_776L + Math.abs(operation) % 7; // sparse, shard-style ids
            if (operation < 0 || expected.containsKey(id) && operation % 3 == 0) {
                assertThat(index.remove(id)).isSameAs(expected.remove(id));
            } else {
                BookOrder order = new BookOrder(id, 1, 0, Side.BUY, false, 1, 1, 0);
                index.put(id, order);
                expected.put(id, order);
            }
            assertThat(index.size()).isEqualTo(expected.size());
        }
        for (Map.Entry<Long, BookOrder> entry : expected.entrySet()) {
            assertThat(index.get(entry.getKey())).isSameAs(entry.getValue());
        }
        assertThat(index.get(123_456_789L)).isNull();
    }
}
