package io.bourse.bench.core;

import io.bourse.core.book.BookOrder;
import io.bourse.core.book.MatchListener;
import io.bourse.core.book.OrderBook;
import io.bourse.core.order.EndReason;
import io.bourse.core.order.Side;
import io.bourse.core.order.TimeInForce;

/** Replays a workload straight into an order book: the matching engine alone, one thread. */
final class BookReplay implements MatchListener {
    private final OrderBook book;
    long trades;
    long removals;

    BookReplay(OrderBook book) {
        this.book = book;
    }

    void run(OrderBookWorkload w, int from, int to) {
        for (int i = from; i < to; i++) {
            Side side = w.buy[i] ? Side.BUY : Side.SELL;
            switch (w.kind[i]) {
                case OrderBookWorkload.NEW_GTC -> book.place(w.orderId[i], w.accountId[i], 0, side, w.priceTicks[i], w.lots[i],
                        TimeInForce.GOOD_TILL_CANCELED, false, this);
                case OrderBookWorkload.MARKETABLE_IOC -> book.place(w.orderId[i], w.accountId[i], 0, side, w.priceTicks[i], w.lots[i],
                        TimeInForce.IMMEDIATE_OR_CANCEL, false, this);
                case OrderBookWorkload.FILL_OR_KILL -> book.place(w.orderId[i], w.accountId[i], 0, side, w.priceTicks[i], w.lots[i],
                        TimeInForce.FILL_OR_KILL, false, this);
                case OrderBookWorkload.AMEND_PRICE -> book.amend(w.orderId[i], w.priceTicks[i], w.lots[i], this);
                case OrderBookWorkload.REDUCE -> book.reduce(w.orderId[i], w.lots[i]);
                case OrderBookWorkload.CANCEL -> book.cancel(w.orderId[i]);
                default -> throw new IllegalStateException("unknown command kind " + w.kind[i]);
            }
        }
    }

    @Override
    public void onTrade(BookOrder maker, long takerOrderId, long takerAccountId, long priceTicks, long lots) {
        trades++;
    }

    @Override
    public void onRestingRemoved(BookOrder order, EndReason reason) {
        removals++;
    }
}
