package io.bourse.core.book;

import static io.bourse.core.order.Side.BUY;
import static io.bourse.core.order.Side.SELL;
import static io.bourse.core.order.TimeInForce.DAY;
import static io.bourse.core.order.TimeInForce.FILL_OR_KILL;
import static io.bourse.core.order.TimeInForce.GOOD_TILL_CANCELED;
import static io.bourse.core.order.TimeInForce.IMMEDIATE_OR_CANCEL;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The matching rules every order book implementation must follow. */
class OrderBookContractTest {
    private static final long ALICE = 1;
    private static final long BOB = 2;
    private static final long CAROL = 3;

    static Stream<Supplier<OrderBook>> books() {
        return Stream.of(PriceTimeOrderBook::new, ReferenceOrderBook::new);
    }

    private final RecordingListener listener = new RecordingListener();

    @ParameterizedTest
    @MethodSource("books")
    void restsWhenNothingCrosses(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        assertThat(book.place(1, ALICE, 0, BUY, 100, 5, GOOD_TILL_CANCELED, false, listener)).isEqualTo(Placement.RESTED);
        assertThat(book.place(2, BOB, 0, SELL, 101, 5, GOOD_TILL_CANCELED, false, listener)).isEqualTo(Placement.RESTED);
        assertThat(book.bestBidTicks()).isEqualTo(100);
        assertThat(book.bestAskTicks()).isEqualTo(101);
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("books")
    void bestPriceFirstThenOldestFirstAtTheMakersPrice(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 102, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(2, BOB, 0, SELL, 101, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(3, ALICE, 0, SELL, 101, 5, GOOD_TILL_CANCELED, false, listener);

        assertThat(book.place(4, CAROL, 0, BUY, 102, 12, IMMEDIATE_OR_CANCEL, false, listener)).isEqualTo(Placement.FILLED);
        assertThat(listener.drain()).containsExactly(
                "trade maker=2 taker=4 price=101 lots=5 makerOpen=0",
                "trade maker=3 taker=4 price=101 lots=5 makerOpen=0",
                "trade maker=1 taker=4 price=102 lots=2 makerOpen=3");
        assertThat(book.find(1).openLots()).isEqualTo(3);
        assertThat(book.restingOrderCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("books")
    void partialFillRestsTheRemainder(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);
        assertThat(book.place(2, BOB, 0, BUY, 100, 10, DAY, false, listener)).isEqualTo(Placement.RESTED);
        assertThat(book.find(2).filledLots()).isEqualTo(3);
        assertThat(book.find(2).openLots()).isEqualTo(7);
        assertThat(book.bestBidTicks()).isEqualTo(100);
        assertThat(book.bestAskTicks()).isZero();
    }

    @ParameterizedTest
    @MethodSource("books")
    void immediateOrCancelNeverRests(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);
        assertThat(book.place(2, BOB, 0, BUY, 100, 10, IMMEDIATE_OR_CANCEL, false, listener)).isEqualTo(Placement.REMAINDER_CANCELED);
        assertThat(book.restingOrderCount()).isZero();
        assertThat(book.place(3, BOB, 0, BUY, 100, 10, IMMEDIATE_OR_CANCEL, false, listener)).isEqualTo(Placement.REMAINDER_CANCELED);
    }

    @ParameterizedTest
    @MethodSource("books")
    void fillOrKillTradesInFullOrNotAtAll(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);
        book.place(2, ALICE, 0, SELL, 101, 3, GOOD_TILL_CANCELED, false, listener);

        assertThat(book.place(3, BOB, 0, BUY, 100, 4, FILL_OR_KILL, false, listener)).isEqualTo(Placement.KILLED);
        assertThat(listener.drain()).isEmpty();
        assertThat(book.restingOrderCount()).isEqualTo(2);

        assertThat(book.place(4, BOB, 0, BUY, 101, 6, FILL_OR_KILL, false, listener)).isEqualTo(Placement.FILLED);
        assertThat(listener.drain()).hasSize(2);
    }

    @ParameterizedTest
    @MethodSource("books")
    void fillOrKillDoesNotCountTheTakersOwnOrders(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, BOB, 0, SELL, 100, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(2, ALICE, 0, SELL, 100, 5, GOOD_TILL_CANCELED, false, listener);
        assertThat(book.place(3, BOB, 0, BUY, 100, 6, FILL_OR_KILL, false, listener)).isEqualTo(Placement.KILLED);
        assertThat(book.restingOrderCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("books")
    void postOnlyIsRefusedWhenItWouldTrade(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);
        assertThat(book.place(2, BOB, 0, BUY, 100, 1, GOOD_TILL_CANCELED, true, listener)).isEqualTo(Placement.POST_ONLY_REJECTED);
        assertThat(book.place(3, BOB, 0, BUY, 99, 1, GOOD_TILL_CANCELED, true, listener)).isEqualTo(Placement.RESTED);
        assertThat(listener.events).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("books")
    void selfTradePreventionCancelsTheRestingOrder(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);
        book.place(2, BOB, 0, SELL, 100, 3, GOOD_TILL_CANCELED, false, listener);

        assertThat(book.place(3, ALICE, 0, BUY, 100, 5, GOOD_TILL_CANCELED, false, listener)).isEqualTo(Placement.RESTED);
        assertThat(listener.drain()).containsExactly(
                "removed 1 SELF_TRADE_PREVENTED",
                "trade maker=2 taker=3 price=100 lots=3 makerOpen=0");
        assertThat(book.find(3).openLots()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("books")
    void reducingQuantityKeepsPriority(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(2, BOB, 0, SELL, 100, 5, GOOD_TILL_CANCELED, false, listener);

        assertThat(book.reduce(1, 2)).isTrue();
        assertThat(book.reduce(1, 2)).isFalse();
        assertThat(book.reduce(1, 0)).isFalse();
        book.place(3, CAROL, 0, BUY, 100, 3, IMMEDIATE_OR_CANCEL, false, listener);
        assertThat(listener.drain()).containsExactly(
                "trade maker=1 taker=3 price=100 lots=2 makerOpen=0",
                "trade maker=2 taker=3 price=100 lots=1 makerOpen=4");
    }

    @ParameterizedTest
    @MethodSource("books")
    void changingPriceLosesPriorityAndMayTrade(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, SELL, 100, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(2, BOB, 0, SELL, 101, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(3, CAROL, 0, BUY, 98, 4, GOOD_TILL_CANCELED, false, listener);

        // Alice moves away and back: now behind Bob at 101.
        assertThat(book.amend(1, 101, 5, listener)).isEqualTo(Placement.RESTED);
        book.place(4, CAROL, 0, BUY, 101, 6, IMMEDIATE_OR_CANCEL, false, listener);
        assertThat(listener.drain()).containsExactly(
                "trade maker=2 taker=4 price=101 lots=5 makerOpen=0",
                "trade maker=1 taker=4 price=101 lots=1 makerOpen=4");

        // Alice crosses Carol's bid by re-pricing: trades as a taker at Carol's price, then rests the rest.
        assertThat(book.amend(1, 98, 6, listener)).isEqualTo(Placement.RESTED);
        assertThat(listener.drain()).containsExactly("trade maker=3 taker=1 price=98 lots=4 makerOpen=0");
        assertThat(book.find(1).filledLots()).isEqualTo(5);
        assertThat(book.find(1).openLots()).isEqualTo(1);
        assertThat(book.bestAskTicks()).isEqualTo(98);
        assertThat(book.amend(99, 98, 5, listener)).isEqualTo(Placement.UNKNOWN_ORDER);
    }

    @ParameterizedTest
    @MethodSource("books")
    void cancelRemovesOnlyThatOrder(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, BUY, 100, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(2, BOB, 0, BUY, 100, 5, GOOD_TILL_CANCELED, false, listener);
        assertThat(book.cancel(1).openLots()).isEqualTo(5);
        assertThat(book.cancel(1)).isNull();
        assertThat(book.restingOrderCount()).isEqualTo(1);
        assertThat(book.bestBidTicks()).isEqualTo(100);
        book.cancel(2);
        assertThat(book.bestBidTicks()).isZero();
    }

    @ParameterizedTest
    @MethodSource("books")
    void dayOrdersExpireAndGoodTillCanceledStay(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, BUY, 100, 5, DAY, false, listener);
        book.place(2, BOB, 0, BUY, 101, 5, GOOD_TILL_CANCELED, false, listener);
        book.place(3, CAROL, 0, SELL, 105, 5, DAY, false, listener);
        book.expireDayOrders(listener);
        assertThat(listener.drain()).containsExactly("removed 1 DAY_ENDED", "removed 3 DAY_ENDED");
        assertThat(book.restingOrderCount()).isEqualTo(1);
        assertThat(book.bestBidTicks()).isEqualTo(101);
    }

    @ParameterizedTest
    @MethodSource("books")
    void levelsAreReportedBestFirst(Supplier<OrderBook> books) {
        OrderBook book = books.get();
        book.place(1, ALICE, 0, BUY, 100, 5, DAY, false, listener);
        book.place(2, BOB, 0, BUY, 102, 1, DAY, false, listener);
        book.place(3, CAROL, 0, BUY, 100, 2, DAY, false, listener);
        book.place(4, CAROL, 0, BUY, 99, 2, DAY, false, listener);
        List<String> levels = new ArrayList<>();
        book.forEachLevel(io.bourse.core.order.Side.BUY, 2, (price, lots, count) -> levels.add(price + "x" + lots + "/" + count));
        assertThat(levels).containsExactly("102x1/1", "100x7/2");
    }
}
