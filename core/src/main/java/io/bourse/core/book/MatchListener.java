package io.bourse.core.book;

import io.bourse.core.order.EndReason;

/** Receives what a book does, in the order it does it. */
public interface MatchListener {

    /** A trade at the maker's price. {@code maker} is already updated; it left the book if its open quantity is zero. */
    void onTrade(BookOrder maker, long takerOrderId, long takerAccountId, long priceTicks, long lots);

    /** A resting order left the book without trading: self-trade prevention, or the end of the day. */
    void onRestingRemoved(BookOrder order, EndReason reason);
}
