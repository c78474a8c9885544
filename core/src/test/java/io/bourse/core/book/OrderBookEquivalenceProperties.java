package io.bourse.core.book;

import static org.assertj.core.api.Assertions.assertThat;

import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** The fast book and the reference book must do exactly the same thing on any stream of commands. */
class OrderBookEquivalenceProperties {

    sealed interface Op {}

    record Place(long accountId, Side side, long price, long lots, TimeInForce timeInForce, boolean postOnly) implements Op {}

    record Cancel(int pick) implements Op {}

    record Reduce(int pick, long lots) implements Op {}

    record Amend(int pick, long price, long lots) implements Op {}

    record ExpireDay() implements Op {}

    @Property(tries = 1000)
    void fastBookMatchesTheReferenceBook(@ForAll("streams") @Size(max = 400) List<Op> ops) {
        OrderBook fast = new PriceTimeOrderBook();
        OrderBook reference = new ReferenceOrderBook();
        RecordingListener fastEvents = new RecordingListener();
        RecordingListener referenceEvents = new RecordingListener();
        List<Long> placed = new ArrayList<>();
        long nextId = 1;
        for (Op op : ops) {
            String fastOutcome;
            String referenceOutcome;
            switch (op) {
                case Place p -> {
                    long id = nextId++;
                    placed.add(id);
                    fastOutcome = fast.place(id, p.accountId(), 0, p.side(), p.price(), p.lots(), p.timeInForce(), p.postOnly(), fastEvents).name();
                    referenceOutcome = reference.place(id, p.accountId(), 0, p.side(), p.price(), p.lots(), p.timeInForce(), p.postOnly(), referenceEvents).name();
                }
                case Cancel c -> {
                    long id = pick(placed, c.pick());
                    fastOutcome = describe(fast.cancel(id));
                    referenceOutcome = describe(reference.cancel(id));
                }
                case Reduce r -> {
                    long id = pick(placed, r.pick());
                    fastOutcome = String.valueOf(fast.reduce(id, r.lots()));
                    referenceOutcome = String.valueOf(reference.reduce(id, r.lots()));
                }
                case Amend a -> {
                    long id = pick(placed, a.pick());
                    BookOrder resting = reference.find(id);
                    if (resting == null || a.lots() <= resting.filledLots()) {
                        continue;
                    }
                    fastOutcome = fast.amend(id, a.price(), a.lots(), fastEvents).name();
                    referenceOutcome = reference.amend(id, a.price(), a.lots(), referenceEvents).name();
                }
                case ExpireDay e -> {
                    fast.expireDayOrders(fastEvents);
                    reference.expireDayOrders(referenceEvents);
                    fastOutcome = referenceOutcome = "expired";
                }
            }
            assertThat(fastOutcome).as("outcome of %s", op).isEqualTo(referenceOutcome);
            assertThat(fastEvents.drain()).as("events of %s", op).isEqualTo(referenceEvents.drain());
            assertThat(fast.bestBidTicks()).isEqualTo(reference.bestBidTicks());
            assertThat(fast.bestAskTicks()).isEqualTo(reference.bestAskTicks());
            assertNotCrossed(fast);
        }
        assertThat(dump(fast)).isEqualTo(dump(reference));
        assertThat(levels(fast)).isEqualTo(levels(reference));
    }

    private static void assertNotCrossed(OrderBook book) {
        if (book.bestBidTicks() != 0 && book.bestAskTicks() != 0) {
            assertThat(book.bestBidTicks()).isLessThan(book.bestAskTicks());
        }
    }

    private static long pick(List<Long> placed, int pick) {
        return placed.isEmpty() ? 1 : placed.get(pick % placed.size());
    }

    private static String describe(BookOrder order) {
        return order == null ? "none" : order.orderId() + "/" + order.openLots();
    }

    private static List<String> dump(OrderBook book) {
        List<String> orders = new ArrayList<>();
        book.forEachOrder(o -> orders.add(o.orderId() + " " + o.side() + " " + o.priceTicks() + " " + o.totalLots() + " " + o.filledLots()));
        return orders;
    }

    private static List<String> levels(OrderBook book) {
        List<String> levels = new ArrayList<>();
        for (Side side : Side.values()) {
            book.forEachLevel(side, Integer.MAX_VALUE, (price, lots, count) -> levels.add(side + " " + price + " " + lots + " " + count));
        }
        return levels;
    }

    @Provide
    Arbitrary<List<Op>> streams() {
        Arbitrary<Op> place = Combinators.combine(
                Arbitraries.longs().between(1, 4),
                Arbitraries.of(Side.class),
                Arbitraries.longs().between(95, 105),
                Arbitraries.longs().between(1, 10),
                Arbitraries.of(TimeInForce.class),
                Arbitraries.of(true, false, false, false)).as(Place::new);
        Arbitrary<Op> cancel = Arbitraries.integers().between(0, 1000).map(Cancel::new);
        Arbitrary<Op> reduce = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(0, 10)).as(Reduce::new);
        Arbitrary<Op> amend = Combinators.combine(Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(95, 105),
                Arbitraries.longs().between(1, 12)).as(Amend::new);
        Arbitrary<Op> expire = Arbitraries.just(new ExpireDay());
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(10, place), net.jqwik.api.Tuple.of(2, cancel), net.jqwik.api.Tuple.of(2, reduce),
                net.jqwik.api.Tuple.of(4, amend), net.jqwik.api.Tuple.of(1, expire)).list();
    }
}
