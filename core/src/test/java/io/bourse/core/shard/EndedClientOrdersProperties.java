package io.bourse.core.shard;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.OrderType;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import io.bourse.core.shard.Command.PlaceOrder;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The packed ring and its hash table behave like a simple queue of entries searched one by one. */
class EndedClientOrdersProperties {
    @Property(tries = 200)
    void findsExactlyWhatAPlainQueueHolds(@ForAll long seed, @ForAll @IntRange(min = 1, max = 600) int steps) {
        Random random = new Random(seed);
        EndedClientOrders packed = new EndedClientOrders();
        ArrayDeque<ClientOrderIndex.Entry> model = new ArrayDeque<>();
        long orderIds = 1;
        for (int step = 0; step < steps; step++) {
            // Few accounts and short ids: many near-collisions in the table.
            long account = 1 + random.nextInt(5);
            String id = "c" + random.nextInt(40);
            if (random.nextInt(4) == 0 && !model.isEmpty()) {
                packed.removeOldest();
                model.pollFirst();
            } else if (find(model, account, id) == null) {
                PlaceOrder request = new PlaceOrder(account, id, 1 + random.nextInt(3), Side.values()[random.nextInt(2)],
                        OrderType.values()[random.nextInt(OrderType.values().length)],
                        TimeInForce.values()[random.nextInt(TimeInForce.values().length)], random.nextInt(100_000),
                        random.nextInt(100_000), 1 + random.nextInt(1_000), random.nextBoolean());
                long orderId = orderIds++;
                long endedAt = step;
                packed.append(request, orderId, endedAt);
                ClientOrderIndex.Entry entry = new ClientOrderIndex.Entry(request, orderId);
                entry.endedAtMillis = endedAt;
                model.addLast(entry);
            }
            assertThat(packed.size()).isEqualTo(model.size());
            for (long a = 1; a <= 5; a++) {
                for (int c = 0; c < 40; c += 7) {
                    assertSame(packed.find(a, "c" + c), find(model, a, "c" + c));
                }
            }
        }
        List<ClientOrderIndex.Entry> all = new ArrayList<>();
        packed.forEachOldestFirst(all::add);
        assertThat(all).hasSize(model.size());
        int i = 0;
        for (ClientOrderIndex.Entry expected : model) {
            assertSame(all.get(i++), expected);
        }
        if (!model.isEmpty()) {
            assertThat(packed.oldestEndedAtMillis()).isEqualTo(model.peekFirst().endedAtMillis);
        }
    }

    private static ClientOrderIndex.Entry find(ArrayDeque<ClientOrderIndex.Entry> model, long account, String id) {
        for (ClientOrderIndex.Entry entry : model) {
            if (entry.request.accountId() == account && entry.request.clientOrderId().equals(id)) {
                return entry;
            }
        }
        return null;
    }

    private static void assertSame(ClientOrderIndex.Entry actual, ClientOrderIndex.Entry expected) {
        if (expected == null) {
            assertThat(actual).isNull();
            return;
        }
        assertThat(actual).isNotNull();
        assertThat(actual.request).isEqualTo(expected.request);
        assertThat(actual.orderId).isEqualTo(expected.orderId);
        assertThat(actual.endedAtMillis).isEqualTo(expected.endedAtMillis);
    }
}
